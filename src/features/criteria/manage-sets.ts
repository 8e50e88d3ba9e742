import { and, eq, max, or } from 'drizzle-orm';
import type { ZodError } from 'zod';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { criteriaSets, units, unitScope } from '../../db/schema';
import { applicabilityCollisions, precedenceOf } from '../../domain/criteria/applicable';
import { overlayViolations } from '../../domain/criteria/overlay';
import { CriteriaSetDoc } from '../../domain/criteria/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { issueMessage } from '../../lib/http';
import type { Lang } from '../../lib/messages';
import { authorize } from '../access/authorize';
import { write } from '../access/write-path';
import { setMeta, type CriteriaSetRow } from './queries';

export function parseSetDocument(input: unknown, lang: Lang): CriteriaSetDoc {
  const parsed = CriteriaSetDoc.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      (parsed.error as ZodError).issues
        .slice(0, 200)
        .map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: issueMessage(i, lang) })),
    );
  }
  return parsed.data;
}

function rowValues(doc: CriteriaSetDoc, ownerUnitId: number) {
  return {
    code: doc.code,
    version: doc.version,
    level: doc.level,
    phase: doc.phase,
    nameVi: doc.name_vi,
    dimension: doc.classification.dimension,
    effectiveFrom: doc.effectiveFrom,
    effectiveTo: doc.effectiveTo,
    baseCode: doc.derivation?.baseCode ?? null,
    derivation: doc.derivation?.kind ?? null,
    ownerUnitId,
    document: doc,
    verified: doc.verified,
  };
}

const setRow = async (db: Db, id: number, lock = false) => {
  const q = db.select().from(criteriaSets).where(eq(criteriaSets.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/** Imports a set document as a draft. Published versions are never overwritten. */
export async function importCriteriaSet(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { document: unknown; ownerUnitId: number },
  lang: Lang,
) {
  await authorize(deps.db, actor, 'criteria.manage', input.ownerUnitId);
  const doc = parseSetDocument(input.document, lang);
  return write(
    { deps, actor, meta },
    {
      can: 'criteria.manage',
      load: async () => input,
      units: (i) => i.ownerUnitId,
      apply: async (tx) => {
        const [clash] = await tx
          .select({ id: criteriaSets.id })
          .from(criteriaSets)
          .where(and(eq(criteriaSets.code, doc.code), eq(criteriaSets.version, doc.version)));
        if (clash) throw new AppError('CONFLICT', { field: 'version', code: doc.code, version: doc.version });
        const [row] = await tx
          .insert(criteriaSets)
          .values({ ...rowValues(doc, input.ownerUnitId), status: 'draft', createdAt: meta.now, createdBy: actor.userId })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'criteria_set.import',
            entityType: 'criteria_set',
            entityId: row!.id,
            unitId: input.ownerUnitId,
            after: setMeta(row!),
          },
        };
      },
    },
  );
}

/** A new draft version of a set, starting from its current document. */
export async function createDraft(deps: Deps, actor: Actor, meta: RequestMeta, fromId: number) {
  return write(
    { deps, actor, meta },
    {
      can: 'criteria.manage',
      load: (db) => setRow(db, fromId),
      units: (from) => from.ownerUnitId,
      lock: (tx) => setRow(tx, fromId, true),
      apply: async (tx, from) => {
        const [agg] = await tx
          .select({ v: max(criteriaSets.version) })
          .from(criteriaSets)
          .where(eq(criteriaSets.code, from.code));
        const version = (agg?.v ?? from.version) + 1;
        const doc: CriteriaSetDoc = { ...from.document, version };
        const [row] = await tx
          .insert(criteriaSets)
          .values({ ...rowValues(doc, from.ownerUnitId), status: 'draft', createdAt: meta.now, createdBy: actor.userId })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'criteria_set.create_draft',
            entityType: 'criteria_set',
            entityId: row!.id,
            unitId: from.ownerUnitId,
            after: { ...setMeta(row!), fromId },
          },
        };
      },
    },
  );
}

/** Replaces a draft's document; code and version stay. Published sets are frozen. */
export async function updateDraft(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { rowVersion: number; document: unknown },
  lang: Lang,
) {
  const doc = parseSetDocument(input.document, lang);
  return write(
    { deps, actor, meta },
    {
      can: 'criteria.manage',
      load: (db) => setRow(db, id),
      units: (s) => s.ownerUnitId,
      lock: (tx) => setRow(tx, id, true),
      version: { sent: input.rowVersion, stored: (s) => s.rowVersion },
      apply: async (tx, current) => {
        if (current.status !== 'draft') throw ruleViolation('published_set_is_frozen');
        if (doc.code !== current.code || doc.version !== current.version) throw ruleViolation('code_and_version_are_fixed');
        const [after] = await tx
          .update(criteriaSets)
          .set({ ...rowValues(doc, current.ownerUnitId), rowVersion: current.rowVersion + 1 })
          .where(eq(criteriaSets.id, id))
          .returning();
        return {
          result: after!,
          audit: {
            action: 'criteria_set.update',
            entityType: 'criteria_set',
            entityId: id,
            unitId: current.ownerUnitId,
            before: { ...setMeta(current), changed: changedIndicators(current.document, doc) },
            after: setMeta(after!),
          },
        };
      },
    },
  );
}

