import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { auditEvents, units, unitScope } from '../../db/schema';
import { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS, type AuditAction } from '../../shared/audit-actions';
import { sortVi } from '../../shared/vi';
import { grantUnitsFor, scopeFilter } from '../access/authorize';
import { describeObjects } from './objects';

export type AuditFilter = {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  kind?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: number | undefined;
  unitId?: number | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

/** The stored names of an action: its name now and the names earlier releases wrote for it. */
function storedNames(action: AuditAction): string[] {
  return [action, ...Object.entries(LEGACY_AUDIT_ACTIONS).flatMap(([old, now]) => (now === action ? [old] : []))];
}

/** Events in the actor's audit.read scope, with a person's filters; the shared part of the list and the people in it. */
function auditConditions(db: Db, actor: Actor, f: Omit<AuditFilter, 'limit' | 'beforeSeq' | 'actorUserId'>): SQL[] {
  const scoped = scopeFilter(db, actor, 'audit.read', auditEvents.unitId);
  const global = grantUnitsFor(actor, 'audit.verify').length > 0;
  const conds: SQL[] = [global ? or(scoped, isNull(auditEvents.unitId))! : scoped];
  if (f.from) conds.push(gte(auditEvents.at, new Date(`${f.from}T00:00:00+07:00`)));
  if (f.to) conds.push(lt(auditEvents.at, sql`${new Date(`${f.to}T00:00:00+07:00`)}::timestamptz + interval '1 day'`));
  if (f.action) {
    const names = f.action in AUDIT_ACTIONS ? storedNames(f.action as AuditAction) : [];
    const prefix = sql`${auditEvents.action} like ${f.action.replace(/[\\%_]/g, (ch) => `\\${ch}`) + '%'}`;
    conds.push(names.length ? inArray(auditEvents.action, names) : prefix);
  }
  if (f.kind) {
    const actions = (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => a.startsWith(`${f.kind}.`));
    conds.push(actions.length ? inArray(auditEvents.action, actions.flatMap(storedNames)) : sql`false`);
  }
  if (f.entityType) conds.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditEvents.entityId, f.entityId));
  if (f.unitId)
    conds.push(
      inArray(
        auditEvents.unitId,
        db.select({ id: unitScope.descendantId }).from(unitScope).where(eq(unitScope.ancestorId, f.unitId)),
      ),
    );
  return conds;
}

/**
 * Events about units in the actor's audit.read scope; events tied to no unit (sign-in failures,
 * imports spanning units) only for those who may verify the whole trail. A unit filter takes the
 * unit and every unit under it; each event names its object as it is called now, with its page.
 */
export async function listAuditEvents(db: Db, actor: Actor, f: AuditFilter) {
  const conds = auditConditions(db, actor, f);
  if (f.actorUserId) conds.push(eq(auditEvents.actorUserId, f.actorUserId));
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
  const objectOf = await describeObjects(db, page);
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
      objectName: objectOf(r).name,
      objectLink: objectOf(r).link,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      ip: r.ip,
      hash: r.hash,
    })),
    nextBeforeSeq: rows.length > f.limit ? page[page.length - 1]!.seq : null,
  };
}

/** The people who appear in the trail the actor may read (for the "who" filter), in Vietnamese order. */
export async function listAuditActors(db: Db, actor: Actor) {
  const rows = await db
    .selectDistinct({ id: auditEvents.actorUserId, name: auditEvents.actorName })
    .from(auditEvents)
    .where(and(...auditConditions(db, actor, {}), sql`${auditEvents.actorUserId} is not null`))
    .limit(2000);
  const byId = new Map<number, string>();
  for (const r of rows) if (r.id !== null && !byId.has(r.id)) byId.set(r.id, r.name);
  return sortVi(
    [...byId].map(([id, name]) => ({ id, name })),
    (p) => p.name,
  );
}
