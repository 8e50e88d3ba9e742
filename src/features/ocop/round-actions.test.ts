import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocopProducts, ocopRounds } from '../../db/schema';
import {
  ROUND_PRODUCT_STEPS,
  ROUND_STEPS,
  type RoundProductState,
  type RoundProductStep,
  type RoundState,
  type RoundStep,
} from '../../domain/lifecycles/ocop-round';
import type { ScoringSheetDoc } from '../../domain/ocop/schema';
import { ManualClock } from '../../lib/clock';
import { ensureReferenceData } from '../../seed/reference';
import { sweepActions } from '../../testing/action-sweep';
import { clientAs, makeProvince, uniq } from '../../testing/factories';
import { answersFor } from '../../testing/ocop';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Detail = {
  round: { status: RoundState };
  actions: RoundStep[];
  products: {
    productId: number;
    status: string;
    recognised: boolean;
    sheet: { document: ScoringSheetDoc };
    actions: RoundProductStep[];
  }[];
};
type Who = 'office' | 'chair' | 'member' | 'scorer' | 'viewer' | 'otherProvince';

/**
 * The round page lists exactly the steps the API then accepts — on the round (the office puts products
 * before the council and closes it) and on each product before it (members score, the chair or the
 * office decides, the office records the certificate) — for each caller and each state: the office,
 * the council's chair and a member, an official who may score but does not sit on this council, a
 * viewer, and another province's office.
 */