function changedIndicators(a: CriteriaSetDoc, b: CriteriaSetDoc): string[] {
  const index = (d: CriteriaSetDoc) => new Map(d.criteria.flatMap((c) => c.indicators).map((i) => [i.code, JSON.stringify(i)]));
  const ia = index(a);
  const ib = index(b);
  return [...new Set([...ia.keys(), ...ib.keys()])].filter((k) => ia.get(k) !== ib.get(k));
}

/** Freezes a draft. An overlay must only tighten or add to its published base set. */
export async function publishSet(deps: Deps, actor: Actor, meta: RequestMeta, id: number, rowVersion: number) {
  return write(
    { deps, actor, meta },
    {
      can: 'criteria.manage',
      load: (db) => setRow(db, id),
      units: (s) => s.ownerUnitId,
      lock: (tx) => setRow(tx, id, true),
      version: { sent: rowVersion, stored: (s) => s.rowVersion },
      apply: async (tx, current) => {
        if (current.status !== 'draft') throw ruleViolation('already_published');
        const derivation = current.document.derivation;
        if (derivation) {
          const [base] = await tx
            .select()
            .from(criteriaSets)
            .where(
              and(
                eq(criteriaSets.code, derivation.baseCode),
                eq(criteriaSets.version, derivation.baseVersion),
                eq(criteriaSets.status, 'published'),
              ),
            );
          if (!base)
            throw ruleViolation('base_set_not_published', { baseCode: derivation.baseCode, baseVersion: derivation.baseVersion });
          if (derivation.kind === 'overlay') {
            const violations = overlayViolations(base.document, current.document);
            if (violations.length) throw ruleViolation('overlay_loosens_base', { violations: violations.slice(0, 100) });
          }
        }
        await assertApplicabilityClear(tx, current);
        const [after] = await tx
          .update(criteriaSets)
          .set({ status: 'published', publishedAt: meta.now, publishedBy: actor.userId, rowVersion: current.rowVersion + 1 })
          .where(eq(criteriaSets.id, id))
          .returning();
        return {
          result: after!,
          audit: {
            action: 'criteria_set.publish',
            entityType: 'criteria_set',
            entityId: id,
            unitId: current.ownerUnitId,
            after: setMeta(after!),
          },
        };
      },
    },
  );
}

/**
 * A set says explicitly where it applies: a national set is owned by the country, an overlay or a
 * replacement by a province; and no other set of the same level and precedence may govern the same
 * units in the same months (`applicabilityCollisions`), or which one applies would be a guess.
 */
async function assertApplicabilityClear(tx: Db, s: CriteriaSetRow) {
  const p = await applicabilityProblems(tx, s);
  if (p.precedenceUnclear) throw ruleViolation('set_precedence_unclear', { precedence: p.precedence, owner: p.owner });
  if (p.collisions.length) throw ruleViolation('set_applicability_collides', { sets: p.collisions });
}

/** What would stop a draft from being published for where it applies (see `assertApplicabilityClear`). */
export async function applicabilityProblems(tx: Db, s: CriteriaSetRow) {
  const [owner] = await tx.select({ type: units.type, name: units.name }).from(units).where(eq(units.id, s.ownerUnitId));
  const precedence = precedenceOf(s);
  const related = new Set([
    s.ownerUnitId,
    ...(
      await tx
        .select({ a: unitScope.ancestorId, d: unitScope.descendantId })
        .from(unitScope)
        .where(or(eq(unitScope.descendantId, s.ownerUnitId), eq(unitScope.ancestorId, s.ownerUnitId)))
    ).flatMap((r) => [r.a, r.d]),
  ]);
  const published = await tx
    .select()
    .from(criteriaSets)
    .where(and(eq(criteriaSets.status, 'published'), eq(criteriaSets.level, s.level)));
  const clash = applicabilityCollisions(s, published, (a, b) => a === b || (b === s.ownerUnitId && related.has(a)));
  return {
    precedence,
    owner: owner?.name ?? null,
    precedenceUnclear: (precedence === 'national') !== (owner?.type === 'country'),
    collisions: clash.map((c) => ({
      code: c.code,
      version: c.version,
      name: c.nameVi,
      effectiveFrom: c.effectiveFrom,
      effectiveTo: c.effectiveTo,
    })),
  };
}

export type { CriteriaSetRow };
