import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';
import type { TargetLevel } from '../../domain/criteria/levels';
import type { IndicatorValue } from '../../domain/criteria/schema';

/** One commune under the chosen unit, with the values of its latest verified month up to the chosen month. */
export type CommuneValues = {
  unitId: number;
  name: string;
  type: string;
  assessmentId: number | null;
  /** yyyy-mm-dd, the first day of the month whose values are used; null when none is verified. */
  period: string | null;
  targetLevel: TargetLevel | null;
  classCode: string | null;
  /** The commune's region (2021–2025) and commune group (2026–2030) on that month. */
  region7: string | null;
  group3: string | null;
  /** Which of the set owners govern the commune (its ancestors over time, and itself). */
  owners: number[];
  values: Record<string, IndicatorValue | null> | null;
};

const monthEnd = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * Every commune under `unitId` that existed during `month`, with its latest verified month at or
 * before it (as the dashboards count), that month's values as one JSON object, its classes and the
 * set owners above it — one statement, whatever the number of communes. The caller has authorised
 * the actor on `unitId`; every row lies under it.
 */
export async function communeValues(db: Db, unitId: number, month: string, setOwners: number[]): Promise<CommuneValues[]> {
  const start = `${month}-01`;
  const end = monthEnd(month);
  const owners = setOwners.length
    ? sql.join(
        setOwners.map((o) => sql`${o}`),
        sql`, `,
      )
    : sql`null`;
  const classOf = (dimension: 'region7' | 'group3') => sql`(
    select c.value from unit_classifications c
     where c.unit_id = t.id and c.dimension = ${dimension} and c.effective_from <= l.period
       and (c.effective_to is null or c.effective_to > l.period)
     order by c.effective_from desc limit 1)`;
  const result = await db.execute(sql`
    with target as (
      select u.id, u.name, u.type from units u
        join unit_scope s on s.descendant_id = u.id and s.ancestor_id = ${unitId}
       where u.type in ('commune', 'special_zone')
         and u.effective_from <= ${end} and (u.effective_to is null or u.effective_to > ${start})
    )
    select t.id as "unitId", t.name, t.type, l.id as "assessmentId", l.period::text as period,
           l.target_level as "targetLevel", l.class_code as "classCode",
           ${classOf('region7')} as region7, ${classOf('group3')} as group3,
           array(select g.ancestor_id from unit_scope g where g.descendant_id = t.id and g.ancestor_id in (${owners})) as owners,
           (select jsonb_object_agg(v.indicator_code, v.value) from assessment_values v
             where v.assessment_id = l.id and v.value is not null) as values
      from target t
      left join lateral (
        select a.id, a.period, a.target_level, a.class_code from assessments a
         where a.unit_id = t.id and a.status = 'verified' and a.period <= ${start}
         order by a.period desc limit 1
      ) l on true`);
  return rowsOf<CommuneValues>(result);
}
