import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Recomputes the access closure `unit_scope` from the parent history and the succession events,
 * inside the caller's transaction. Units change rarely (a reorganisation, an import), and a full
 * recomputation is one statement, so it is always exactly consistent with the source tables.
 */
export async function rebuildUnitScope(tx: Db): Promise<void> {
  await tx.execute(sql`delete from unit_scope`);
  await tx.execute(sql`
    insert into unit_scope (ancestor_id, descendant_id)
    with recursive
      edges (parent, child) as (
        select parent_id, unit_id from unit_parents
        union
        select t.unit_id, f.unit_id
          from unit_event_units t
          join unit_event_units f on f.event_id = t.event_id and f.role = 'from'
         where t.role = 'to' and f.unit_id <> t.unit_id
      ),
      closure (a, d) as (
        select id, id from units
        union
        select c.a, e.child from closure c join edges e on e.parent = c.d
      )
    select a, d from closure`);
}
