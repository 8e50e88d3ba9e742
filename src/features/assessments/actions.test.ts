import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_STEPS, type AssessmentState, type AssessmentStep } from '../../domain/lifecycles/assessment';
import { sweepActions } from '../../testing/action-sweep';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type View = { assessment: { version: number }; actions: AssessmentStep[] };

/** The month's page lists exactly the steps the API then accepts, for each caller and each state. */
describe('assessment actions', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  const callers: Record<'officer' | 'officerB' | 'office' | 'viewer' | 'otherProvince', TestClient> = {} as never;
  let month = 0;

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeAssessableProvince(env.deps);
    const other = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    callers.officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    callers.officerB = (await clientAs(env, 'commune_officer', p.communeB.id)).client;
    callers.office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    callers.viewer = (await clientAs(env, 'viewer', p.province.id)).client;
    callers.otherProvince = (await clientAs(env, 'coordination_office', other.province.id)).client;
  });
  afterAll(() => env.close());

  const version = async (id: number) => (await callers.office.get<View>(`/api/assessments/${id}`)).body.assessment.version;
  const take = async (c: TestClient, step: AssessmentStep, id: number) => {
    const v = await version(id);
    if (step === 'submit') return c.post(`/api/assessments/${id}/submit`, { version: v });
    if (step === 'reopen') return c.post(`/api/assessments/${id}/reopen`, { version: v, reason: 'Sửa số liệu tiêu chí 10' });
    return c.post(`/api/assessments/${id}/review`, { version: v, outcome: step, comment: 'Bổ sung minh chứng' });
  };
  /** A new month of commune A in `state`, brought there by the office. */
  const fresh = async (state: AssessmentState) => {
    month++;
    const m = `${2021 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
    const opened = await callers.office.post<{ id: number }>('/api/assessments', { unitId: p.communeA.id, month: m });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    const path: Record<AssessmentState, AssessmentStep[]> = {
      draft: [],
      submitted: ['submit'],
      returned: ['submit', 'return'],
      verified: ['submit', 'verify'],
    };
    for (const step of path[state]) expect((await take(callers.office, step, id)).status).toBe(200);
    return id;
  };
  const sweep = (who: keyof typeof callers, state: AssessmentState) =>
    sweepActions(env.deps.db, {
      steps: ASSESSMENT_STEPS,
      fresh: () => fresh(state),
      listed: async (id) => {
        const res = await callers[who].get<View>(`/api/assessments/${id}`);
        return res.status === 200 ? res.body.actions : [];
      },
      take: (step, id) => take(callers[who], step, id),
    });

  it.each([
    ['draft', ['submit']],
    ['submitted', []],
    ['returned', ['submit']],
    ['verified', []],
  ] as const)('the commune officer, %s: %j', async (state, expected) => {
    expect(await sweep('officer', state)).toEqual(expected);
  });

  it.each([
    ['draft', ['submit']],
    ['submitted', ['verify', 'return']],
    ['returned', ['submit']],
    ['verified', ['reopen']],
  ] as const)('the coordination office, %s: %j', async (state, expected) => {
    expect(await sweep('office', state)).toEqual(expected);
  });

  it.each(['draft', 'submitted', 'returned', 'verified'] as const)(
    'a viewer, another commune’s officer and another province’s office, %s: nothing',
    async (state) => {
      expect(await sweep('viewer', state)).toEqual([]);
      expect(await sweep('officerB', state)).toEqual([]);
      expect(await sweep('otherProvince', state)).toEqual([]);
    },
  );
});
