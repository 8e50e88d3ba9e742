import { describe, expect, it } from 'vitest';
import { RULE_TEXT } from '../../lib/messages';
import { ACTIVITY_LIFECYCLE, ACTIVITY_STATES, ACTIVITY_STEP_TO, ACTIVITY_STEPS, activityStepTo } from './activity';
import { ASSESSMENT_LIFECYCLE } from './assessment';
import { allows, stepFrom, stepsFrom, type Lifecycle } from './machine';
import { nextProjectState, PROJECT_LIFECYCLE } from './project';
import { PETITION_LIFECYCLE, PETITION_STEP_TO, PETITION_STEPS, petitionStepTo } from './petition';
import { RECOMMENDATION_LIFECYCLE } from './recommendation';
import { PLAN_LIFECYCLE } from './capital-plan';
import { ROUND_LIFECYCLE, ROUND_PRODUCT_LIFECYCLE, roundProductState } from './ocop-round';
import {
  ROADMAP_ITEM_LIFECYCLE,
  ROADMAP_ITEM_STATES,
  ROADMAP_STATUS_STEP_TO,
  ROADMAP_STATUS_STEPS,
  roadmapItemState,
  roadmapStepTo,
  storedStatus,
} from './roadmap-item';

const ALL: [string, Lifecycle<string, string>][] = [
  ['assessment', ASSESSMENT_LIFECYCLE],
  ['recommendation', RECOMMENDATION_LIFECYCLE],
  ['project', PROJECT_LIFECYCLE],
  ['activity', ACTIVITY_LIFECYCLE],
  ['petition', PETITION_LIFECYCLE],
  ['OCOP round', ROUND_LIFECYCLE],
  ['product before an OCOP council', ROUND_PRODUCT_LIFECYCLE],
  ['capital plan', PLAN_LIFECYCLE],
  ['roadmap item', ROADMAP_ITEM_LIFECYCLE],
];