describe('OCOP round actions', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeProvince>>;
  let producerId: number;
  const ids: Partial<Record<'chair' | 'member', number>> = {};
  const callers: Record<Who, TestClient> = {} as never;

  beforeAll(async () => {
    env = await createTestEnv({
      clock: new ManualClock('2026-03-10T02:00:00Z'),
      config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 },
    });
    await ensureReferenceData(env.deps);
    p = await makeProvince(env.deps);
    const other = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    callers.office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    for (const seat of ['chair', 'member'] as const) {
      const m = await clientAs(env, 'agency', p.province.id);
      callers[seat] = m.client;
      ids[seat] = m.user.id;
    }
    callers.scorer = (await clientAs(env, 'agency', p.province.id)).client;
    callers.viewer = (await clientAs(env, 'viewer', p.province.id)).client;
    callers.otherProvince = (await clientAs(env, 'coordination_office', other.province.id)).client;
    const reg = await callers.office.post<{ id: number }>('/api/ocop/producers', {
      unitId: p.communeA.id,
      name: 'Hợp tác xã Mật ong Hải Đông',
      kind: 'cooperative',
    });
    expect(reg.status).toBe(201);
    producerId = reg.body.id;
  });
  afterAll(() => env.close());

  /** A council of the province: the chair and a member, one sheet makes the quorum. */
  const newRound = async () => {
    const res = await callers.office.post<{ id: number }>('/api/ocop/rounds', {
      unitId: p.province.id,
      level: 'province',
      name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh',
      year: 2026,
      quorum: 1,
      members: [
        { userId: ids.chair, role: 'chair' },
        { userId: ids.member, role: 'member' },
      ],
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  /** A product of the producer submitted for evaluation (placed there directly: the cycle is tested elsewhere). */
  const evaluated = async () => {
    const created = await callers.office.post<{ id: number }>('/api/ocop/products', {
      producerId,
      name: 'Mật ong hoa nhãn',
      setNo: 1,
      cycleYear: 2026,
    });
    expect(created.status).toBe(201);
    await env.deps.db.update(ocopProducts).set({ stage: 'evaluation' }).where(eq(ocopProducts.id, created.body.id));
    return created.body.id;
  };
  const detail = async (roundId: number) => (await callers.office.get<Detail>(`/api/ocop/rounds/${roundId}`)).body;

  // ------------------------------------------------------------------------------------------- the round

  /** A product waiting for each fresh round, made beforehand: a refused step must change nothing. */
  const waiting = new Map<number, number>();
  const freshRound = async (state: RoundState) => {
    const id = await newRound();
    if (state === 'closed') expect((await callers.office.post(`/api/ocop/rounds/${id}/close`)).status).toBe(200);
    waiting.set(id, await evaluated());
    return id;
  };
  const takeRound = (c: TestClient, step: RoundStep, id: number) =>
    step === 'close'
      ? c.post(`/api/ocop/rounds/${id}/close`)
      : c.post(`/api/ocop/rounds/${id}/products`, { productIds: [waiting.get(id)] });
  const sweepRound = (who: Who, state: RoundState) =>
    sweepActions(env.deps.db, {
      steps: ROUND_STEPS,
      fresh: () => freshRound(state),
      listed: async (id) => {
        const res = await callers[who].get<Detail>(`/api/ocop/rounds/${id}`);
        return res.status === 200 ? res.body.actions : [];
      },
      take: (step, id) => takeRound(callers[who], step, id),
    });

  it('an open round: the office adds products and closes it; nobody else does', async () => {
    expect(await sweepRound('office', 'open')).toEqual(['add_products', 'close']);
    for (const who of ['chair', 'member', 'scorer', 'viewer', 'otherProvince'] as const)
      expect(await sweepRound(who, 'open'), who).toEqual([]);
  });

  it('an open round with a product still being scored: the office adds products but cannot close it yet', async () => {
    const listed = await sweepActions(env.deps.db, {
      steps: ROUND_STEPS,
      fresh: async () => {
        const id = await freshRound('open');
        const before = await callers.office.post(`/api/ocop/rounds/${id}/products`, { productIds: [await evaluated()] });
        expect(before.status).toBeLessThan(300);
        return id;
      },
      listed: async (id) => (await detail(id)).actions,
      take: (step, id) => takeRound(callers.office, step, id),
    });
    expect(listed).toEqual(['add_products']);
  });

  it('a closed round: nothing, for anyone', async () => {
    for (const who of ['office', 'chair', 'viewer', 'otherProvince'] as const)
      expect(await sweepRound(who, 'closed'), who).toEqual([]);
  });

  // -------------------------------------------------------------------------------- products before it

  /** Where a fresh product is put: a state of its lifecycle, or still scoring in a round closed under it. */
  type Situation = Exclude<RoundProductState, 'decided'> | 'forwarded' | 'scoring_in_closed_round';
  const roundOf = new Map<number, number>();
  const score = (c: TestClient, roundId: number, productId: number, total: number, sheet: ScoringSheetDoc) =>
    c.request('PUT', `/api/ocop/rounds/${roundId}/products/${productId}/my-score`, { answers: answersFor(sheet, total) });
  const decide = (c: TestClient, roundId: number, productId: number) =>
    c.post<{ status: string; recognisedHere?: boolean }>(`/api/ocop/rounds/${roundId}/products/${productId}/decide`);

  /** A product before a new council, scored by the member (the quorum) and taken to `situation`. */
  const freshProduct = async (situation: Situation) => {
    const roundId = await newRound();
    const productId = await evaluated();
    expect((await callers.office.post(`/api/ocop/rounds/${roundId}/products`, { productIds: [productId] })).status).toBe(200);
    roundOf.set(productId, roundId);
    const sheet = (await detail(roundId)).products[0]!.sheet.document;
    const total = situation === 'forwarded' ? 95 : situation === 'rescore' ? 60 : 75;
    expect((await score(callers.member, roundId, productId, total, sheet)).status).toBe(200);
    if (situation === 'scoring') return productId;
    if (situation === 'scoring_in_closed_round') {
      await env.deps.db.update(ocopRounds).set({ status: 'closed' }).where(eq(ocopRounds.id, roundId));
      return productId;
    }
    if (situation === 'rescore') expect((await score(callers.chair, roundId, productId, 80, sheet)).status).toBe(200);
    const decided = await decide(callers.chair, roundId, productId);
    expect(decided.body.status).toBe(situation === 'rescore' ? 'rescore' : 'decided');
    if (situation === 'certified') expect((await takeProduct(callers.office, 'certify', productId)).status).toBe(201);
    return productId;
  };
  const takeProduct = async (c: TestClient, step: RoundProductStep, productId: number) => {
    const roundId = roundOf.get(productId)!;
    if (step === 'decide') return decide(c, roundId, productId);
    if (step === 'score') return score(c, roundId, productId, 70, (await detail(roundId)).products[0]!.sheet.document);
    return c.post(`/api/ocop/rounds/${roundId}/products/${productId}/certificate`, {
      number: uniq('GCN-'),
      decisionNo: 'Quyết định số 1234/QĐ-UBND',
      decisionDate: '2026-03-09',
      issuedBy: 'UBND tỉnh Kiểm Thử',
    });
  };
  const sweepProduct = (who: Who, situation: Situation) =>
    sweepActions(env.deps.db, {
      steps: ROUND_PRODUCT_STEPS,
      fresh: () => freshProduct(situation),
      listed: async (productId) => {
        const res = await callers[who].get<Detail>(`/api/ocop/rounds/${roundOf.get(productId)}`);
        return res.status === 200 ? res.body.products[0]!.actions : [];
      },
      take: (step, productId) => takeProduct(callers[who], step, productId),
    });

  const expected: Record<Situation, Partial<Record<Who, RoundProductStep[]>>> = {
    scoring: { office: ['decide'], chair: ['score', 'decide'], member: ['score'] },
    rescore: { chair: ['score'], member: ['score'] },
    forwarded: {},
    recognised: { office: ['certify'] },
    certified: {},
    scoring_in_closed_round: {},
  };

  const said: Record<Situation, string> = {
    scoring: 'being scored',
    rescore: 'asked to be rescored',
    forwarded: 'decided and forwarded to the next level',
    recognised: 'recognised here, its certificate not yet recorded',
    certified: 'certified',
    scoring_in_closed_round: 'still being scored in a round closed under it',
  };

  it.each((Object.keys(expected) as Situation[]).map((s) => [said[s], s] as const))(
    'a product %s: each caller is offered what the API accepts',
    async (_, situation) => {
      for (const who of ['office', 'chair', 'member', 'scorer', 'viewer', 'otherProvince'] as const)
        expect(await sweepProduct(who, situation), who).toEqual(expected[situation][who] ?? []);
    },
  );
});
