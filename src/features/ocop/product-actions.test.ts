import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocopProducts } from '../../db/schema';
import { OCOP_ACTIONS, transitionOf, type OcopAction, type Stage } from '../../domain/ocop/cycle';
import { ManualClock } from '../../lib/clock';
import { ensureReferenceData } from '../../seed/reference';
import { sweepActions } from '../../testing/action-sweep';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Detail = { product: { version: number }; actions: OcopAction[] };

/** The product page lists exactly the cycle steps the API then accepts, for each caller and each stage. */
describe('OCOP product actions', () => {
  let env: TestEnv;
  let producerId: number;
  const callers: Record<'office' | 'commune' | 'producer' | 'otherProducer' | 'viewer' | 'otherProvince', TestClient> =
    {} as never;

  beforeAll(async () => {
    env = await createTestEnv({
      clock: new ManualClock('2026-03-10T02:00:00Z'),
      config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 },
    });
    await ensureReferenceData(env.deps);
    const p = await makeProvince(env.deps);
    const other = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    callers.office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    callers.commune = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    callers.producer = (await clientAs(env, 'ocop_producer', p.communeA.id)).client;
    callers.otherProducer = (await clientAs(env, 'ocop_producer', p.communeA.id)).client;
    callers.viewer = (await clientAs(env, 'viewer', p.province.id)).client;
    callers.otherProvince = (await clientAs(env, 'coordination_office', other.province.id)).client;
    const reg = await callers.producer.post<{ id: number }>('/api/ocop/producers', {
      unitId: p.communeA.id,
      name: 'Hợp tác xã Mật ong Hải Đông',
      kind: 'cooperative',
    });
    expect(reg.status).toBe(201);
    producerId = reg.body.id;
  });
  afterAll(() => env.close());

  /** A new product of the producer at `stage` (placed there directly: the council's rounds are tested elsewhere). */
  const fresh = async (stage: Stage) => {
    const created = await callers.office.post<{ id: number }>('/api/ocop/products', {
      producerId,
      name: 'Mật ong hoa nhãn',
      setNo: 1,
      cycleYear: 2026,
    });
    expect(created.status).toBe(201);
    await env.deps.db.update(ocopProducts).set({ stage }).where(eq(ocopProducts.id, created.body.id));
    return created.body.id;
  };
  const take = async (c: TestClient, action: OcopAction, id: number) => {
    const d = (await callers.office.get<Detail>(`/api/ocop/products/${id}`)).body;
    const t = transitionOf(action);
    return c.post(`/api/ocop/products/${id}/transitions`, {
      action,
      documents: t.documents,
      note: 'Bổ sung hồ sơ',
      version: d.product.version,
    });
  };
  const sweep = (who: keyof typeof callers, stage: Stage) =>
    sweepActions(env.deps.db, {
      steps: OCOP_ACTIONS,
      fresh: () => fresh(stage),
      listed: async (id) => {
        const res = await callers[who].get<Detail>(`/api/ocop/products/${id}`);
        return res.status === 200 ? res.body.actions : [];
      },
      take: (step, id) => take(callers[who], step, id),
    });

  const expected: Record<Stage, Record<'office' | 'commune' | 'producer', OcopAction[]>> = {
    awareness: { office: ['register_idea'], commune: ['register_idea'], producer: ['register_idea'] },
    idea_registered: { office: ['return_idea', 'submit_plan'], commune: ['submit_plan'], producer: ['submit_plan'] },
    idea_returned: { office: ['resubmit_idea'], commune: ['resubmit_idea'], producer: ['resubmit_idea'] },
    plan_submitted: { office: ['return_plan', 'approve_plan'], commune: [], producer: [] },
    plan_returned: { office: ['resubmit_plan'], commune: ['resubmit_plan'], producer: ['resubmit_plan'] },
    implementing: {
      office: ['submit_for_evaluation'],
      commune: ['submit_for_evaluation'],
      producer: ['submit_for_evaluation'],
    },
    evaluation: { office: [], commune: [], producer: [] },
    promotion: { office: ['re_evaluate'], commune: [], producer: ['re_evaluate'] },
  };

  it.each(Object.keys(expected) as Stage[])('%s: the office, the commune and the producer', async (stage) => {
    expect(await sweep('office', stage)).toEqual(expected[stage].office);
    expect(await sweep('commune', stage)).toEqual(expected[stage].commune);
    expect(await sweep('producer', stage)).toEqual(expected[stage].producer);
  });

  it.each(['awareness', 'idea_registered', 'implementing', 'promotion'] as const)(
    '%s: another producer, a viewer and another province’s office: nothing',
    async (stage) => {
      expect(await sweep('otherProducer', stage)).toEqual([]);
      expect(await sweep('viewer', stage)).toEqual([]);
      expect(await sweep('otherProvince', stage)).toEqual([]);
    },
  );
});
