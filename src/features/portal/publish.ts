/**
 * Publishing control for the public portal. Nothing is public until the office publishes it: a
 * unit's verified figures up to a month (covering the units below it), a capital project, or an
 * OCOP product (its own flag). Unpublishing removes the row, so every public page and download —
 * all computed per request, served with `no-cache` — stops showing it at once. Both acts are audited.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { projects, publications, units } from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { scopeFilter } from '../access/authorize';
import { one, write } from '../access/write-path';
import { publicationView } from './schemas';

export async function publishPeriod(deps: Deps, actor: Actor, meta: RequestMeta, input: { unitId: number; month: string }) {
  const period = `${input.month}-01`;
  if (period > todayVn(meta.now)) throw ruleViolation('portal_future_month');
  return write(
    { deps, actor, meta },
    {
      can: 'portal.publish',
      endedUnits: 'allow', // publishing a dissolved unit's verified figures changes none of them
      load: async () => input,
      units: (i) => i.unitId,
      apply: async (tx) => {
        const [row] = await tx
          .insert(publications)
          .values({ kind: 'period', unitId: input.unitId, period, publishedAt: meta.now, publishedBy: actor.userId })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new AppError('CONFLICT', { reason: 'already_published' });
        return {
          result: row,
          audit: { action: 'publication.publish', entityType: 'publication', entityId: row.id, unitId: input.unitId, after: row },
        };
      },
    },
  );
}

export async function publishProject(deps: Deps, actor: Actor, meta: RequestMeta, projectId: number) {
  return write(
    { deps, actor, meta },
    {
      can: 'portal.publish',
      endedUnits: 'allow', // publishing a dissolved unit's verified figures changes none of them
      load: (db) => one(db.select().from(projects).where(eq(projects.id, projectId))),
      units: (p) => p.unitId,
      apply: async (tx, project) => {
        const [row] = await tx
          .insert(publications)
          .values({ kind: 'project', unitId: project.unitId, projectId, publishedAt: meta.now, publishedBy: actor.userId })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new AppError('CONFLICT', { reason: 'already_published' });
        return {
          result: row,
          audit: {
            action: 'publication.publish',
            entityType: 'publication',
            entityId: row.id,
            unitId: project.unitId,
            after: { ...row, projectCode: project.code },
          },
        };
      },
    },
  );
}

export async function unpublish(deps: Deps, actor: Actor, meta: RequestMeta, id: number) {
  return write(
    { deps, actor, meta },
    {
      can: 'portal.publish',
      endedUnits: 'allow', // publishing a dissolved unit's verified figures changes none of them
      load: (db) => one(db.select().from(publications).where(eq(publications.id, id))),
      units: (r) => r.unitId,
      apply: async (tx, row) => {
        const gone = await tx.delete(publications).where(eq(publications.id, id)).returning({ id: publications.id });
        if (!gone.length) throw new AppError('NOT_FOUND');
        return {
          result: { id },
          audit: { action: 'publication.unpublish', entityType: 'publication', entityId: id, unitId: row.unitId, before: row },
        };
      },
    },
  );
}

export async function listPublications(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({ p: publications, unitName: units.name, projectCode: projects.code, projectName: projects.name })
    .from(publications)
    .innerJoin(units, eq(units.id, publications.unitId))
    .leftJoin(projects, eq(projects.id, publications.projectId))
    .where(scopeFilter(deps.db, actor, 'portal.publish', publications.unitId))
    .orderBy(desc(publications.publishedAt));
  return rows.map((r) => ({
    ...publicationView(r.p),
    unitName: r.unitName,
    projectCode: r.projectCode,
    projectName: r.projectName,
  }));
}

/** Ids of published projects among `ids` (all published ones when `ids` is omitted). */
export async function publishedProjectIds(deps: Deps, ids?: number[]): Promise<Set<number>> {
  const rows = await deps.db
    .select({ id: publications.projectId })
    .from(publications)
    .where(and(eq(publications.kind, 'project'), ids ? inArray(publications.projectId, ids.length ? ids : [0]) : undefined));
  return new Set(rows.map((r) => r.id!));
}
