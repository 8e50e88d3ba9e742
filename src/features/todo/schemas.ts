import { z } from '@hono/zod-openapi';
import { TRANSITIONS } from '../../domain/ocop/cycle';

/**
 * What waits for the signed-in person, one group per kind of work. An item carries data only (names,
 * months as yyyy-mm, counts, dates); the web turns `kind` and that data into words in the reader's
 * language, so no internal code reaches the screen.
 */
export const TODO_GROUPS = [
  /** Commune officer: months to open, fill in, send, or correct after a return. */
  'assessments',
  /** Office: months sent and waiting for verification. */
  'verification',
  /** Roadmap items due or overdue (one's unit, one's agency, or led by oneself). */
  'roadmap_due',
  /** Office: items suggested from the gap list, waiting for confirmation. */
  'roadmap_suggestions',
  /** Office: citizens' feedback from the public portal waiting for moderation. */
  'feedback',
  /** Office: OCOP steps where the office acts next (reviews, rounds, certificates). */
  'ocop_office',
  /** Council member of an OCOP round: products to score; the chair: products to decide. */
  'ocop_scoring',
  /** Producer: own products whose next step is theirs, with the documents it needs. */
  'ocop_producer',
  /** Council (secretariat, delegates): requests near or past their deadline, reports to evaluate, petitions. */
  'oversight_council',
  /** Addressees of the council: requests to report on, petitions to answer. */
  'oversight_respond',
] as const;
export type TodoGroupKey = (typeof TODO_GROUPS)[number];

export const TODO_KINDS = [
  'assessment_open',
  'assessment_draft',
  'assessment_returned',
  'assessment_submitted',
  'roadmap_due',
  'roadmap_unconfirmed',
  'feedback_pending',
  'ocop_idea_review',
  'ocop_plan_review',
  'ocop_awaiting_round',
  'ocop_round_decide',
  'ocop_round_close',
  'ocop_certificate',
  'ocop_score',
  'ocop_producer_step',
  'recommendation_deadline',
  'recommendation_reported',
  'petition_received',
  'petition_answered',
  'recommendation_to_report',
  'petition_to_answer',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

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
