import { z } from '@hono/zod-openapi';
import { TRANSITIONS } from '../../domain/ocop/cycle';
import { TODO_GROUPS, TODO_KINDS } from '../../shared/todo';

export { TODO_GROUPS, TODO_KINDS, type TodoGroupKey, type TodoKind } from '../../shared/todo';

/**
 * What waits for the signed-in person, one group per kind of work. An item carries data only (names,
 * months as yyyy-mm, counts, dates); the web turns `kind` and that data into words in the reader's
 * language, so no internal code reaches the screen.
 */
const OCOP_ACTIONS = TRANSITIONS.map((t) => t.action) as [string, ...string[]];

export const TodoItem = z
  .object({
    kind: z.enum(TODO_KINDS),
    unitId: z.number().int().nullable(),
    unitName: z.string().nullable(),
    /** The month concerned, yyyy-mm. */
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .nullable(),
    /** The named thing: a product, a round, a roadmap item's title, a request's or petition's text. */
    name: z.string().nullable(),
    /** An indicator code (roadmap items). */
    code: z.string().nullable(),
    /** The OCOP step a producer takes next. */
    step: z.enum(OCOP_ACTIONS).nullable(),
    /** How many: indicators returned, suggestions, feedback, products to score, documents needed. */
    count: z.number().int().nullable(),
    /** Last day to act, yyyy-mm-dd, when there is one. */
    dueDate: z.string().nullable(),
    overdue: z.boolean(),
    /** Where in the application the work is done. */
    link: z.string(),
  })
  .openapi('TodoItem');
export type TodoItem = z.infer<typeof TodoItem>;

export const TodoGroup = z
  .object({
    group: z.enum(TODO_GROUPS),
    /** Items in the group; `items` holds at most the first TODO_LIMIT of them. */
    total: z.number().int(),
    items: z.array(TodoItem),
  })
  .openapi('TodoGroup');
export type TodoGroup = z.infer<typeof TodoGroup>;

export const TodoList = z
  .object({
    /** Today in Vietnam, yyyy-mm-dd: what "overdue" was decided against. */
    today: z.string(),
    groups: z.array(TodoGroup),
  })
  .openapi('TodoList');

export const MyPeriods = z
  .object({
    /**
     * The latest month (yyyy-mm) with a verified count in the person's scope — for a commune officer,
     * with any count of their commune(s); null when there is none.
     */
    latestMonth: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .nullable(),
  })
  .openapi('MyPeriods');

/** Items shown per group; the total says how many there are. */
export const TODO_LIMIT = 20;
