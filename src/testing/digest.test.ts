import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, units } from '../db/schema';
import { changedTables, dbDigest } from './digest';
import { createTestEnv, type TestEnv } from './harness';

describe('the database fingerprint that proves a refused write wrote nothing', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it('sees an insert, an update and a delete in their tables, and nothing else', async () => {
    let before = await dbDigest(env.deps.db);
    await env.deps.db.insert(settings).values({ key: 'digest.test', unitId: 1, value: { a: 1 }, updatedAt: new Date() });
    let after = await dbDigest(env.deps.db);
    expect(changedTables(before, after)).toEqual(['settings']);
    before = after;
    await env.deps.db
      .update(settings)
      .set({ value: { a: 2 } })
      .where(eq(settings.key, 'digest.test'));
    after = await dbDigest(env.deps.db);
    expect(changedTables(before, after)).toEqual(['settings']);
    before = after;
    await env.deps.db.delete(settings).where(eq(settings.key, 'digest.test'));
    expect(changedTables(before, await dbDigest(env.deps.db))).toEqual(['settings']);
  });

  it('does not see a rolled-back write, a row lock or an update that matched no row', async () => {
    const before = await dbDigest(env.deps.db);
    await expect(
      env.deps.db.transaction(async (tx) => {
        await tx.update(settings).set({ value: { a: 3 } });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(changedTables(before, await dbDigest(env.deps.db))).toEqual([]);
    await env.deps.db.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'digest.locked', unitId: 1, value: {}, updatedAt: new Date() });
    });
    const mid = await dbDigest(env.deps.db);
    expect(changedTables(before, mid)).toEqual(['settings']);
    await env.deps.db.transaction(async (tx) => {
      await tx.select().from(settings).for('update');
      await tx.update(units).set({ sourceNote: 'không có' }).where(eq(units.id, -1));
    });
    await env.deps.db.execute(sql`select 1`);
    expect(changedTables(mid, await dbDigest(env.deps.db))).toEqual([]);
  });
});
