import { and, eq, ne } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { units } from '../../db/schema';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { searchKey } from '../../shared/vi';
import { write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { activeOn } from './queries';

export type UpdateUnitInput = {
  version: number;
  code?: string | undefined;
  name?: string | undefined;
  verified?: boolean | undefined;
  sourceNote?: string | null | undefined;
};

/**
 * Corrects a unit's record (a typo in the name, a confirmed code). A real rename is a succession
 * event, not an edit: it keeps the old name for the records made under it.
 */
export async function updateUnit(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: UpdateUnitInput) {
  const row = async (db: Db, lock: boolean) => {
    const q = db.select().from(units).where(eq(units.id, id));
    const [u] = lock ? await q.for('update') : await q;
    if (!u) throw new AppError('NOT_FOUND');
    return u;
  };
  return write(
    { deps, actor, meta },
    {
      can: 'unit.manage',
      load: (db) => row(db, false),
      units: (u) => u.id,
      lock: (tx) => row(tx, true),
      version: { sent: input.version, stored: (u) => u.version },
      apply: async (tx, before) => {
        const code = input.code ?? before.code;
        const name = input.name ?? before.name;
        if (code !== before.code) {
          const clash = await tx
            .select({ id: units.id })
            .from(units)
            .where(and(eq(units.code, code), ne(units.id, id), activeOn(units, before.effectiveFrom)));
          if (clash.length) throw new AppError('CONFLICT', { field: 'code', code });
        }
        const [after] = await tx
          .update(units)
          .set({
            code,
            name,
            verified: input.verified ?? before.verified,
            sourceNote: input.sourceNote === undefined ? before.sourceNote : input.sourceNote,
            searchKey: searchKey(`${name} ${code}`),
            version: before.version + 1,
            updatedAt: meta.now,
          })
          .where(eq(units.id, id))
          .returning();
        return {
          result: after!,
          audit: {
            action: 'unit.update',
            entityType: 'unit',
            entityId: id,
            unitId: id,
            before: auditSnapshot(before),
            after: auditSnapshot(after),
          },
        };
      },
    },
  );
}
