import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { auditEvents, units } from '../../db/schema';
import { grantUnitsFor, scopeFilter } from '../access/authorize';

export type AuditFilter = {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: number | undefined;
  unitId?: number | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

/**
 * Events about units in the actor's audit.read scope; events tied to no unit (sign-in failures,
 * imports spanning units) only for those who may verify the whole trail.
 */
export async function listAuditEvents(db: Db, actor: Actor, f: AuditFilter) {
  const scoped = scopeFilter(db, actor, 'audit.read', auditEvents.unitId);
  const global = grantUnitsFor(actor, 'audit.verify').length > 0;
  const conds: SQL[] = [global ? or(scoped, isNull(auditEvents.unitId))! : scoped];
  if (f.from) conds.push(gte(auditEvents.at, new Date(`${f.from}T00:00:00+07:00`)));
  if (f.to) conds.push(lt(auditEvents.at, sql`${new Date(`${f.to}T00:00:00+07:00`)}::timestamptz + interval '1 day'`));
  if (f.action) conds.push(sql`${auditEvents.action} like ${f.action.replace(/[%_]/g, '') + '%'}`);
  if (f.entityType) conds.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditEvents.entityId, f.entityId));
  if (f.actorUserId) conds.push(eq(auditEvents.actorUserId, f.actorUserId));
  if (f.unitId) conds.push(eq(auditEvents.unitId, f.unitId));
  if (f.beforeSeq) conds.push(lt(auditEvents.seq, f.beforeSeq));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.seq))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const unitIds = [...new Set(page.map((r) => r.unitId).filter((x): x is number => x !== null))];
  const names = new Map(
    unitIds.length
      ? (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  return {
    items: page.map((r) => ({
      seq: r.seq,
      at: r.at.toISOString(),
      actorUserId: r.actorUserId,
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      unitId: r.unitId,
      unitName: r.unitId ? (names.get(r.unitId) ?? null) : null,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      ip: r.ip,
      hash: r.hash,
    })),
    nextBeforeSeq: rows.length > f.limit ? page[page.length - 1]!.seq : null,
  };
}
