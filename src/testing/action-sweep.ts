import { expect } from 'vitest';
import type { Db } from '../db/client';
import { dbDigest } from './digest';

type Answer = { status: number; body: unknown };

/** Statuses a step refused for the caller or for the record's state answers (scope, permission, lifecycle). */
const REFUSED = [403, 404, 409, 422];

/**
 * Proves, for one caller and one state of a record, that the steps its page lists are exactly those
 * the API accepts. Every step is tried: a listed one on a fresh record in that state must succeed
 * (or fail only for a content reason, `contentRefusal`); an unlisted one must be refused and change
 * nothing anywhere. Returns the listed steps, so the test can say which they should be.
 */
export async function sweepActions<A extends string>(
  db: Db,
  o: {
    steps: readonly A[];
    /** A new record in the state under test. */
    fresh: () => Promise<number>;
    /** The `actions` the caller reads on the record's page ([] when the page is refused). */
    listed: (id: number) => Promise<A[]>;
    take: (step: A, id: number) => Promise<Answer>;
    contentRefusal?: (step: A, res: Answer) => boolean;
  },
): Promise<A[]> {
  const id = await o.fresh();
  const listed = await o.listed(id);
  for (const step of o.steps) {
    if (listed.includes(step)) {
      const res = await o.take(step, await o.fresh());
      const ok = (res.status >= 200 && res.status < 300) || (o.contentRefusal?.(step, res) ?? false);
      expect(ok, `${step} is listed but answered ${res.status} ${JSON.stringify(res.body)}`).toBe(true);
    } else {
      const before = await dbDigest(db);
      const res = await o.take(step, id);
      expect(REFUSED, `${step} is not listed but answered ${res.status}`).toContain(res.status);
      expect(await dbDigest(db)).toEqual(before);
    }
  }
  return listed;
}
