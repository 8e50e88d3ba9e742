import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { units } from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { UNIT_LEVEL, type UnitType } from '../../shared/roles';
import { write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { activeOn, getUnitRow } from './queries';
import { rebuildUnitScope } from './scope';
import { insertUnit, lockUnitTree } from './write';

export type CreateUnitInput = {
  code: string;
  name: string;
  type: UnitType;
  parentId: number;
  effectiveFrom: string;
  verified?: boolean | undefined;
  sourceNote?: string | null | undefined;
};

/** Checks shared by a single create and a CSV import: a live parent one level up, a free code. */
export async function checkNewUnit(db: Db, input: Omit<CreateUnitInput, 'parentId'> & { parentId: number }) {
  const parent = await getUnitRow(db, input.parentId);
  if (!parent) throw new AppError('NOT_FOUND', { entity: 'unit', id: input.parentId });
  if (parent.effectiveFrom > input.effectiveFrom || (parent.effectiveTo && parent.effectiveTo <= input.effectiveFrom)) {
    throw ruleViolation('parent_not_active', { parentId: parent.id, date: input.effectiveFrom });
  }
  if (UNIT_LEVEL[input.type] <= UNIT_LEVEL[parent.type]) {
    throw ruleViolation('level_not_below_parent', { parentType: parent.type, type: input.type });
  }
  const clash = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, input.code), activeOn(units, input.effectiveFrom)));
  if (clash.length) throw new AppError('CONFLICT', { field: 'code', code: input.code });
  return parent;
}

export async function createUnit(deps: Deps, actor: Actor, meta: RequestMeta, input: CreateUnitInput) {
  return write(
    { deps, actor, meta },
    {
      can: 'unit.manage',
      load: async () => input,
      units: (i) => i.parentId,
      lock: async (tx, i) => {
        await lockUnitTree(tx);
        return i;
      },
      apply: async (tx, i) => {
        await checkNewUnit(tx, i);
        const row = await insertUnit(tx, { ...i, verified: i.verified ?? true }, meta.now);
        await rebuildUnitScope(tx);
        return {
          result: row,
          audit: {
            action: 'unit.create',
            entityType: 'unit',
            entityId: row.id,
            unitId: row.id,
            after: { ...auditSnapshot(row), parentId: i.parentId },
          },
        };
      },
    },
  );
}
