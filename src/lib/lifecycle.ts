import { stepFrom, type Lifecycle } from '../domain/lifecycles/machine';
import { ruleViolation } from './errors';
import { RULE_TEXT, type RuleCode } from './messages';

/**
 * The state a step leads to from the record's state, or a refusal in words (its rule, with the state
 * and step, and whatever `details` the rule's words name, such as the indicator).
 */
export function takeStep<S extends string, A extends string>(
  l: Lifecycle<S, A>,
  action: A,
  state: S,
  details: Record<string, unknown> = {},
): S {
  const r = stepFrom(l, action, state);
  if (r.ok) return r.to;
  const rule = r.rule in RULE_TEXT ? (r.rule as RuleCode) : 'step_not_allowed';
  throw ruleViolation(rule, { ...details, status: state, step: action });
}
