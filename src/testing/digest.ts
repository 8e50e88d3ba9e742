import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';

/** Tables whose rows change on every request whatever it does (sessions are touched, attempts counted). */
const VOLATILE = new Set(['sessions', 'login_attempts', 'login_throttles', 'data_epochs', '__drizzle_migrations']);

/**
 * A fingerprint of every table: equal before and after a request exactly when the request changed
 * nothing. Each table gives its row count and the newest row version (`xmin`, the id of the
 * transaction that wrote the row): an insert or an update leaves a row written by a newer
 * transaction, a delete lowers the count, and a rolled-back write leaves no visible row. Row locks
 * (`FOR UPDATE`) do not count as changes. Used to prove that a refused write wrote nothing, anywhere.
 */
export async function dbDigest(db: Db): Promise<Map<string, string>> {
  const tables = (await tablesOf(db)).filter((t) => !VOLATILE.has(t));
  const parts = tables.map(
    (t) =>
      sql`select ${t} as t, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as d from ${sql.identifier(t)} x`,
  );
  const rows = rowsOf<{ t: string; d: string }>(await db.execute(sql.join(parts, sql` union all `)));
  return new Map(rows.map((r) => [r.t, r.d]));
}

const tableLists = new WeakMap<Db, Promise<string[]>>();
function tablesOf(db: Db): Promise<string[]> {
  let list = tableLists.get(db);
  if (!list) {
    list = db
      .execute(sql`select tablename as t from pg_tables where schemaname = 'public' order by tablename`)
      .then((res) => rowsOf<{ t: string }>(res).map((r) => r.t));
    tableLists.set(db, list);
  }
  return list;
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}
