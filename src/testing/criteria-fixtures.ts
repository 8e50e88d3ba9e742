import type { Deps } from '../context';
import { unitClassifications } from '../db/schema';
import { loadShippedSets } from '../seed/demo-criteria';
import { makeProvince } from './factories';

/** A province with the shipped criteria sets published and commune A classified for both phases. */
export async function makeAssessableProvince(deps: Deps) {
  const p = await makeProvince(deps);
  const setIds = await deps.db.transaction(async (tx) => {
    const existing = await tx.query.criteriaSets.findMany({ columns: { id: true, code: true } });
    if (existing.length) return new Map(existing.map((s) => [s.code, s.id]));
    return loadShippedSets(tx, p.country.id, deps.clock.now());
  });
  for (const c of [p.communeA, p.communeB]) {
    await deps.db.insert(unitClassifications).values([
      { unitId: c.id, dimension: 'region7', value: 'TDMNPB', effectiveFrom: '2021-01-01', effectiveTo: '2026-02-15' },
      { unitId: c.id, dimension: 'group3', value: 'NHOM_2', effectiveFrom: '2026-02-15' },
    ]);
  }
  return { ...p, setIds };
}
