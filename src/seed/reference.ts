import { and, count, eq } from 'drizzle-orm';
import type { Deps } from '../context';
import { criteriaSets, disbursementRules, fundingSources, units } from '../db/schema';
import { rebuildUnitScope } from '../features/units/scope';
import { insertUnit } from '../features/units/write';
import capital from './capital/funding-sources.json';
import { ensureShippedSheets } from '../features/ocop/sheets';
import { loadShippedSets } from './demo-criteria';

/**
 * Reference data every installation needs, demo or not: the country, the national criteria sets,
 * funding sources, disbursement deadline rules and the shipped OCOP scoring sheets. Idempotent; runs at every start.
 */
export async function ensureReferenceData(deps: Deps) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    let [country] = await tx
      .select()
      .from(units)
      .where(and(eq(units.type, 'country'), eq(units.code, 'VN')));
    if (!country) {
      country = await insertUnit(
        tx,
        { code: 'VN', name: 'Việt Nam', type: 'country', effectiveFrom: '1945-09-02', parentId: null },
        now,
      );
      await rebuildUnitScope(tx);
    }
    const [sets] = await tx.select({ n: count() }).from(criteriaSets);
    if (!sets?.n) await loadShippedSets(tx, country.id, now);
    // One statement per table (rows already there are left as they are): this runs at every start.
    await tx
      .insert(fundingSources)
      .values(capital.sources.map((s, i) => ({ ...(s as typeof fundingSources.$inferInsert), sortOrder: i })))
      .onConflictDoNothing();
    await tx.insert(disbursementRules).values(capital.deadlineRules).onConflictDoNothing();
    await ensureShippedSheets(tx, now);
  });
}
