import { and, eq, ne } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { units } from '../../db/schema';
import { AppError, versionConflict } from '../../lib/errors';
import { searchKey } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { auditSnapshot, writeAudit } from '../audit/write-audit';
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
  await authorize(deps.db, actor, 'unit.manage', id);
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(units).where(eq(units.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw versionConflict(before.version);
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
      .where(and(eq(units.id, id), eq(units.version, input.version)))
      .returning();
    if (!after) throw versionConflict(before.version);
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        unitId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      },
    );
    return after;
  });
}
