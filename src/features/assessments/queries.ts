import { ASSESSMENT_LIFECYCLE } from '../../domain/lifecycles/assessment';
import { isEditable } from '../../domain/lifecycles/machine';
import { aliasedTable, and, asc, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { canonicalJson } from '../../lib/canonical-json';
import type { Actor, Deps } from '../../context';
import type { Db } from '../../db/client';
import {
  assessmentResults,
  assessments,
  assessmentValues,
  auditEvents,
  criteriaSets,
  evidence,
  files,
  units,
  users,
} from '../../db/schema';
import { pickThreshold } from '../../domain/criteria/engine';
import type { CriteriaSetDoc, IndicatorValue } from '../../domain/criteria/schema';
import { authorize, grantUnitsFor, idsInScope } from '../access/authorize';
import { getAssessmentRow, setsOf, type AssessmentRow } from './load';
import { evaluateAssessment, targetDoc } from './results';
import { assessmentActions } from './step-access';

export const monthOf = (period: string) => period.slice(0, 7);

function levelOfIndicator(code: string, base: CriteriaSetDoc, advanced: CriteriaSetDoc | null): 'ntm' | 'advanced' | 'model' {
  if (base.criteria.some((c) => c.indicators.some((i) => i.code === code))) return 'ntm';
  if (advanced?.criteria.some((c) => c.indicators.some((i) => i.code === code))) return 'advanced';
  return 'model';
}

/** Everything the data-entry grid shows for one unit and month. */
export async function assessmentView(deps: Deps, actor: Actor, id: number) {
  const db = deps.db;
  const a = await getAssessmentRow(db, id);
  await authorize(db, actor, 'assessment.read', a.unitId);
  const sets = await setsOf(db, a);
  const doc = targetDoc(sets, a.targetLevel);
  const year = Number(a.period.slice(0, 4));
  const updater = aliasedTable(users, 'updater');
  const valueRows = await db
    .select({ v: assessmentValues, by: updater.fullName })
    .from(assessmentValues)
    .leftJoin(updater, eq(updater.id, assessmentValues.updatedBy))
    .where(eq(assessmentValues.assessmentId, id));
  const values = new Map(valueRows.map((r) => [r.v.indicatorCode, r]));
  const evidenceRows = await db
    .select({ e: evidence, f: files, by: users.fullName })
    .from(evidence)
    .innerJoin(files, eq(files.id, evidence.fileId))
    .leftJoin(users, eq(users.id, evidence.addedBy))
    .where(and(eq(evidence.assessmentId, id), isNull(evidence.removedAt)))
    .orderBy(asc(evidence.addedAt));
  const evaluation = evaluateAssessment(
    sets,
    a.targetLevel,
    a.classCode,
    year,
    Object.fromEntries(valueRows.filter((r) => r.v.value !== null).map((r) => [r.v.indicatorCode, r.v.value as IndicatorValue])),
  );
  const resultByCode = new Map(evaluation.target.criteria.flatMap((c) => c.indicators).map((r) => [r.code, r]));
  const [unit] = await db.select().from(units).where(eq(units.id, a.unitId));
  const [setRow] = await db.select().from(criteriaSets).where(eq(criteriaSets.id, a.setId));
  const verifier = a.verifiedBy
    ? (await db.select({ n: users.fullName }).from(users).where(eq(users.id, a.verifiedBy)))[0]?.n
    : null;
  const roots = grantUnitsFor(actor, 'assessment.enter');
  const verifyRoots = grantUnitsFor(actor, 'assessment.verify');
  const className = doc.classification.classes.find((c) => c.code === a.classCode)?.name_vi ?? a.classCode;
  // Every return and reopening of the month, with its comments: kept after the commune corrects and resubmits.
  const returns = (
    await db
      .select({
        at: auditEvents.at,
        by: auditEvents.actorName,
        person: users.fullName,
        action: auditEvents.action,
        after: auditEvents.after,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(
        and(
          eq(auditEvents.entityType, 'assessment'),
          eq(auditEvents.entityId, String(id)),
          inArray(auditEvents.action, ['assessment.return', 'assessment.reopen']),
        ),
      )
      .orderBy(asc(auditEvents.seq))
  ).map((e) => {
    const after = (e.after ?? {}) as {
      comment?: string | null;
      reason?: string | null;
      indicators?: { code: string; decision: string; comment?: string | null }[];
    };
    return {
      at: e.at.toISOString(),
      // The person's name as a page shows it (the trail also keeps their sign-in name).
      by: e.person ?? e.by,
      kind: e.action === 'assessment.reopen' ? ('reopened' as const) : ('returned' as const),
      comment: after.comment ?? after.reason ?? null,
      indicators: (after.indicators ?? [])
        .filter((i) => i.decision === 'return')
        .map((i) => ({ code: i.code, comment: i.comment ?? null })),
    };
  });
  return {
    returns,
    assessment: {
      id: a.id,
      unitId: a.unitId,
      unitName: unit!.name,
      month: monthOf(a.period),
      status: a.status,
      version: a.version,
      classCode: a.classCode,
      className,
      targetLevel: a.targetLevel,
      returnComment: a.returnComment,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      verifiedAt: a.verifiedAt?.toISOString() ?? null,
      verifiedBy: verifier ?? null,
      updatedAt: a.updatedAt.toISOString(),
    },
    set: {
      id: setRow!.id,
      code: setRow!.code,
      version: setRow!.version,
      name: setRow!.nameVi,
      legalBasis: setRow!.document.legalBasis.document,
      verified: setRow!.verified,
    },
    levels: { advanced: Boolean(sets.advanced), model: Boolean(sets.model) },
    document: doc,
    criteria: doc.criteria.map((c) => ({
      number: c.number,
      name: c.name_vi,
      group: c.group,
      verified: c.verified,
      indicators: c.indicators.map((i) => {
        const v = values.get(i.code);
        const r = resultByCode.get(i.code)!;
        const rule = pickThreshold(i.thresholds, a.classCode, year);
        return {
          code: i.code,
          text: i.text_vi,
          unit: i.unit ?? null,
          type: i.type,
          levels: i.levels ?? null,
          items: i.items ?? null,
          level: levelOfIndicator(i.code, sets.base, sets.advanced),
          threshold: rule,
          verified: i.verified && (rule?.verified ?? false),
          source: rule?.source ?? i.source ?? null,
          /** Whether the set allows "not applicable" here, how it counts and when it applies. */
          notApplicable: i.notApplicable ?? null,
          value: v?.v.value ?? null,
          note: v?.v.note ?? null,
          version: v?.v.version ?? 0,
          updatedAt: v?.v.updatedAt.toISOString() ?? null,
          updatedBy: v?.by ?? null,
          review: v?.v.review ?? 'pending',
          reviewComment: v?.v.reviewComment ?? null,
          status: r.status,
          reason: r.reason,
          shortfall: r.shortfall,
          evidence: evidenceRows
            .filter((e) => e.e.indicatorCode === i.code)
            .map((e) => ({
              id: e.e.id,
              name: e.e.originalName,
              mime: e.f.mime,
              size: e.f.size,
              hasThumbnail: e.f.hasThumbnail,
              addedAt: e.e.addedAt.toISOString(),
              addedBy: e.by,
            })),
        };
      }),
    })),
    results: {
      criteriaMet: evaluation.base.criteriaMet,
      criteriaTotal: evaluation.base.criteriaTotal,
      indicatorsMet: evaluation.base.indicatorsMet,
      indicatorsTotal: evaluation.base.indicatorsTotal,
      indicatorsMissing: evaluation.base.indicatorsMissing,
      indicatorsNotApplicable: evaluation.base.indicatorsNotApplicable,
      standardMet: evaluation.base.standardMet,
      advancedMet: evaluation.advanced ? evaluation.base.standardMet && evaluation.advanced.standardMet : null,
      modelMet: evaluation.model
        ? evaluation.base.standardMet && Boolean(evaluation.advanced?.standardMet) && evaluation.model.standardMet
        : null,
    },
    permissions: {
      canEdit: isEditable(ASSESSMENT_LIFECYCLE, a.status) && (await idsInScope(db, roots, [a.unitId])).has(a.unitId),
      canVerify: (await idsInScope(db, verifyRoots, [a.unitId])).has(a.unitId),
    },
    actions: await assessmentActions(db, actor, deps.clock.now(), a),
  };
}

export async function previousAssessment(db: Db, a: AssessmentRow) {
  const [prev] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.unitId, a.unitId), lt(assessments.period, a.period)))
    .orderBy(desc(assessments.period))
    .limit(1);
  return prev ?? null;
}

