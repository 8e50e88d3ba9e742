import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { criteriaSets, units } from '../../db/schema';
import { CompiledSetCache } from '../../domain/criteria/engine';
import {
  compareSets,
  subjectsFor,
  type CommuneFigures,
  type CriterionChange,
  type UnitChange,
  type WhatIfReport,
} from '../../domain/criteria/what-if';
import { AppError, ruleViolation } from '../../lib/errors';
import { todayVn, viCollator } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { applicabilityProblems } from './manage-sets';
import type { CriteriaSetRow } from './queries';
import { communeValues, type CommuneValues } from './what-if-queries';

export type DraftImpact = Omit<WhatIfReport, 'criteria' | 'changed'> & {
  set: { id: number; code: string; version: number; name: string; level: string; derivation: string | null };
  unit: { id: number; name: string };
  month: string;
  /** Communes under the unit during the month, assessed or not. */
  unitCount: number;
  criteria: { number: string; name: string; before: number; after: number }[];
  changed: (Omit<UnitChange, 'criteria'> & { criteria: (CriterionChange & { name: string })[] })[];
  /** What would stop publishing it as it stands: an unclear precedence, or published sets it would contend with. */
  publishing: { precedenceUnclear: boolean; collisions: { code: string; version: number; name: string }[] };
};

/**
 * What publishing a draft would change, for the communes under a unit in a month: each commune's
 * latest verified month at or before it (as the dashboards count), evaluated under the sets that
 * govern that month now and with the draft published — chosen by the same rule as `applicableSets`
 * (an overlay governs the communes under its province, a new national version every commune). Only
 * someone who may publish the draft may ask, and only about units they manage.
 */
export async function previewDraftImpact(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { setId: number; month: string; unitId?: number | undefined },
): Promise<DraftImpact> {
  const db = deps.db;
  const [draft] = await db.select().from(criteriaSets).where(eq(criteriaSets.id, input.setId));
  if (!draft) throw new AppError('NOT_FOUND');
  await authorize(db, actor, 'criteria.manage', draft.ownerUnitId);
  const unitId = input.unitId ?? draft.ownerUnitId;
  if (unitId !== draft.ownerUnitId) await authorize(db, actor, 'criteria.manage', unitId);
  if (draft.status !== 'draft') throw ruleViolation('already_published');
  if (input.month > todayVn(meta.now).slice(0, 7)) throw ruleViolation('what_if_future_month');

  const published = await db.select().from(criteriaSets).where(eq(criteriaSets.status, 'published')).orderBy(criteriaSets.id);
  const asPublished: CriteriaSetRow = { ...draft, status: 'published' };
  const withDraft = [...published, asPublished];
  const owners = [...new Set(withDraft.map((s) => s.ownerUnitId))];
  const rows = await communeValues(db, unitId, input.month, owners);
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));

  // Compiled per request: a draft's document may change under the same code and version.
  const { subjects, used } = subjectsFor(figuresOf(rows), published, withDraft, new CompiledSetCache());
  const report = compareSets(subjects);
  const names = criterionNames([asPublished, ...used]);
  const nameOf = (level: string, n: string) => names.get(`${level}|${n}`) ?? n;
  return {
    set: {
      id: draft.id,
      code: draft.code,
      version: draft.version,
      name: draft.nameVi,
      level: draft.level,
      derivation: draft.derivation,
    },
    unit: { id: unitId, name: unit?.name ?? '' },
    month: input.month,
    unitCount: rows.length,
    before: report.before,
    after: report.after,
    criteria: report.criteria.map((c) => ({ ...c, name: nameOf('ntm', c.number) })),
    changed: report.changed
      .map((u) => ({ ...u, criteria: u.criteria.map((c) => ({ ...c, name: nameOf(c.level, c.criterion) })) }))
      .sort((a, b) => viCollator.compare(a.name, b.name)),
    publishing: await applicabilityProblems(db, draft).then((p) => ({
      precedenceUnclear: p.precedenceUnclear,
      collisions: p.collisions.map((c) => ({ code: c.code, version: c.version, name: c.name })),
    })),
  };
}

/** The rows of communes with a verified month, as the comparison reads them. */
function* figuresOf(rows: CommuneValues[]): Generator<CommuneFigures> {
  for (const r of rows) {
    if (r.assessmentId === null || r.period === null || r.targetLevel === null) continue;
    yield {
      unitId: r.unitId,
      name: r.name,
      type: r.type,
      period: r.period,
      target: r.targetLevel,
      classes: { region7: r.region7, group3: r.group3 },
      classCode: r.classCode ?? '',
      owners: r.owners,
      values: r.values ?? {},
    };
  }
}

/** Criterion names by level and number; earlier rows win (the draft first). */
function criterionNames(rows: CriteriaSetRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows)
    for (const c of r.document.criteria) {
      const key = `${r.level}|${c.number}`;
      if (!out.has(key)) out.set(key, c.name_vi);
    }
  return out;
}
