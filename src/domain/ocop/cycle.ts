/**
 * The standard OCOP cycle as a state machine: who may take each step, which documents it needs,
 * and the return loops (idea resubmitted, plan resubmitted, re-evaluation in a later round).
 */
export type Stage =
  | 'awareness'
  | 'idea_registered'
  | 'idea_returned'
  | 'plan_submitted'
  | 'plan_returned'
  | 'implementing'
  | 'evaluation'
  | 'promotion';
export type Actor = 'producer' | 'commune' | 'office';

/** The steps people take through the cycle (the council's result moves a product by itself). */
export const OCOP_ACTIONS = [
  'register_idea',
  'return_idea',
  'resubmit_idea',
  'submit_plan',
  'return_plan',
  'resubmit_plan',
  'approve_plan',
  'submit_for_evaluation',
  're_evaluate',
] as const;
export type OcopAction = (typeof OCOP_ACTIONS)[number];

export type Transition = {
  action: OcopAction;
  from: Stage[];
  to: Stage;
  by: Actor[];
  documents: string[];
  noteRequired?: boolean;
};

export const STEP_OF: Record<Stage, number> = {
  awareness: 1,
  idea_registered: 2,
  idea_returned: 2,
  plan_submitted: 3,
  plan_returned: 3,
  implementing: 4,
  evaluation: 5,
  promotion: 6,
};

export const DOCUMENTS: Record<string, { vi: string; en: string }> = {
  phieu_y_tuong: { vi: 'Phiếu đăng ký ý tưởng sản phẩm', en: 'Product idea registration form' },
  phuong_an_sxkd: { vi: 'Phương án / dự án sản xuất kinh doanh', en: 'Business plan' },
  ban_tu_danh_gia: { vi: 'Bản tự đánh giá theo phiếu chấm điểm', en: 'Self-assessment against the scoring sheet' },
  cong_bo_chat_luong: { vi: 'Hồ sơ công bố chất lượng / tiêu chuẩn cơ sở', en: 'Quality declaration' },
  nhan_bao_bi: { vi: 'Nhãn, bao bì sản phẩm', en: 'Label and packaging' },
  cau_chuyen_san_pham: { vi: 'Câu chuyện sản phẩm', en: 'Product story' },
  giay_phep_kinh_doanh: { vi: 'Giấy đăng ký kinh doanh của chủ thể', en: 'Business registration' },
};

export const TRANSITIONS: Transition[] = [
  {
    action: 'register_idea',
    from: ['awareness'],
    to: 'idea_registered',
    by: ['producer', 'commune', 'office'],
    documents: ['phieu_y_tuong'],
  },
  { action: 'return_idea', from: ['idea_registered'], to: 'idea_returned', by: ['office'], documents: [], noteRequired: true },
  {
    action: 'resubmit_idea',
    from: ['idea_returned'],
    to: 'idea_registered',
    by: ['producer', 'commune', 'office'],
    documents: ['phieu_y_tuong'],
  },
  {
    action: 'submit_plan',
    from: ['idea_registered'],
    to: 'plan_submitted',
    by: ['producer', 'commune', 'office'],
    documents: ['phuong_an_sxkd'],
  },
  { action: 'return_plan', from: ['plan_submitted'], to: 'plan_returned', by: ['office'], documents: [], noteRequired: true },
  {
    action: 'resubmit_plan',
    from: ['plan_returned'],
    to: 'plan_submitted',
    by: ['producer', 'commune', 'office'],
    documents: ['phuong_an_sxkd'],
  },
  { action: 'approve_plan', from: ['plan_submitted'], to: 'implementing', by: ['office'], documents: [] },
  {
    action: 'submit_for_evaluation',
    from: ['implementing'],
    to: 'evaluation',
    by: ['producer', 'commune', 'office'],
    documents: ['ban_tu_danh_gia', 'cong_bo_chat_luong', 'nhan_bao_bi', 'cau_chuyen_san_pham', 'giay_phep_kinh_doanh'],
  },
  /** A re-evaluation (expiring certificate, upgrade) or a later round after a result below 3★. */
  { action: 're_evaluate', from: ['promotion'], to: 'evaluation', by: ['producer', 'office'], documents: ['ban_tu_danh_gia'] },
];

/** Set by the council's result, not by people: recognised → promotion; below 3★ → back to implementing. */
export const SYSTEM_TRANSITIONS = {
  recognised: { from: 'evaluation' as Stage, to: 'promotion' as Stage },
  notRecognised: { from: 'evaluation' as Stage, to: 'implementing' as Stage },
};

export type TransitionProblem =
  'unknown_action' | 'not_from_this_stage' | 'not_allowed_for_actor' | 'documents_missing' | 'note_required';

export function checkTransition(
  stage: Stage,
  action: string,
  actor: Actor,
  documents: string[],
  note: string | null | undefined,
): { ok: true; to: Stage } | { ok: false; problem: TransitionProblem; missing?: string[] } {
  const t = TRANSITIONS.find((x) => x.action === action);
  if (!t) return { ok: false, problem: 'unknown_action' };
  if (!t.from.includes(stage)) return { ok: false, problem: 'not_from_this_stage' };
  if (!t.by.includes(actor)) return { ok: false, problem: 'not_allowed_for_actor' };
  const missing = t.documents.filter((d) => !documents.includes(d));
  if (missing.length) return { ok: false, problem: 'documents_missing', missing };
  if (t.noteRequired && !note?.trim()) return { ok: false, problem: 'note_required' };
  return { ok: true, to: t.to };
}

export function actionsFrom(stage: Stage, actor: Actor) {
  return TRANSITIONS.filter((t) => t.from.includes(stage) && t.by.includes(actor));
}

/** The steps open from `stage` for anyone, in the table's order. */
export function openActions(stage: Stage): OcopAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(stage)).map((t) => t.action);
}

/** The transition of a step. */
export function transitionOf(action: OcopAction): Transition {
  return TRANSITIONS.find((t) => t.action === action)!;
}

/**
 * Whom a product at `stage` waits for, read from the transitions table: the council while it is
 * being evaluated; the office where only the office may take the next step (reviewing an idea or a
 * plan); the producer (or the commune on its behalf) where the next step is theirs. A recognised
 * product waits for nobody: a re-evaluation is the producer's choice, not a pending step.
 */
export function waitsOn(stage: Stage): 'council' | 'office' | 'producer' | null {
  if (stage === SYSTEM_TRANSITIONS.recognised.from) return 'council';
  if (stage === SYSTEM_TRANSITIONS.recognised.to) return null;
  const next = TRANSITIONS.filter((t) => t.from.includes(stage));
  if (next.some((t) => t.by.length === 1 && t.by[0] === 'office')) return 'office';
  return next.some((t) => t.by.includes('producer')) ? 'producer' : null;
}

/** The producer's next step at `stage` and the documents it needs (null when the step is not theirs). */
export function producerNextStep(stage: Stage): Transition | null {
  if (waitsOn(stage) !== 'producer') return null;
  return TRANSITIONS.find((t) => t.from.includes(stage) && t.by.includes('producer')) ?? null;
}
