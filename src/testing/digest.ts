import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';

/** Tables whose rows change on every request whatever it does (sessions are touched, attempts counted). */
const VOLATILE = new Set(['sessions', 'login_attempts', 'login_throttles', 'data_epochs', '__drizzle_migrations']);

/**
 * A fingerprint of every table: equal before and after a request exactly when the request changed
 * nothing. The first call installs, on every table, statement triggers that log each committed
 * statement that inserted, updated or deleted at least one row (a rolled-back write leaves no log
 * row; row locks and statements that touch no row log nothing); the fingerprint is the newest log
 * entry per table. Reading it costs one small query whatever the size of the data, so a test can
 * take it around every request. Used to prove that a refused write wrote nothing, anywhere.
 */
export async function dbDigest(db: Db): Promise<Map<string, string>> {
  await changeLog(db);
  const rows = rowsOf<{ t: string; d: string }>(await db.execute(sql`select t, max(id)::text as d from _row_changes group by t`));
  return new Map(rows.map((r) => [r.t, r.d]));
}

const logs = new WeakMap<Db, Promise<void>>();
function changeLog(db: Db): Promise<void> {
  let ready = logs.get(db);
  if (!ready) {
    ready = installChangeLog(db);
    logs.set(db, ready);
  }
  return ready;
}

async function installChangeLog(db: Db) {
  await db.execute(
    sql`create table if not exists _row_changes (id bigint generated always as identity primary key, t text not null)`,
  );
  await db.execute(
    sql.raw(`create or replace function _log_row_change() returns trigger language plpgsql as $$
begin
  if exists (select 1 from changed) then insert into _row_changes (t) values (TG_TABLE_NAME); end if;
  return null;
end $$`),
  );
  const tables = rowsOf<{ t: string }>(
    await db.execute(sql`select tablename as t from pg_tables where schemaname = 'public' order by tablename`),
  )
    .map((r) => r.t)
    .filter((t) => !VOLATILE.has(t) && t !== '_row_changes');
  for (const t of tables)
    for (const [event, which] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const)
      await db.execute(
        sql.raw(
          `create or replace trigger "_log_${event}" after ${event} on "${t}" referencing ${which} table as changed for each statement execute function _log_row_change()`,
        ),
      );
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}
