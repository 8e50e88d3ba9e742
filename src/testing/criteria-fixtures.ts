import type { Deps } from '../context';
import { criteriaSets, unitClassifications } from '../db/schema';
import { ensureReferenceData } from '../seed/reference';
import { makeProvince } from './factories';

/** A province with the shipped criteria sets published and commune A classified for both phases. */
export async function makeAssessableProvince(deps: Deps) {
  const p = await makeProvince(deps);
  await ensureReferenceData(deps);
  const setIds = new Map(
    (await deps.db.select({ id: criteriaSets.id, code: criteriaSets.code }).from(criteriaSets)).map((s) => [s.code, s.id]),
  );
  for (const c of [p.communeA, p.communeB]) {
    await deps.db.insert(unitClassifications).values([
      { unitId: c.id, dimension: 'region7', value: 'TDMNPB', effectiveFrom: '2021-01-01', effectiveTo: '2026-02-15' },
      { unitId: c.id, dimension: 'group3', value: 'NHOM_2', effectiveFrom: '2026-02-15' },
    ]);
  }
  return { ...p, setIds };
}
