import { expect } from 'vitest';
import type { Db } from '../db/client';
import { changedTables, dbDigest } from './digest';

export type RuleRefusal = { error: { code: string; message: string; details: { rule?: string } } };

/**
 * Sends a request a business rule must refuse and proves it: 422 naming `rule`, a message in words
 * (never the code), and not one row of any table changed — audit trail included.
 */
export async function refusedByRule<B extends RuleRefusal>(
  db: Db,
  send: () => Promise<{ status: number; body: B }>,
  rule: string,
): Promise<B> {
  const before = await dbDigest(db);
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.details.rule).toBe(rule);
  expect(res.body.error.message).not.toContain(rule);
  expect(changedTables(before, await dbDigest(db))).toEqual([]);
  return res.body;
}