/** What changed since the unit's previous month: values, who changed them, evidence added. */
export async function assessmentDiff(deps: Deps, actor: Actor, id: number) {
  const db = deps.db;
  const a = await getAssessmentRow(db, id);
  await authorize(db, actor, 'assessment.read', a.unitId);
  const prev = await previousAssessment(db, a);
  const load = async (assessmentId: number) =>
    new Map(
      (
        await db
          .select({ v: assessmentValues, by: users.fullName })
          .from(assessmentValues)
          .leftJoin(users, eq(users.id, assessmentValues.updatedBy))
          .where(eq(assessmentValues.assessmentId, assessmentId))
      ).map((r) => [r.v.indicatorCode, r]),
    );
  const cur = await load(id);
  const old = prev ? await load(prev.id) : new Map<string, never>();
  const [curStatus] = await db.select().from(assessmentResults).where(eq(assessmentResults.assessmentId, id));
  const [oldStatus] = prev ? await db.select().from(assessmentResults).where(eq(assessmentResults.assessmentId, prev.id)) : [];
  const codes = [...new Set([...cur.keys(), ...old.keys()])];
  const changes = codes
    .map((code) => {
      const c = cur.get(code);
      const o = old.get(code);
      return {
        code,
        before: o?.v.value ?? null,
        after: c?.v.value ?? null,
        statusBefore: oldStatus?.indicatorStatus[code] ?? null,
        statusAfter: curStatus?.indicatorStatus[code] ?? null,
        changedBy: c?.by ?? null,
        changedAt: c?.v.updatedAt.toISOString() ?? null,
      };
    })
    .filter((x) => canonicalJson(x.before) !== canonicalJson(x.after) || x.statusBefore !== x.statusAfter)
    .sort((x, y) => x.code.localeCompare(y.code, 'vi', { numeric: true }));
  const addedEvidence = await db
    .select({
      id: evidence.id,
      code: evidence.indicatorCode,
      name: evidence.originalName,
      at: evidence.addedAt,
      by: users.fullName,
    })
    .from(evidence)
    .leftJoin(users, eq(users.id, evidence.addedBy))
    .where(and(eq(evidence.assessmentId, id), isNull(evidence.removedAt)));
  return {
    month: monthOf(a.period),
    previousMonth: prev ? monthOf(prev.period) : null,
    previousId: prev?.id ?? null,
    counts: {
      before: oldStatus ? { criteriaMet: oldStatus.criteriaMet, indicatorsMet: oldStatus.indicatorsMet } : null,
      after: curStatus ? { criteriaMet: curStatus.criteriaMet, indicatorsMet: curStatus.indicatorsMet } : null,
    },
    changes,
    evidenceAdded: addedEvidence.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

/** The months a unit has (read scope checked by the caller). */
export async function unitAssessments(db: Db, unitId: number) {
  const rows = await db
    .select({ a: assessments, r: assessmentResults, set: criteriaSets.code })
    .from(assessments)
    .leftJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
    .innerJoin(criteriaSets, eq(criteriaSets.id, assessments.setId))
    .where(eq(assessments.unitId, unitId))
    .orderBy(desc(assessments.period));
  return rows.map(({ a, r, set }) => ({
    id: a.id,
    month: monthOf(a.period),
    status: a.status,
    setCode: set,
    criteriaMet: r?.criteriaMet ?? null,
    criteriaTotal: r?.criteriaTotal ?? null,
    indicatorsMet: r?.indicatorsMet ?? null,
    indicatorsTotal: r?.indicatorsTotal ?? null,
  }));
}
