/**
 * The groups and kinds of to-do items (GET /api/me/todo), shared by the server and the web, which
 * turns each kind and its data into words through its dictionaries.
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
  'assessment_reopened',
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
