/**
 * Every rule that spans rows, hit by 20–50 requests at once, then checked on the rows themselves.
 * On PostgreSQL (npm run test:pg) the requests really run side by side on a pool of connections.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocations,
  assessments,
  auditEvents,
  capitalPlans,
  criteriaSets,
  disbursements,
  ocopMemberScores,
  ocopProducers,
  ocopProducts,
  ocopRoundProducts,
  ocopRounds,
  planLines,
  projects,
  roadmapCheckins,
  roadmapItems,
  unitClassifications,
  units,
  users,
} from '../db/schema';
import type { ScoringSheetDoc } from '../domain/ocop/schema';
import { ManualClock } from '../lib/clock';
import { ensureReferenceData } from '../seed/reference';
import { answersFor } from '../testing/ocop';
import { clientAs, makeProvince, makeUser, TEST_PASSWORD, uniq } from '../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../testing/harness';

const TR = 1_000_000;
const all = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
const statuses = (rs: { status: number }[]) => rs.map((r) => r.status);
const count = (rs: { status: number }[], s: number) => rs.filter((r) => r.status === s).length;

describe('cross-row rules under parallel requests', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-10T03:00:00Z');
  let p: Awaited<ReturnType<typeof makeProvince>>;
  let office: TestClient;

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 100_000 } });
    await ensureReferenceData(env.deps);
    p = await makeProvince(env.deps);
    office = (await clientAs(env, 'coordination_office', p.province.id)).client;
  });
  afterAll(() => env.close());

  const project = async () => {
    const [row] = await env.deps.db
      .insert(projects)
      .values({
        code: uniq('P-'),
        name: 'Đường liên thôn',
        unitId: p.communeA.id,
        unitIds: [p.communeA.id],
        owner: 'UBND xã',
        totalInvestment: 5_000 * TR,
        searchKey: 'duong lien thon',
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning();
    return row!;
  };
  const plan = async (
    status: 'draft' | 'approved',
    alloc: { projectId: number; amount: number }[] = [],
    unitId = p.province.id,
  ) => {
    const [row] = await env.deps.db
      .insert(capitalPlans)
      .values({ unitId, kind: 'annual', year: 2026, endYear: 2026, name: 'Kế hoạch 2026', status, createdAt: new Date() })
      .returning();
    await env.deps.db.insert(planLines).values({ planId: row!.id, sourceCode: 'NSDP_TINH', amount: 10_000 * TR });
    if (alloc.length)
      await env.deps.db.insert(allocations).values(
        alloc.map((a) => ({
          planId: row!.id,
          projectId: a.projectId,
          sourceCode: 'NSDP_TINH',
          amount: a.amount,
          addedOn: '2026-01-10',
        })),
      );
    return row!;
  };
  const pay = (projectId: number, amount: number, voucher: string) =>
    office.post('/api/capital/disbursements', {
      projectId,
      planYear: 2026,
      sourceCode: 'NSDP_TINH',
      date: '2026-03-09',
      amount,
      paymentType: 'acceptance',
      voucherRef: voucher,
    });
  const paidFor = async (projectId: number) =>
    Number(
      (
        await env.deps.db
          .select({ s: sql<string>`coalesce(sum(${disbursements.amount}), 0)` })
          .from(disbursements)
          .where(eq(disbursements.projectId, projectId))
      )[0]!.s,
    );

  it('30 payments into one allocation: never more paid than allocated', async () => {
    const prj = await project();
    // a unit of its own so that no other plan of the year counts
    await plan('approved', [{ projectId: prj.id, amount: 1_000 * TR }], p.communeA.id);
    const res = await all(30, (i) => pay(prj.id, 150 * TR, `KB-RACE-${i}`));
    expect(statuses(res).every((s) => s === 201 || s === 422 || s === 409)).toBe(true);
    expect(count(res, 201)).toBe(6);
    expect(await paidFor(prj.id)).toBe(900 * TR);
  });

  it('20 reversals of one payment: never more taken back than paid, the total never below zero', async () => {
    const prj = await project();
    await plan('approved', [{ projectId: prj.id, amount: 1_000 * TR }], p.communeB.id);
    const paid = await pay(prj.id, 300 * TR, 'KB-GOC-1');
    const id = (paid.body as { id: number }).id;
    const res = await all(20, (i) =>
      office.post(`/api/capital/disbursements/${id}/reversals`, { amount: 50 * TR, date: '2026-03-09', voucherRef: `GT-${i}` }),
    );
    expect(count(res, 201)).toBe(6);
    expect(await paidFor(prj.id)).toBe(0);
    const over = await office.post<{ error: { details: { rule: string } } }>(`/api/capital/disbursements/${id}/reversals`, {
      amount: 1,
      date: '2026-03-09',
      voucherRef: 'GT-X',
    });
    expect(over.body.error.details.rule).toBe('reversal_exceeds_payment');
  });

  it('20 adjustments of one plan: one draft; 20 approvals of it: one current plan for the year', async () => {
    const prj = await project();
    const base = await plan('approved', [{ projectId: prj.id, amount: 500 * TR }], p.district.id);
    const adj = await all(20, () => office.post(`/api/capital/plans/${base.id}/adjust`));
    expect(count(adj, 201)).toBe(1);
    const drafts = await env.deps.db
      .select()
      .from(capitalPlans)
      .where(and(eq(capitalPlans.previousId, base.id), eq(capitalPlans.status, 'draft')));
    expect(drafts).toHaveLength(1);
    const approve = await all(20, () =>
      office.post(`/api/capital/plans/${drafts[0]!.id}/approve`, {
        rowVersion: drafts[0]!.rowVersion,
        resolutionNo: 'NQ 01/NQ-HĐND',
        resolutionDate: '2026-03-01',
        body: 'HĐND tỉnh',
      }),
    );
    expect(count(approve, 200)).toBe(1);
    const current = await env.deps.db
      .select()
      .from(capitalPlans)
      .where(and(eq(capitalPlans.unitId, p.district.id), eq(capitalPlans.year, 2026), eq(capitalPlans.status, 'approved')));
    expect(current).toHaveLength(1);
    // a second, separate plan for the same unit and year cannot become current beside it
    const rival = await plan('draft', [], p.district.id);
    const refused = await office.post<{ error: { details: { rule: string } } }>(`/api/capital/plans/${rival.id}/approve`, {
      rowVersion: rival.rowVersion,
      resolutionNo: 'NQ 02/NQ-HĐND',
      resolutionDate: '2026-03-02',
      body: 'HĐND tỉnh',
    });
    expect(refused.body.error.details.rule).toBe('plan_year_has_current_plan');
  });

  it('25 allocations naming the version they read, and 25 naming the next one: the version moves with every write', async () => {
    const prj = await project();
    const draft = await plan('draft', [], p.communeA.id);
    const body = (rowVersion: number, amount: number) => ({
      rowVersion,
      allocations: [{ projectId: prj.id, sourceCode: 'NSDP_TINH', amount }],
    });
    const res = await all(50, (i) =>
      office.request('PUT', `/api/capital/plans/${draft.id}/allocations`, body(draft.rowVersion + (i % 2), (i + 1) * TR)),
    );
    // One writer wins with the version it read; at most one more can win with the version that winner left
    // (it is then indistinguishable from a client that read it). The version never stands still.
    const won = count(res, 200);
    expect(won).toBeGreaterThanOrEqual(1);
    expect(won).toBeLessThanOrEqual(2);
    const [after] = await env.deps.db.select().from(capitalPlans).where(eq(capitalPlans.id, draft.id));
    expect(after!.rowVersion).toBe(draft.rowVersion + won);
    expect(await env.deps.db.$count(allocations, eq(allocations.planId, draft.id))).toBe(1);
  });

  it('payments racing an adjustment that lowers the allocation: never more paid than the current allocation', async () => {
    const prj = await project();
    const unit = (await makeProvince(env.deps, 'tỉnh Đua')).province.id;
    await env.deps.db
      .update(projects)
      .set({ unitId: unit, unitIds: [unit] })
      .where(eq(projects.id, prj.id));
    const base = await plan('approved', [{ projectId: prj.id, amount: 1_000 * TR }], unit);
    const officeHere = (await clientAs(env, 'coordination_office', unit)).client;
    const draft = (await officeHere.post<{ id: number }>(`/api/capital/plans/${base.id}/adjust`)).body;
    const [d] = await env.deps.db.select().from(capitalPlans).where(eq(capitalPlans.id, draft.id));
    const lowered = await officeHere.request<{ rowVersion: number }>('PUT', `/api/capital/plans/${draft.id}/allocations`, {
      rowVersion: d!.rowVersion,
      allocations: [{ projectId: prj.id, sourceCode: 'NSDP_TINH', amount: 400 * TR }],
    });
    const payments = all(10, (i) =>
      officeHere.post('/api/capital/disbursements', {
        projectId: prj.id,
        planYear: 2026,
        sourceCode: 'NSDP_TINH',
        date: '2026-03-09',
        amount: 100 * TR,
        paymentType: 'acceptance',
        voucherRef: `KB-DC-${i}`,
      }),
    );
    const approval = officeHere.post(`/api/capital/plans/${draft.id}/approve`, {
      rowVersion: lowered.body.rowVersion,
      resolutionNo: 'NQ 03/NQ-HĐND',
      resolutionDate: '2026-03-05',
      body: 'HĐND tỉnh',
    });
    const [, approved] = await Promise.all([payments, approval]);
    const [cur] = await env.deps.db
      .select({ a: sql<string>`coalesce(sum(${allocations.amount}), 0)` })
      .from(allocations)
      .innerJoin(capitalPlans, eq(capitalPlans.id, allocations.planId))
      .where(and(eq(allocations.projectId, prj.id), eq(capitalPlans.status, 'approved')));
    expect(await paidFor(prj.id)).toBeLessThanOrEqual(Number(cur!.a));
    expect([200, 422]).toContain(approved.status);
  });

  it('30 self-registrations by one producer account: one producer', async () => {
    const { client, user } = await clientAs(env, 'ocop_producer', p.communeA.id);
    const res = await all(30, (i) =>
      client.post('/api/ocop/producers', { unitId: p.communeA.id, name: `HTX Số ${i}`, kind: 'cooperative' }),
    );
    expect(count(res, 201)).toBe(1);
    expect(await env.deps.db.$count(ocopProducers, eq(ocopProducers.accountUserId, user.id))).toBe(1);
    const [u] = await env.deps.db.select().from(users).where(eq(users.id, user.id));
    expect(u!.producerId).not.toBeNull();
  });

  it('OCOP: 30 parallel decisions make one decision, and no sheet lands after it', async () => {
    const members = await all(3, () => makeUser(env.deps, 'agency', p.province.id));
    const clients = await all(3, async (i) => {
      const c = new TestClient(env.app);
      await c.login(members[i]!.username, TEST_PASSWORD);
      return c;
    });
    const [producer] = await env.deps.db
      .insert(ocopProducers)
      .values({ unitId: p.communeA.id, name: 'HTX Chè', kind: 'cooperative', searchKey: 'htx che', createdAt: new Date() })
      .returning();
    const [product] = await env.deps.db
      .insert(ocopProducts)
      .values({
        code: uniq('SP-'),
        producerId: producer!.id,
        unitId: p.communeA.id,
        name: 'Chè búp',
        groupName: 'Thực phẩm',
        setNo: 1,
        stage: 'evaluation',
        cycleYear: 2026,
        searchKey: 'che bup',
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning();
    const round = await office.post<{ id: number }>('/api/ocop/rounds', {
      unitId: p.province.id,
      level: 'province',
      name: 'Hội đồng đua',
      year: 2026,
      quorum: 2,
      members: members.map((m, i) => ({ userId: m.id, role: i === 0 ? 'chair' : 'member' })),
    });
    expect(round.status).toBe(201);
    expect((await office.post(`/api/ocop/rounds/${round.body.id}/products`, { productIds: [product!.id] })).status).toBe(200);
    const sheet = (
      await clients[0]!.get<{ products: { sheet: { document: ScoringSheetDoc } }[] }>(`/api/ocop/rounds/${round.body.id}`)
    ).body.products[0]!.sheet.document;
    const score = (i: number, t: number) =>
      clients[i]!.put(`/api/ocop/rounds/${round.body.id}/products/${product!.id}/my-score`, { answers: answersFor(sheet, t) });
    await score(0, 70);
    await score(1, 72);
    const decide = () => clients[0]!.post(`/api/ocop/rounds/${round.body.id}/products/${product!.id}/decide`);
    const res = await Promise.all([...Array.from({ length: 30 }, decide), score(2, 74), score(2, 75), score(1, 73)]);
    expect(count(res.slice(0, 30), 200)).toBe(1);
    const decisions = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'ocop_round.decide'), eq(auditEvents.entityId, String(round.body.id))));
    expect(decisions).toHaveLength(1);
    // the totals the decision used are the totals stored: nothing landed after it
    const stored = await env.deps.db
      .select()
      .from(ocopMemberScores)
      .where(and(eq(ocopMemberScores.roundId, round.body.id), eq(ocopMemberScores.productId, product!.id)));
    expect(stored.map((s) => s.total).sort()).toEqual((decisions[0]!.after as { totals: number[] }).totals.slice().sort());
    const late = await score(1, 60);
    expect((late.body as { error: { details: { rule: string } } }).error.details.rule).toBe('ocop_result_decided');
    const [rp] = await env.deps.db.select().from(ocopRoundProducts).where(eq(ocopRoundProducts.productId, product!.id));
    expect(rp!.status).toBe('decided');
  });

  it('OCOP: closing a round while products are put before it: a closed round never holds an undecided product', async () => {
    const [producer] = await env.deps.db
      .insert(ocopProducers)
      .values({ unitId: p.communeA.id, name: 'HTX Nấm', kind: 'cooperative', searchKey: 'htx nam', createdAt: new Date() })
      .returning();
    const products = await env.deps.db
      .insert(ocopProducts)
      .values(
        Array.from({ length: 10 }, (_, i) => ({
          code: uniq('SP-'),
          producerId: producer!.id,
          unitId: p.communeA.id,
          name: `Nấm sò ${i + 1}`,
          groupName: 'Thực phẩm',
          setNo: 1,
          stage: 'evaluation' as const,
          cycleYear: 2026,
          searchKey: `nam so ${i + 1}`,
          createdAt: new Date(),
          updatedAt: new Date(),
        })),
      )
      .returning();
    const chair = await makeUser(env.deps, 'agency', p.province.id);
    const round = await office.post<{ id: number }>('/api/ocop/rounds', {
      unitId: p.province.id,
      level: 'province',
      name: 'Hội đồng đóng sớm',
      year: 2026,
      quorum: 1,
      members: [{ userId: chair.id, role: 'chair' }],
    });
    expect(round.status).toBe(201);
    const id = round.body.id;
    const res = await Promise.all(
      products.flatMap((product) => [
        office.post(`/api/ocop/rounds/${id}/products`, { productIds: [product.id] }),
        office.post(`/api/ocop/rounds/${id}/close`),
      ]),
    );
    const closes = res.filter((_, i) => i % 2 === 1);
    expect(count(closes, 200)).toBeLessThanOrEqual(1);
    const [r] = await env.deps.db.select().from(ocopRounds).where(eq(ocopRounds.id, id));
    const held = await env.deps.db.select().from(ocopRoundProducts).where(eq(ocopRoundProducts.roundId, id));
    if (r!.status === 'closed') expect(held.filter((x) => x.status !== 'decided')).toEqual([]);
    else expect(count(closes, 200)).toBe(0);
    expect(res.every((x) => [200, 201, 409, 422].includes(x.status))).toBe(true);
  });

  it('20 openings of one month: one assessment', async () => {
    const officer = (await clientAs(env, 'commune_officer', p.communeB.id)).client;
    await env.deps.db
      .insert(unitClassifications)
      .values({ unitId: p.communeB.id, dimension: 'region7', value: 'TDMNPB', effectiveFrom: '2021-01-01' });
    const res = await all(20, () => officer.post('/api/assessments', { unitId: p.communeB.id, month: '2022-05' }));
    expect(count(res, 201)).toBe(1);
    expect(await env.deps.db.$count(assessments, eq(assessments.unitId, p.communeB.id))).toBe(1);
  });

  it('20 drafts of one criteria set: distinct versions, each audited once', async () => {
    const [country] = await env.deps.db.select().from(units).where(eq(units.type, 'country'));
    const admin = (await clientAs(env, 'system_admin', country!.id)).client;
    const [national] = await env.deps.db.select().from(criteriaSets).where(eq(criteriaSets.code, 'VN-NTM-XA-2021-2025'));
    const res = await all(20, () => admin.post(`/api/criteria-sets/${national!.id}/drafts`));
    const made = res.filter((r) => r.status === 201).length;
    expect(made).toBeGreaterThanOrEqual(1);
    const versions = await env.deps.db
      .select({ v: criteriaSets.version })
      .from(criteriaSets)
      .where(eq(criteriaSets.code, national!.code));
    expect(new Set(versions.map((v) => v.v)).size).toBe(versions.length);
    expect(versions.length).toBe(1 + made);
  });

  it('20 check-ins naming the same item version: one lands', async () => {
    const [item] = await env.deps.db
      .insert(roadmapItems)
      .values({
        unitId: p.communeA.id,
        setCode: 'VN-NTM-XA-2021-2025',
        indicatorCode: `R${uniq()}`.slice(0, 10),
        criterionNumber: '1',
        title: 'Quy hoạch',
        confirmed: true,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      })
      .returning();
    const res = await all(20, (i) =>
      office.post(`/api/roadmaps/${item!.id}/checkins`, {
        version: item!.version,
        month: '2026-03',
        percent: i,
        note: `Lần ${i}`,
      }),
    );
    expect(count(res, 201)).toBe(1);
    expect(await env.deps.db.$count(roadmapCheckins, eq(roadmapCheckins.itemId, item!.id))).toBe(1);
  });

  it('plans at the largest amounts on every source: the cockpit and the report answer, with exact totals', async () => {
    const big = await makeProvince(env.deps, 'tỉnh Lớn');
    const bigOffice = (await clientAs(env, 'coordination_office', big.province.id)).client;
    const sources = [
      'NSTW_DTPT',
      'NSTW_SN',
      'NSDP_TINH',
      'NSDP_XA',
      'NSDP_DOIUNG',
      'LONG_GHEP',
      'TIN_DUNG',
      'DOANH_NGHIEP',
      'XHH_TIEN',
    ];
    const MAX = 100_000_000_000_000;
    for (const unitId of [big.province.id, big.district.id, big.communeA.id]) {
      const created = await bigOffice.post<{ id: number }>('/api/capital/plans', {
        unitId,
        kind: 'annual',
        year: 2026,
        name: 'Kế hoạch lớn',
        lines: sources.map((sourceCode) => ({ sourceCode, amount: MAX })),
      });
      expect(created.status).toBe(201);
      const approved = await bigOffice.post(`/api/capital/plans/${created.body.id}/approve`, {
        rowVersion: 1,
        resolutionNo: 'NQ lớn',
        resolutionDate: '2026-01-05',
        body: 'HĐND',
      });
      expect(approved.status).toBe(200);
    }
    const tooBig = await bigOffice.post('/api/capital/plans', {
      unitId: big.communeB.id,
      kind: 'annual',
      year: 2026,
      name: 'x',
      lines: [{ sourceCode: 'NSTW_DTPT', amount: MAX + 1 }],
    });
    expect(tooBig.status).toBe(400);
    const cockpit = await bigOffice.get<{ totals: { plan: number } }>(`/api/capital/cockpit?unitId=${big.province.id}&year=2026`);
    expect(cockpit.status).toBe(200);
    expect(cockpit.body.totals.plan).toBe(3 * sources.length * MAX);
    expect((await bigOffice.bytes(`/api/capital/report.xlsx?unitId=${big.province.id}&year=2026`)).status).toBe(200);
  });

  it('no payment anywhere exceeds its allocation, no reversal its payment (invariants over every row)', async () => {
    const over = await env.deps.db.execute(sql`
      with paid as (select project_id, source_code, plan_year, sum(amount) s from disbursements group by 1, 2, 3),
           alloc as (select a.project_id, a.source_code, p.year, sum(a.amount) s
                     from allocations a join capital_plans p on p.id = a.plan_id
                     where p.status = 'approved' and p.kind = 'annual' group by 1, 2, 3)
      select paid.* from paid left join alloc
        on alloc.project_id = paid.project_id and alloc.source_code = paid.source_code and alloc.year = paid.plan_year
      where paid.s > coalesce(alloc.s, 0) or paid.s < 0`);
    expect((over as { rows: unknown[] }).rows).toEqual([]);
    const reversedTooMuch = await env.deps.db.execute(sql`
      select o.id from disbursements o join disbursements r on r.reverses_id = o.id
      group by o.id, o.amount having o.amount + sum(r.amount) < 0`);
    expect((reversedTooMuch as { rows: unknown[] }).rows).toEqual([]);
    const twoCurrent = await env.deps.db
      .select({ unitId: capitalPlans.unitId })
      .from(capitalPlans)
      .where(and(eq(capitalPlans.status, 'approved'), isNull(capitalPlans.previousId), inArray(capitalPlans.kind, ['annual'])))
      .groupBy(capitalPlans.unitId, capitalPlans.year)
      .having(sql`count(*) > 1`);
    expect(twoCurrent).toEqual([]);
  });
});
