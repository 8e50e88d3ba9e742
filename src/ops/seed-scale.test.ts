import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { assessmentResults, disbursements, ocopProducts, units } from '../db/schema';
import { recomputeAllResults } from '../features/assessments/results';
import { createTestEnv, type TestEnv } from '../testing/harness';
import { seedScale } from './seed-scale';

/** The scale dataset is the same for the same seed, and its results are what the engine computes. */
describe('seed:scale', () => {
  const envs: TestEnv[] = [];
  afterAll(() => Promise.all(envs.map((e) => e.close())));

  async function generate(seed: number) {
    const env = await createTestEnv();
    envs.push(env);
    const summary = await seedScale(env.deps, { communes: 12, months: 3, seed, lastMonth: '2026-04' });
    const db = env.deps.db;
    const fingerprint = {
      units: (await db.select({ code: units.code, name: units.name }).from(units).orderBy(asc(units.code))).map(
        (u) => `${u.code}:${u.name}`,
      ),
      results: (await db.select().from(assessmentResults).orderBy(asc(assessmentResults.assessmentId))).map(
        (r) => `${r.criteriaMet}/${r.indicatorsMet}/${r.standardMet}`,
      ),
      ledger: (await db.select({ a: disbursements.amount }).from(disbursements).orderBy(asc(disbursements.id))).map((d) => d.a),
      products: (await db.select({ n: ocopProducts.name }).from(ocopProducts).orderBy(asc(ocopProducts.id))).map((p) => p.n),
    };
    return { env, summary, fingerprint };
  }

  it('gives the same data for the same seed and other data for another, with results equal to a recomputation', async () => {
    const a = await generate(7);
    const b = await generate(7);
    const c = await generate(8);
    expect(a.summary.counts).toMatchObject({ communes: 12, assessments: 36, projects: 36, disbursements: 144, products: 24 });
    expect(b.fingerprint).toEqual(a.fingerprint);
    expect(c.fingerprint).not.toEqual(a.fingerprint);

    const stored = await a.env.deps.db.select().from(assessmentResults);
    const fresh = await recomputeAllResults(a.env.deps.db, new Date());
    expect(stored).toHaveLength(fresh.size);
    for (const r of stored) {
      const f = fresh.get(r.assessmentId)!;
      expect({ c: r.criteriaMet, i: r.indicatorsMet, s: r.indicatorStatus }).toEqual({
        c: f.criteriaMet,
        i: f.indicatorsMet,
        s: f.indicatorStatus,
      });
    }
  });
});