describe('lifecycles are closed tables', () => {
  it.each(ALL)('%s: every step starts and ends in a known state, and every refusal has words', (_, l) => {
    for (const [action, step] of Object.entries(l.steps)) {
      expect(
        step.from.every((s) => l.states.includes(s)),
        action,
      ).toBe(true);
      for (const s of l.states) {
        const r = stepFrom(l, action, s);
        expect(r.ok, `${action} from ${s}`).toBe(allows(l, action, s));
        if (r.ok) expect(l.states).toContain(r.to);
        else expect(RULE_TEXT).toHaveProperty(r.rule);
      }
    }
    for (const s of l.editable) expect(l.states).toContain(s);
    for (const s of l.final) expect(stepsFrom(l, s), `nothing leaves ${s}`).toEqual([]);
  });

  it('a month: submitted from draft or returned; verified or returned from submitted; reopened only when verified', () => {
    const l = ASSESSMENT_LIFECYCLE;
    expect(stepsFrom(l, 'draft')).toEqual(['submit']);
    expect(stepsFrom(l, 'returned')).toEqual(['submit']);
    expect(stepsFrom(l, 'submitted')).toEqual(['verify', 'return']);
    expect(stepsFrom(l, 'verified')).toEqual(['reopen']);
    expect(stepFrom(l, 'reopen', 'verified')).toEqual({ ok: true, to: 'returned' });
    expect(stepFrom(l, 'verify', 'draft')).toEqual({ ok: false, rule: 'not_submitted' });
  });

  it('a recommendation: a report that is not done reopens a not-accepted one and keeps the others; accepted is final', () => {
    const l = RECOMMENDATION_LIFECYCLE;
    expect(stepFrom(l, 'report_progress', 'not_accepted')).toEqual({ ok: true, to: 'open' });
    expect(stepFrom(l, 'report_progress', 'reported')).toEqual({ ok: true, to: 'reported' });
    expect(stepFrom(l, 'report_done', 'open')).toEqual({ ok: true, to: 'reported' });
    expect(stepFrom(l, 'accept', 'open')).toEqual({ ok: false, rule: 'oversight_accept_needs_report' });
    expect(stepFrom(l, 'report_done', 'accepted')).toEqual({ ok: false, rule: 'oversight_recommendation_closed' });
  });

  it('an activity: one step forward at a time, planned → held → concluded → follow-up → re-supervised', () => {
    const l = ACTIVITY_LIFECYCLE;
    const order: string[] = ['planned'];
    for (let s = stepsFrom(l, 'planned'); s.length; s = stepsFrom(l, order.at(-1) as 'planned')) {
      expect(s).toHaveLength(1);
      const r = stepFrom(l, s[0]!, order.at(-1) as 'planned');
      expect(r.ok && r.to).toBe(ACTIVITY_STEP_TO[s[0]!]);
      order.push(ACTIVITY_STEP_TO[s[0]!]);
    }
    expect(order).toEqual([...ACTIVITY_STATES]);
    expect(stepFrom(l, 'conclude', 'planned')).toEqual({ ok: false, rule: 'oversight_status_order' });
    expect(activityStepTo('planned')).toBeNull();
    for (const step of ACTIVITY_STEPS) expect(activityStepTo(ACTIVITY_STEP_TO[step])).toBe(step);
  });

  it('a petition: assigned, answered by the assignee, then resolved, shelved or assigned again; the ends stay', () => {
    const l = PETITION_LIFECYCLE;
    expect(stepsFrom(l, 'received')).toEqual(['assign', 'forward']);
    expect(stepsFrom(l, 'assigned')).toEqual(['forward', 'answer']);
    expect(stepsFrom(l, 'answered')).toEqual(['assign', 'resolve', 'roadmap']);
    expect(stepsFrom(l, 'roadmap')).toEqual(['assign', 'resolve']);
    expect(stepFrom(l, 'answer', 'received')).toEqual({ ok: false, rule: 'petition_status_order' });
    for (const step of PETITION_STEPS) {
      expect(petitionStepTo(PETITION_STEP_TO[step])).toBe(step);
      for (const s of l.states) {
        const r = stepFrom(l, step, s);
        if (r.ok) expect(r.to).toBe(PETITION_STEP_TO[step]);
      }
    }
    expect(petitionStepTo('received')).toBeNull();
  });

  it('a project: one step forward at a time, settled is the end', () => {
    const order: (string | null)[] = [];
    for (let s: ReturnType<typeof nextProjectState> = 'proposed'; s; s = nextProjectState(s)) order.push(s);
    expect(order).toEqual(['proposed', 'readiness', 'approved', 'construction', 'completed', 'settled']);
  });

  it('an OCOP round: products are added and scored while it is open; closing it is the end', () => {
    expect(stepsFrom(ROUND_LIFECYCLE, 'open')).toEqual(['add_products', 'close']);
    expect(stepsFrom(ROUND_LIFECYCLE, 'closed')).toEqual([]);
    expect(stepFrom(ROUND_LIFECYCLE, 'add_products', 'closed')).toEqual({ ok: false, rule: 'ocop_round_closed' });
  });

  it('a product before the council: scored, decided once the rescore is in, certified only when recognised here', () => {
    const l = ROUND_PRODUCT_LIFECYCLE;
    expect(stepsFrom(l, 'scoring')).toEqual(['score', 'decide']);
    expect(stepsFrom(l, 'rescore')).toEqual(['score']);
    expect(stepsFrom(l, 'recognised')).toEqual(['certify']);
    expect(stepsFrom(l, 'decided')).toEqual([]);
    expect(stepFrom(l, 'score', 'rescore')).toEqual({ ok: true, to: 'scoring' });
    expect(stepFrom(l, 'decide', 'rescore')).toEqual({ ok: false, rule: 'ocop_rescore_pending' });
    expect(stepFrom(l, 'decide', 'decided')).toEqual({ ok: false, rule: 'ocop_result_decided' });
    const decided = { status: 'decided' as const, recognised: true, star: 4 };
    expect(roundProductState(decided, false)).toBe('recognised');
    expect(roundProductState(decided, true)).toBe('certified');
    expect(roundProductState({ ...decided, recognised: false }, false)).toBe('decided');
    expect(roundProductState({ status: 'rescore', recognised: false, star: null }, false)).toBe('rescore');
  });

  it('a capital plan: a draft is edited and approved; an approved plan is only adjusted; superseded is the end', () => {
    expect(stepsFrom(PLAN_LIFECYCLE, 'draft')).toEqual(['set_lines', 'allocate', 'approve']);
    expect(stepsFrom(PLAN_LIFECYCLE, 'approved')).toEqual(['adjust']);
    expect(stepFrom(PLAN_LIFECYCLE, 'allocate', 'approved')).toEqual({ ok: false, rule: 'plan_not_draft' });
    expect(stepFrom(PLAN_LIFECYCLE, 'adjust', 'draft')).toEqual({ ok: false, rule: 'only_approved_plans_are_adjusted' });
  });

  it('a roadmap item: a suggestion is confirmed before it moves; check-ins start it; done work is reopened by starting it', () => {
    const l = ROADMAP_ITEM_LIFECYCLE;
    expect(stepsFrom(l, 'suggested')).toEqual(['edit', 'confirm']);
    expect(stepsFrom(l, 'not_started')).toEqual(['edit', 'check_in', 'start', 'flag_at_risk', 'complete']);
    expect(stepsFrom(l, 'at_risk')).toEqual(['edit', 'check_in', 'start', 'complete']);
    expect(stepsFrom(l, 'done')).toEqual(['edit', 'start']);
    expect(stepsFrom(l, 'suggestion_closed')).toEqual(['edit']);
    expect(stepFrom(l, 'check_in', 'not_started')).toEqual({ ok: true, to: 'in_progress' });
    expect(stepFrom(l, 'check_in', 'at_risk')).toEqual({ ok: true, to: 'at_risk' });
    expect(stepFrom(l, 'check_in', 'suggested')).toEqual({ ok: false, rule: 'suggestion_not_confirmed' });
    expect(stepFrom(l, 'confirm', 'suggestion_closed')).toEqual({ ok: false, rule: 'item_closed' });
    expect(stepFrom(l, 'confirm', 'in_progress')).toEqual({ ok: false, rule: 'item_already_confirmed' });
    for (const state of ROADMAP_ITEM_STATES) {
      expect(
        roadmapItemState({ confirmed: state !== 'suggested' && state !== 'suggestion_closed', status: storedStatus(state) }),
      ).toBe(state);
      for (const step of ROADMAP_STATUS_STEPS) {
        const r = stepFrom(l, step, state);
        if (r.ok) expect(storedStatus(r.to)).toBe(ROADMAP_STATUS_STEP_TO[step]);
      }
    }
    for (const step of ROADMAP_STATUS_STEPS) expect(roadmapStepTo(ROADMAP_STATUS_STEP_TO[step])).toBe(step);
    expect(roadmapStepTo('not_started')).toBeNull();
  });
});
