/**
 * One province's worth of work waiting for each role, for the to-do tests: months in every state, an
 * overdue roadmap item and a suggestion, feedback, OCOP products at each office step and an open
 * round, a council with requests and petitions — and the same on a commune that ended in a merger,
 * which must produce nothing.
 */
import { eq } from 'drizzle-orm';
import type { Deps } from '../context';
import {
  assessments,
  assessmentValues,
  councils,
  criteriaSets,
  feedback,
  ocopMemberScores,
  ocopProducers,
  ocopProducts,
  ocopRoundMembers,
  ocopRoundProducts,
  ocopRounds,
  ocopSheets,
  oversightActivities,
  petitions,
  recommendations,
  roadmapItems,
  users,
} from '../db/schema';
import type { OcopStage } from '../db/schema/ocop';
import { makeAgency, makeEndedCommune, makeProvince, makeUser, uniq } from './factories';

const SET = 'VN-NTM-XA-2026-2030';

export async function seedProvinceWork(deps: Deps, name: string) {
  const db = deps.db;
  const now = deps.clock.now();
  const p = await makeProvince(deps, name);
  const ended = await makeEndedCommune(deps, p.district.id);
  const [set] = await db.select().from(criteriaSets).where(eq(criteriaSets.code, SET));
  const month = async (unitId: number, period: string, status: 'draft' | 'submitted' | 'returned' | 'verified') => {
    const [a] = await db
      .insert(assessments)
      .values({ unitId, setId: set!.id, period, classCode: 'NHOM_2', status, createdAt: now, updatedAt: now, submittedAt: now })
      .returning();
    return a!;
  };
  const returnedA = await month(p.communeA.id, '2026-10-01', 'returned');
  await db.insert(assessmentValues).values(
    ['1.1', '2.3', '3.1'].map((code, i) => ({
      assessmentId: returnedA.id,
      indicatorCode: code,
      value: null,
      updatedAt: now,
      review: i < 2 ? ('returned' as const) : ('accepted' as const),
    })),
  );
  await month(p.communeA.id, '2026-09-01', 'verified');
  const draftB = await month(p.communeB.id, '2026-10-01', 'draft');
  const submittedB = await month(p.communeB.id, '2026-11-01', 'submitted');
  await month(ended.id, '2025-05-01', 'draft');
  await month(ended.id, '2025-06-01', 'submitted');

  const agency = await makeAgency(deps, p.province.id, `Sở Thử ${p.tag}`);
  const road = async (unitId: number, code: string, target: string, confirmed = true) => {
    const [r] = await db
      .insert(roadmapItems)
      .values({
        unitId,
        setCode: SET,
        indicatorCode: code,
        criterionNumber: code.split('.')[0]!,
        title: `Việc ${code} ${p.tag}`,
        leadAgencyId: agency.id,
        targetMonth: `${target}-01`,
        confirmed,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return r!;
  };
  const overdueItem = await road(p.communeA.id, '8.3', '2026-09');
  await road(p.communeA.id, '7.2', '2027-03');
  await road(p.communeB.id, '2.3', '2026-12', false);
  await road(p.communeB.id, '2.4', '2026-12', false);
  await road(ended.id, '8.3', '2025-05');

  const opinion = (unitId: number) => ({
    target: 'unit' as const,
    targetCode: uniq('U'),
    targetTitle: 'Trang xã',
    unitId,
    category: 'question' as const,
    text: 'Khi nào sửa đường?',
    senderHash: uniq('h'),
    createdAt: now,
  });
  await db.insert(feedback).values([opinion(p.communeA.id), opinion(ended.id)]);

  // OCOP: one producer with an account, a product at each step that waits on someone.
  const [producer] = await db
    .insert(ocopProducers)
    .values({ unitId: p.communeA.id, name: `HTX Thử ${p.tag}`, kind: 'cooperative', searchKey: 'htx thu', createdAt: now })
    .returning();
  const producerUser = await makeUser(deps, 'ocop_producer', p.communeA.id);
  await db.update(users).set({ producerId: producer!.id }).where(eq(users.id, producerUser.id));
  const product = async (stage: OcopStage, unitId = p.communeA.id) => {
    const [row] = await db
      .insert(ocopProducts)
      .values({
        code: uniq('SP-').toUpperCase(),
        producerId: producer!.id,
        unitId,
        name: `Sản phẩm ${stage} ${p.tag}`,
        groupName: 'Thực phẩm',
        setNo: 1,
        stage,
        cycleYear: 2026,
        searchKey: 'san pham',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return row!;
  };
  const idea = await product('idea_registered');
  const plan = await product('plan_submitted');
  const implementing = await product('implementing');
  const waiting = await product('evaluation');
  const waitingToo = await product('evaluation');
  const scored = await product('evaluation');
  await product('promotion');
  await product('plan_submitted', ended.id);

  const office = await makeUser(deps, 'coordination_office', p.province.id);
  const chair = await makeUser(deps, 'agency', p.province.id, { agencyId: agency.id });
  const [sheet] = await db.select().from(ocopSheets).where(eq(ocopSheets.setNo, 1)).limit(1);
  const [round] = await db
    .insert(ocopRounds)
    .values({
      unitId: p.province.id,
      level: 'province',
      regime: sheet!.regime,
      name: `Hội đồng OCOP ${p.tag}`,
      year: 2026,
      quorum: 1,
      createdAt: now,
    })
    .returning();
  await db.insert(ocopRoundMembers).values([
    { roundId: round!.id, userId: chair.id, role: 'chair' },
    { roundId: round!.id, userId: office.id, role: 'member' },
  ]);
  await db.insert(ocopRoundProducts).values({ roundId: round!.id, productId: scored.id, sheetId: sheet!.id });
  await db
    .insert(ocopMemberScores)
    .values({ roundId: round!.id, productId: scored.id, userId: chair.id, answers: {}, total: 7000, submittedAt: now });

  // Oversight: the province council with requests and petitions.
  const [council] = await db
    .insert(councils)
    .values({ unitId: p.province.id, name: `HĐND ${name}`, term: '2021–2026', createdAt: now })
    .returning();
  const [activity] = await db
    .insert(oversightActivities)
    .values({
      councilId: council!.id,
      kind: 'explanatory_session',
      title: 'Phiên giải trình',
      topic: 'NTM',
      legalBasis: '121/2025/QH15',
      scheduledOn: '2026-03-10',
      status: 'concluded',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  let seq = 0;
  const request = async (addresseeUnitId: number, deadline: string, status: 'open' | 'reported') => {
    const [r] = await db
      .insert(recommendations)
      .values({
        activityId: activity!.id,
        seq: ++seq,
        text: `Kiến nghị ${seq} ${p.tag}`,
        addresseeUnitId,
        addresseeLabel: 'UBND',
        deadline,
        status,
        createdAt: now,
      })
      .returning();
    return r!;
  };
  const lateToA = await request(p.communeA.id, '2026-11-10', 'open');
  const reported = await request(p.province.id, '2026-10-31', 'reported');
  const farToB = await request(p.communeB.id, '2027-06-30', 'open');
  await request(ended.id, '2025-01-31', 'open');
  const petition = async (status: 'received' | 'assigned' | 'answered') => {
    const [row] = await db
      .insert(petitions)
      .values({
        councilId: council!.id,
        unitId: p.communeA.id,
        source: 'voter_meeting',
        receivedOn: '2026-10-01',
        text: `Kiến nghị cử tri ${status} ${p.tag}`,
        status,
        assigneeUnitId: status === 'received' ? null : p.communeA.id,
        deadline: status === 'received' ? null : '2026-12-15',
        createdAt: now,
      })
      .returning();
    return row!;
  };
  const received = await petition('received');
  const assigned = await petition('assigned');
  const answered = await petition('answered');

  return {
    p,
    ended,
    agency,
    returnedA,
    draftB,
    submittedB,
    overdueItem,
    products: { idea, plan, implementing, waiting, waitingToo, scored },
    round: round!,
    requests: { lateToA, reported, farToB },
    petitions: { received, assigned, answered },
    people: { office, chair, producer: producerUser },
  };
}

export type ProvinceWork = Awaited<ReturnType<typeof seedProvinceWork>>;
