import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';

/** Tables whose rows change on every request whatever it does (sessions are touched, attempts counted). */
const VOLATILE = new Set(['sessions', 'login_attempts', 'login_throttles', 'data_epochs', '__drizzle_migrations']);

/**
 * A fingerprint of every row of every table: equal before and after a request exactly when the
 * request changed nothing. Used to prove that a refused write wrote nothing, anywhere.
 */
export async function dbDigest(db: Db): Promise<Map<string, string>> {
  const tables = rowsOf<{ t: string }>(
    await db.execute(sql`select tablename as t from pg_tables where schemaname = 'public' order by tablename`),
  )
    .map((r) => r.t)
    .filter((t) => !VOLATILE.has(t));
  const parts = tables.map(
    (t) =>
      sql`select ${t} as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as d from ${sql.identifier(t)} x`,
  );
  const rows = rowsOf<{ t: string; d: string }>(await db.execute(sql.join(parts, sql` union all `)));
  return new Map(rows.map((r) => [r.t, r.d]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}
