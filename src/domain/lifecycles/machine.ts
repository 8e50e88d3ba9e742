/**
 * A lifecycle as data: the states of a record, the steps between them and, for each step, the rule a
 * refusal names. Server and web read the same table — the server refuses a step the table does not
 * allow, the web shows only the buttons the table allows — in the style of the OCOP cycle.
 */
/**
 * Where a step leads: one state, the same state, or a state per starting state (the rest stay); the
 * rule a refusal names, and where a state needs other words (a closed item, not an unconfirmed one),
 * the rule from that state.
 */
export type Step<S extends string> = {
  from: readonly S[];
  to: S | 'same' | Partial<Record<S, S>>;
  refusal: string;
  refusals?: Partial<Record<S, string>>;
};

export type Lifecycle<S extends string, A extends string> = {
  states: readonly S[];
  /** States in which the record's content may be edited (not a step: the state stays). */
  editable: readonly S[];
  /** States nothing more happens in. */
  final: readonly S[];
  steps: Record<A, Step<S>>;
};

export function lifecycle<S extends string, A extends string>(l: Lifecycle<S, A>): Lifecycle<S, A> {
  return l;
}

/** Whether `action` may be taken from `state`. */
export function allows<S extends string, A extends string>(l: Lifecycle<S, A>, action: A, state: S): boolean {
  return l.steps[action].from.includes(state);
}

/** The state `action` leads to from `state`, or the rule that refuses it. */
export function stepFrom<S extends string, A extends string>(
  l: Lifecycle<S, A>,
  action: A,
  state: S,
): { ok: true; to: S } | { ok: false; rule: string } {
  const step = l.steps[action];
  if (!step.from.includes(state)) return { ok: false, rule: step.refusals?.[state] ?? step.refusal };
  const to = step.to === 'same' ? state : typeof step.to === 'string' ? step.to : (step.to[state] ?? state);
  return { ok: true, to };
}

/** The steps open from a state, in the table's order (what a page may offer). */
export function stepsFrom<S extends string, A extends string>(l: Lifecycle<S, A>, state: S): A[] {
  return (Object.keys(l.steps) as A[]).filter((a) => l.steps[a].from.includes(state));
}

export const isEditable = <S extends string, A extends string>(l: Lifecycle<S, A>, state: S) => l.editable.includes(state);
