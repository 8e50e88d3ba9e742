import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencies,
  allocations,
  assessments,
  disbursements,
  notifications,
  auditEvents,
  capitalPlans,
  criteriaSets,
  ocopMemberScores,
  ocopProducers,
  ocopProductPhotos,
  ocopProducts,
  ocopRoundMembers,
  ocopRoundProducts,
  ocopRounds,
  ocopSheets,
  evidence,
  files,
  planLines,
  projectPhotos,
  projects,
  readinessItems,
  roadmapItems,
  roleGrants,
  unitClassifications,
  councils,
  oversightActivities,
  oversightDocuments,
  oversightSnapshots,
  petitions,
  recommendationReports,
  recommendations,
  feedback,
  publications,
  units,
} from '../../db/schema';
import { buildSnapshotData, snapshotHash } from '../oversight/snapshots';
import { refreshResults } from '../assessments/results';
import { ensureReferenceData } from '../../seed/reference';
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../../lib/audit-chain';
import { insertUnit } from '../units/write';
import { rebuildUnitScope } from '../units/scope';
import { ROLES, roleAllows, type Action, type Role } from '../../shared/roles';
import { changedTables, dbDigest } from '../../testing/digest';
import { clientAs, makeAgency, makeProvince, makeUser, uniq } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';
import { todayVn } from '../../shared/vi';

type Province = Awaited<ReturnType<typeof makeProvince>>;
type Req = { method: string; path: string; body?: unknown; headers?: Record<string, string> };
type Case = {
  name: string;
  needs: Action;
  mutating: boolean;
  /** The role check happens before any unit is looked at: a role without the action gets 403 everywhere. */
  roleGate?: boolean;
  /** Not tied to a unit (national data): allowed or 403. */
  unscoped?: boolean;
  ok: number;
  /** Status when allowed but the unit is outside the actor's scope (default 404). */
  outside?: number;
  build: (p: Province) => Promise<Req>;
  /** For lists: is the target province's item in the answer? (only for roles allowed to read it) */
  visible?: (body: unknown, p: Province) => boolean;
  /** Roles allowed although their role table lacks `needs` (e.g. a producer registering its own subject). */
  alsoAllowed?: Role[];
  /** The answer when it does not follow from roles and units (one's own notices; a round's members only). */
  expect?: (role: Role, where: 'in' | 'out') => number;
};

/**
 * The matrix runs in two halves, one per test worker: authorization-matrix-1/2.test.ts each call this
 * with their half; each half builds the same fixtures and takes every other case, and the checks over
 * all cases run once each.
 */
export function authorizationMatrix(part: 1 | 2) {
  describe(`authorisation matrix: every role × every endpoint × a unit in and out of scope (part ${part} of 2)`, () => {
    let env: TestEnv;
    let home: Province;
    let away: Province;
    const clients = new Map<Role, TestClient>();

    /** A draft sheet of its own code, so each case edits or publishes a draft nobody else touches. */
    const freshSheetDraft = async () => {
      const [sheet] = await env.deps.db.select().from(ocopSheets).limit(1);
      const code = uniq('OCOP-D')
        .toUpperCase()
        .replace(/[^A-Z0-9-]/g, '');
      const [row] = await env.deps.db
        .insert(ocopSheets)
        .values({
          code,
          version: 1,
          setNo: sheet!.setNo,
          regime: sheet!.regime,
          document: { ...sheet!.document, code, version: 1 },
          verified: false,
          status: 'draft',
          createdAt: new Date(),
        })
        .returning();
      return row!;
    };

    const freshVillage = async (p: Province) =>
      env.deps.db.transaction(async (tx) => {
        const v = await insertUnit(
          tx,
          { code: uniq('V-'), name: 'thôn Mới', type: 'village', effectiveFrom: '2020-01-01', parentId: p.communeA.id },
          new Date(),
        );
        await rebuildUnitScope(tx);
        return v;
      });
    const freshUser = (p: Province) => makeUser(env.deps, 'viewer', p.communeA.id);
    let setIds: Map<string, number>;
    const freshCommune = async (p: Province) =>
      env.deps.db.transaction(async (tx) => {
        const c = await insertUnit(
          tx,
          { code: uniq('C-'), name: 'xã Thử', type: 'commune', effectiveFrom: '2020-01-01', parentId: p.district.id },
          new Date(),
        );
        await tx
          .insert(unitClassifications)
          .values({ unitId: c.id, dimension: 'region7', value: 'TDMNPB', effectiveFrom: '2021-01-01' });
        await rebuildUnitScope(tx);
        return c;
      });
    const freshAssessment = async (p: Province, status: 'draft' | 'submitted' | 'verified' = 'draft') => {
      const c = await freshCommune(p);
      const now = new Date();
      const [a] = await env.deps.db
        .insert(assessments)
        .values({
          unitId: c.id,
          setId: setIds.get('VN-NTM-XA-2021-2025')!,
          period: '2022-05-01',
          classCode: 'TDMNPB',
          status,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await env.deps.db.transaction((tx) => refreshResults(tx, a!.id, now));
      return a!;
    };
    const freshEvidence = async (p: Province) => {
      const a = await freshAssessment(p);
      const stored = await env.deps.files.put(Buffer.from(`%PDF-1.4 ${uniq()}`));
      const [f] = await env.deps.db
        .insert(files)
        .values({ ...stored, mime: 'application/pdf', createdAt: new Date() })
        .returning();
      const [e] = await env.deps.db
        .insert(evidence)
        .values({ assessmentId: a.id, indicatorCode: '1.1', fileId: f!.id, originalName: 'qd.pdf', addedAt: new Date() })
        .returning();
      return { a, e: e! };
    };
    /** Each overlay governs its own day, so publishing one never contends with another published before it. */
    let overlayDay = 0;
    const freshOverlayDraft = async (p: Province) => {
      const [national] = await env.deps.db
        .select()
        .from(criteriaSets)
        .where(eq(criteriaSets.id, setIds.get('VN-NTM-XA-2021-2025')!));
      const day = (k: number) => new Date(Date.UTC(2021, 0, 1 + k)).toISOString().slice(0, 10);
      const [effectiveFrom, effectiveTo] = [day(overlayDay), day(overlayDay + 1)];
      overlayDay += 1;
      const doc = {
        ...national!.document,
        effectiveFrom,
        effectiveTo,
        code: uniq('OV-').toUpperCase(),
        version: 1,
        derivation: { kind: 'overlay' as const, baseCode: national!.code, baseVersion: 1 },
      };
      const { id: _id, ...rest } = national!;
      const [row] = await env.deps.db
        .insert(criteriaSets)
        .values({
          ...rest,
          code: doc.code,
          version: 1,
          status: 'draft',
          derivation: 'overlay',
          baseCode: national!.code,
          ownerUnitId: p.province.id,
          effectiveFrom,
          effectiveTo,
          document: doc,
          rowVersion: 1,
          publishedAt: null,
        })
        .returning();
      return row!;
    };
    let sharedAgencyId: number;
    /** A country-wide administrator that builds fixtures through the API (templates to re-import). */
    let builder: TestClient;
    const freshItem = async (p: Province, extra: { confirmed?: boolean } = {}) => {
      const c = await freshCommune(p);
      const now = new Date();
      const [item] = await env.deps.db
        .insert(roadmapItems)
        .values({
          unitId: c.id,
          setCode: 'VN-NTM-XA-2021-2025',
          indicatorCode: '1.1',
          criterionNumber: '1',
          title: 'Quy hoạch chung',
          confirmed: extra.confirmed ?? true,
          supportingAgencyIds: [sharedAgencyId],
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return item!;
    };
    const freshProject = async (p: Province, unitId = p.communeA.id) => {
      const now = new Date();
      const [prj] = await env.deps.db
        .insert(projects)
        .values({
          code: uniq('P-'),
          name: 'Dự án thử',
          unitId,
          unitIds: [unitId],
          owner: 'UBND xã',
          totalInvestment: 5_000_000_000,
          searchKey: 'du an thu',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await env.deps.db.insert(readinessItems).values({ projectId: prj!.id, code: 'chu_truong', label: 'Chủ trương' });
      return prj!;
    };
    /** A plan on a commune of its own: one current plan per unit and year. */
    const freshPlan = async (p: Province, status: 'draft' | 'approved' = 'draft', unitId?: number) => {
      const [plan] = await env.deps.db
        .insert(capitalPlans)
        .values({
          unitId: unitId ?? (await freshCommune(p)).id,
          kind: 'annual',
          year: 2026,
          endYear: 2026,
          name: 'Kế hoạch thử',
          status,
          createdAt: new Date(),
        })
        .returning();
      await env.deps.db.insert(planLines).values({ planId: plan!.id, sourceCode: 'NSDP_TINH', amount: 5_000_000_000 });
      return plan!;
    };
    const freshFunded = async (p: Province) => {
      const c = await freshCommune(p);
      const prj = await freshProject(p, c.id);
      const plan = await freshPlan(p, 'approved', c.id);
      await env.deps.db
        .insert(allocations)
        .values({ planId: plan.id, projectId: prj.id, sourceCode: 'NSDP_TINH', amount: 1_000_000_000, addedOn: '2026-01-10' });
      return prj;
    };
    const freshProducer = async (p: Province) => {
      const [row] = await env.deps.db
        .insert(ocopProducers)
        .values({ unitId: p.communeA.id, name: 'HTX Thử', kind: 'cooperative', searchKey: 'htx thu', createdAt: new Date() })
        .returning();
      return row!;
    };
    const freshOcopProduct = async (p: Province, stage: 'awareness' | 'evaluation' = 'awareness') => {
      const producer = await freshProducer(p);
      const now = new Date();
      const [row] = await env.deps.db
        .insert(ocopProducts)
        .values({
          code: uniq('SP-'),
          producerId: producer.id,
          unitId: p.communeA.id,
          name: 'Khoai lang thử',
          groupName: 'Thực phẩm',
          setNo: 1,
          stage,
          cycleYear: 2026,
          published: true,
          searchKey: 'khoai lang thu',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return row!;
    };
    const freshScorer = (p: Province) => makeUser(env.deps, 'agency', p.province.id);
    const freshRound = async (p: Province) => {
      const member = await freshScorer(p);
      const [round] = await env.deps.db
        .insert(ocopRounds)
        .values({
          unitId: p.province.id,
          level: 'province',
          regime: 'QD1489_2025',
          name: 'Hội đồng thử',
          year: 2026,
          quorum: 1,
          createdAt: new Date(),
        })
        .returning();
      await env.deps.db.insert(ocopRoundMembers).values({ roundId: round!.id, userId: member.id, role: 'chair' });
      return { round: round!, member };
    };
    const freshScored = async (p: Province, decided: boolean) => {
      const { round, member } = await freshRound(p);
      const product = await freshOcopProduct(p, 'evaluation');
      const [sheet] = await env.deps.db.select().from(ocopSheets).where(eq(ocopSheets.regime, 'QD1489_2025'));
      await env.deps.db.insert(ocopRoundProducts).values({ roundId: round.id, productId: product.id, sheetId: sheet!.id });
      const answers = Object.fromEntries(
        sheet!.document.parts.flatMap((pt) => pt.groups.flatMap((g) => g.criteria.map((c) => [c.code, c.options.length - 1]))),
      );
      await env.deps.db
        .insert(ocopMemberScores)
        .values({ roundId: round.id, productId: product.id, userId: member.id, answers, total: 100, submittedAt: new Date() });
      // decided after the sheets are in: a sheet never lands on a decided result
      if (decided)
        await env.deps.db
          .update(ocopRoundProducts)
          .set({ status: 'decided', scoreX100: 7500, star: 4, recognised: true, decidedAt: new Date() })
          .where(and(eq(ocopRoundProducts.roundId, round.id), eq(ocopRoundProducts.productId, product.id)));
      return { round, product };
    };
    const freshCouncil = async (p: Province) => {
      const [row] = await env.deps.db
        .insert(councils)
        .values({ unitId: p.province.id, name: 'HĐND tỉnh Thử', term: '2021–2026', createdAt: new Date() })
        .returning();
      return row!;
    };
    /** A district-level council that ended with its level on 1/7/2025, with one open item. */
    const endedCouncil = async (p: Province) => {
      const unit = await env.deps.db.transaction(async (tx) => {
        const d = await insertUnit(
          tx,
          { code: uniq('H-'), name: 'huyện Cũ', type: 'district', effectiveFrom: '2020-01-01', parentId: p.province.id },
          new Date(),
        );
        await tx.update(units).set({ effectiveTo: '2025-07-01' }).where(eq(units.id, d.id));
        await rebuildUnitScope(tx);
        return d;
      });
      const [council] = await env.deps.db
        .insert(councils)
        .values({ unitId: unit.id, name: 'HĐND huyện Cũ', term: '2021–2026', createdAt: new Date() })
        .returning();
      await env.deps.db.insert(petitions).values({
        councilId: council!.id,
        unitId: p.communeA.id,
        source: 'voter_meeting',
        receivedOn: '2024-05-01',
        text: 'Kiến nghị còn mở',
        status: 'received',
        createdAt: new Date(),
      });
      return council!;
    };
    const freshActivity = async (p: Province, withSnapshot = false) => {
      const council = await freshCouncil(p);
      const now = new Date();
      const [activity] = await env.deps.db
        .insert(oversightActivities)
        .values({
          councilId: council.id,
          kind: 'explanatory_session',
          title: 'Phiên giải trình thử',
          topic: 'Thử',
          legalBasis: '121/2025/QH15',
          scheduledOn: '2026-03-10',
          heldOn: '2026-03-10',
          status: 'held',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      let snapshotId = 0;
      if (withSnapshot) {
        const reader = { userId: 1, username: 'x', fullName: 'x', homeUnitId: p.province.id, grants: [], sessionIdHash: 'x' };
        const data = await buildSnapshotData(env.deps, reader, council, activity!, '2026-03-10', '2026-03');
        const [snap] = await env.deps.db
          .insert(oversightSnapshots)
          .values({ activityId: activity!.id, asOf: '2026-03-10', data, sha256: snapshotHash(data), frozenAt: now })
          .returning();
        snapshotId = snap!.id;
      }
      return { council, activity: activity!, snapshotId };
    };
    const freshRecommendation = async (p: Province) => {
      const { activity } = await freshActivity(p);
      const [rec] = await env.deps.db
        .insert(recommendations)
        .values({
          activityId: activity.id,
          seq: 1,
          text: 'Rà soát tiêu chí hằng tháng',
          addresseeUnitId: p.communeA.id,
          addresseeLabel: 'UBND xã',
          deadline: '2026-06-30',
          createdAt: new Date(),
        })
        .returning();
      return rec!;
    };
    const freshFile = async () => {
      const bytes = new Uint8Array(Buffer.from(`%PDF-1.4\n% ${uniq()}\n%%EOF\n`));
      const stored = await env.deps.files.put(bytes);
      const [f] = await env.deps.db
        .insert(files)
        .values({ sha256: stored.sha256, size: stored.size, mime: 'application/pdf', createdAt: new Date() })
        .returning();
      return f!;
    };
    const freshPetition = async (p: Province, assigned: boolean) => {
      const council = await freshCouncil(p);
      const [row] = await env.deps.db
        .insert(petitions)
        .values({
          councilId: council.id,
          unitId: p.communeA.id,
          source: 'voter_meeting',
          receivedOn: '2026-03-01',
          text: 'Đề nghị sửa đường',
          status: assigned ? 'assigned' : 'received',
          assigneeUnitId: assigned ? p.communeA.id : null,
          createdAt: new Date(),
        })
        .returning();
      return row!;
    };
    const freshFeedback = async (p: Province) => {
      const [row] = await env.deps.db
        .insert(feedback)
        .values({
          target: 'unit',
          targetCode: String(p.communeA.id),
          targetTitle: p.communeA.name,
          unitId: p.communeA.id,
          category: 'question',
          text: 'Khi nào sửa đường thôn?',
          senderHash: uniq(),
          createdAt: new Date(),
        })
        .returning();
      return row!;
    };
    let publishedMonths = 0;
    const freshPublication = async (p: Province) => {
      const k = publishedMonths++;
      const period = `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
      const [row] = await env.deps.db
        .insert(publications)
        .values({ kind: 'period', unitId: p.communeA.id, period, publishedAt: new Date() })
        .returning();
      return row!;
    };
    const pngBytes = async () =>
      new Uint8Array(
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ccc' } })
          .png()
          .toBuffer(),
      );
    const pdfForm = () => {
      const f = new FormData();
      f.set('indicatorCode', '1.1');
      f.set('file', new Blob([Buffer.from(`%PDF-1.4 ${uniq()}`)]), 'bien-ban.pdf');
      return f;
    };

    const cases: Case[] = [
      {
        name: 'GET /api/units',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        build: async () => ({ method: 'GET', path: '/api/units' }),
        visible: (b, p) => (b as { items: { id: number }[] }).items.some((u) => u.id === p.communeA.id),
      },
      {
        name: 'GET /api/units/:id',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/units/${p.communeA.id}` }),
      },
      {
        name: 'GET /api/units/:id/predecessors',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/units/${p.communeA.id}/predecessors` }),
      },
      {
        name: 'GET /api/units/:id/successors',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/units/${p.communeA.id}/successors` }),
      },
      {
        name: 'POST /api/units',
        needs: 'unit.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/units',
          body: { code: uniq('N-'), name: 'thôn Thử', type: 'village', parentId: p.communeA.id, effectiveFrom: '2024-01-01' },
        }),
      },
      {
        name: 'PATCH /api/units/:id',
        needs: 'unit.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/units/${(await freshVillage(p)).id}`,
          body: { version: 1, name: 'thôn Đổi Tên' },
        }),
      },
      {
        name: 'POST /api/units/successions',
        needs: 'unit.manage',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const v = await freshVillage(p);
          return {
            method: 'POST',
            path: '/api/units/successions',
            body: {
              command: {
                kind: 'rename',
                date: '2024-06-01',
                from: [v.id],
                newUnit: { key: 'k', code: uniq('R-'), name: 'thôn Tên Mới', type: 'village', parentId: p.communeA.id },
              },
              legalBasis: 'Quyết định thử nghiệm',
            },
          };
        },
      },
      {
        name: 'POST /api/units/import',
        needs: 'unit.manage',
        mutating: true,
        roleGate: true,
        ok: 201,
        outside: 422,
        build: async (p) => ({
          method: 'POST',
          path: '/api/units/import',
          headers: { 'content-type': 'text/csv' },
          body: `ma,ten,loai,ma_cap_tren,hieu_luc_tu\n${uniq('I-')},thôn Nhập,thôn,${p.communeA.code},01/01/2024\n`,
        }),
      },
      {
        name: 'GET /api/users',
        needs: 'user.read',
        mutating: false,
        roleGate: true,
        ok: 200,
        build: async () => ({ method: 'GET', path: '/api/users' }),
        visible: (b, p) => (b as { items: { homeUnitId: number }[] }).items.some((u) => u.homeUnitId === p.communeA.id),
      },
      {
        name: 'GET /api/users/:id',
        needs: 'user.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/users/${(await freshUser(p)).id}` }),
      },
      {
        name: 'POST /api/users',
        needs: 'user.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/users',
          body: { username: uniq('moi.'), fullName: 'Người Mới', homeUnitId: p.communeA.id, password: 'Mat-khau-2026-x' },
        }),
      },
      {
        name: 'PATCH /api/users/:id',
        needs: 'user.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/users/${(await freshUser(p)).id}`,
          body: { version: 1, title: 'Chuyên viên' },
        }),
      },
      {
        name: 'POST /api/users/:id/grants',
        needs: 'user.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/users/${(await freshUser(p)).id}/grants`,
          body: { role: 'commune_officer', unitId: p.communeA.id },
        }),
      },
      {
        name: 'DELETE /api/users/:id/grants/:grantId',
        needs: 'user.manage',
        mutating: true,
        ok: 200,
        build: async (p) => {
          const u = await freshUser(p);
          const [g] = await env.deps.db
            .insert(roleGrants)
            .values({ userId: u.id, role: 'agency', unitId: p.communeA.id })
            .returning();
          return { method: 'DELETE', path: `/api/users/${u.id}/grants/${g!.id}` };
        },
      },
      {
        name: 'POST /api/users/:id/unlock',
        needs: 'user.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({ method: 'POST', path: `/api/users/${(await freshUser(p)).id}/unlock` }),
      },
      {
        name: 'POST /api/users/:id/password',
        needs: 'user.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/users/${(await freshUser(p)).id}/password`,
          body: { password: 'Mat-khau-moi-2026' },
        }),
      },
      {
        name: 'GET /api/audit',
        needs: 'audit.read',
        mutating: false,
        roleGate: true,
        ok: 200,
        build: async () => ({ method: 'GET', path: '/api/audit?entityType=unit&limit=500' }),
        visible: (b, p) => (b as { items: { unitId: number | null }[] }).items.some((e) => e.unitId === p.communeA.id),
      },
      {
        name: 'GET /api/audit/actors',
        needs: 'audit.read',
        mutating: false,
        roleGate: true,
        ok: 200,
        build: async (p) => {
          const u = await makeUser(env.deps, 'viewer', p.communeA.id, { fullName: `Người ghi ${p.tag}` });
          await env.deps.db.transaction((tx) =>
            writeAudit(
              tx,
              {
                actor: { userId: u.id, fullName: u.fullName, username: u.username },
                meta: { requestId: 'matrix', ip: null, now: new Date() },
              },
              { action: 'user.update', entityType: 'user', entityId: u.id, unitId: p.communeA.id },
            ),
          );
          return { method: 'GET', path: '/api/audit/actors' };
        },
        visible: (b, p) => (b as { items: { name: string }[] }).items.some((a) => a.name.startsWith(`Người ghi ${p.tag}`)),
      },
      {
        name: 'GET /api/audit/verify',
        needs: 'audit.verify',
        mutating: false,
        roleGate: true,
        ok: 200,
        outside: 200,
        build: async () => ({ method: 'GET', path: '/api/audit/verify' }),
      },
      {
        name: 'GET /api/criteria-sets',
        needs: 'criteria.read',
        mutating: false,
        unscoped: true,
        ok: 200,
        build: async () => ({ method: 'GET', path: '/api/criteria-sets' }),
      },
      {
        name: 'GET /api/criteria-sets/:id',
        needs: 'criteria.read',
        mutating: false,
        unscoped: true,
        ok: 200,
        build: async () => ({ method: 'GET', path: `/api/criteria-sets/${setIds.get('VN-NTM-XA-2021-2025')}` }),
      },
      {
        name: 'GET /api/criteria-sets/:id/export',
        needs: 'criteria.read',
        mutating: false,
        unscoped: true,
        ok: 200,
        build: async () => ({ method: 'GET', path: `/api/criteria-sets/${setIds.get('VN-NTM-XA-2026-2030')}/export` }),
      },
      {
        name: 'POST /api/criteria-sets/import',
        needs: 'criteria.manage',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const d = await freshOverlayDraft(p);
          return {
            method: 'POST',
            path: '/api/criteria-sets/import',
            body: { ownerUnitId: p.province.id, document: { ...d.document, code: uniq('IM-').toUpperCase() } },
          };
        },
      },
      {
        name: 'POST /api/criteria-sets/:id/drafts',
        needs: 'criteria.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({ method: 'POST', path: `/api/criteria-sets/${(await freshOverlayDraft(p)).id}/drafts` }),
      },
      {
        name: 'PUT /api/criteria-sets/:id',
        needs: 'criteria.manage',
        mutating: true,
        ok: 200,
        build: async (p) => {
          const d = await freshOverlayDraft(p);
          return {
            method: 'PUT',
            path: `/api/criteria-sets/${d.id}`,
            body: { rowVersion: 1, document: { ...d.document, name_vi: 'Bộ tiêu chí tỉnh (sửa)' } },
          };
        },
      },
      {
        name: 'POST /api/criteria-sets/:id/publish',
        needs: 'criteria.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/criteria-sets/${(await freshOverlayDraft(p)).id}/publish`,
          body: { rowVersion: 1 },
        }),
      },
      {
        name: 'GET /api/criteria-sets/:id/what-if',
        needs: 'criteria.manage',
        mutating: false,
        ok: 200,
        build: async (p) => ({
          method: 'GET',
          path: `/api/criteria-sets/${(await freshOverlayDraft(p)).id}/what-if?month=2022-06`,
        }),
      },
      {
        name: 'GET /api/criteria-sets/:id/what-if.xlsx',
        needs: 'criteria.manage',
        mutating: false,
        ok: 200,
        build: async (p) => ({
          method: 'GET',
          path: `/api/criteria-sets/${(await freshOverlayDraft(p)).id}/what-if.xlsx?month=2022-06&unitId=${p.province.id}`,
        }),
      },
      {
        name: 'GET /api/classifications',
        needs: 'criteria.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/classifications?unitId=${p.communeA.id}` }),
      },
      {
        name: 'POST /api/classifications',
        needs: 'criteria.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/classifications',
          body: { unitId: (await freshCommune(p)).id, dimension: 'group3', value: 'NHOM_2', effectiveFrom: '2026-02-15' },
        }),
      },
      {
        name: 'GET /api/assessments',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/assessments?unitId=${p.communeA.id}` }),
      },
      {
        name: 'POST /api/assessments',
        needs: 'assessment.enter',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/assessments',
          body: { unitId: (await freshCommune(p)).id, month: '2022-06' },
        }),
      },
      {
        name: 'GET /api/assessments/:id',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/assessments/${(await freshAssessment(p)).id}` }),
      },
      {
        name: 'PUT /api/assessments/:id/values',
        needs: 'assessment.enter',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PUT',
          path: `/api/assessments/${(await freshAssessment(p)).id}/values`,
          body: { changes: [{ code: '1.1', value: true, version: 0 }] },
        }),
      },
      {
        name: 'POST /api/assessments/:id/submit',
        needs: 'assessment.enter',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/assessments/${(await freshAssessment(p)).id}/submit`,
          body: { version: 1 },
        }),
      },
      {
        name: 'POST /api/assessments/:id/review',
        needs: 'assessment.verify',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/assessments/${(await freshAssessment(p, 'submitted')).id}/review`,
          body: { version: 1, outcome: 'verify' },
        }),
      },
      {
        name: 'POST /api/assessments/:id/reopen',
        needs: 'assessment.verify',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/assessments/${(await freshAssessment(p, 'verified')).id}/reopen`,
          body: { version: 1, reason: 'Sửa số liệu' },
        }),
      },
      {
        name: 'GET /api/assessments/:id/diff',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/assessments/${(await freshAssessment(p)).id}/diff` }),
      },
      {
        name: 'POST /api/assessments/:id/evidence',
        needs: 'assessment.enter',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/assessments/${(await freshAssessment(p)).id}/evidence`,
          body: pdfForm(),
        }),
      },
      {
        name: 'DELETE /api/assessments/:id/evidence/:evidenceId',
        needs: 'assessment.enter',
        mutating: true,
        ok: 200,
        build: async (p) => {
          const { a, e } = await freshEvidence(p);
          return { method: 'DELETE', path: `/api/assessments/${a.id}/evidence/${e.id}` };
        },
      },
      {
        name: 'GET /api/assessments/evidence/:evidenceId/:variant',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/assessments/evidence/${(await freshEvidence(p)).e.id}/file` }),
      },
      {
        name: 'GET /api/dashboard/summary',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/dashboard/summary?unitId=${p.province.id}&month=2022-05` }),
      },
      {
        name: 'GET /api/dashboard/heatmap',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/dashboard/heatmap?unitId=${p.province.id}&month=2022-05` }),
      },
      {
        name: 'GET /api/dashboard/gaps',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/dashboard/gaps?unitId=${p.province.id}&month=2022-05` }),
      },
      {
        name: 'GET /api/roadmaps',
        needs: 'roadmap.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/roadmaps?unitId=${p.communeA.id}` }),
      },
      {
        name: 'POST /api/roadmaps/suggest',
        needs: 'roadmap.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/roadmaps/suggest',
          body: { unitId: (await freshAssessment(p, 'verified')).unitId },
        }),
      },
      {
        name: 'GET /api/roadmaps/agencies',
        needs: 'roadmap.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/roadmaps/agencies?unitId=${p.communeA.id}` }),
      },
      {
        name: 'GET /api/roadmaps/budget',
        needs: 'roadmap.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/roadmaps/budget?unitId=${p.communeA.id}` }),
      },
      {
        name: 'GET /api/roadmaps/budget.xlsx',
        needs: 'roadmap.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/roadmaps/budget.xlsx?unitId=${p.communeA.id}` }),
      },
      {
        name: 'GET /api/roadmaps/:id',
        needs: 'roadmap.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/roadmaps/${(await freshItem(p)).id}` }),
      },
      {
        name: 'GET /api/roadmaps/people',
        needs: 'roadmap.manage',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/roadmaps/people?unitId=${p.communeA.id}` }),
      },
      {
        name: 'POST /api/roadmaps/confirm',
        needs: 'roadmap.manage',
        mutating: true,
        ok: 200,
        build: async (p) => {
          const item = await freshItem(p, { confirmed: false });
          const [committee] = await env.deps.db
            .select({ id: agencies.id })
            .from(agencies)
            .where(and(eq(agencies.unitId, item.unitId), eq(agencies.kind, 'people_committee')));
          return {
            method: 'POST',
            path: '/api/roadmaps/confirm',
            body: { items: [{ id: item.id, version: item.version }], leadAgencyId: committee!.id, targetMonth: '2027-06' },
          };
        },
      },
      {
        name: 'PATCH /api/roadmaps/:id',
        needs: 'roadmap.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/roadmaps/${(await freshItem(p)).id}`,
          body: { version: 1, priority: 1 },
        }),
      },
      {
        name: 'POST /api/roadmaps/:id/checkins',
        needs: 'roadmap.checkin',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/roadmaps/${(await freshItem(p)).id}/checkins`,
          body: { version: 1, month: todayVn(new Date()).slice(0, 7), percent: 30, note: 'Đang triển khai' },
        }),
      },
      {
        name: 'POST /api/roadmaps/:id/checkins/upload',
        needs: 'roadmap.checkin',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const f = pdfForm();
          for (const [k, v] of Object.entries({
            version: '1',
            month: todayVn(new Date()).slice(0, 7),
            percent: '40',
            note: 'Có biên bản nghiệm thu',
          }))
            f.set(k, v);
          return { method: 'POST', path: `/api/roadmaps/${(await freshItem(p)).id}/checkins/upload`, body: f };
        },
      },
      {
        name: 'GET /api/notifications/outbox',
        needs: 'outbox.read',
        mutating: false,
        unscoped: true,
        ok: 200,
        build: async () => ({ method: 'GET', path: '/api/notifications/outbox' }),
      },
      {
        name: 'GET /api/dashboard/heatmap.xlsx',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/dashboard/heatmap.xlsx?unitId=${p.province.id}&month=2022-05` }),
      },
      {
        name: 'GET /api/dashboard/scorecard.xlsx',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/dashboard/scorecard.xlsx?unitId=${p.communeA.id}&year=2022` }),
      },
      {
        name: 'GET /api/assessments/:id/template.xlsx',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/assessments/${(await freshAssessment(p)).id}/template.xlsx` }),
      },
      {
        name: 'GET /api/capital/cockpit',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/cockpit?unitId=${p.province.id}&year=2026` }),
      },
      {
        name: 'GET /api/capital/report.xlsx',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/report.xlsx?unitId=${p.province.id}&year=2026` }),
      },
      {
        name: 'GET /api/capital/projects',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/projects?unitId=${p.province.id}` }),
      },
      {
        name: 'POST /api/capital/projects',
        needs: 'capital.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/capital/projects',
          body: {
            code: uniq('PRJ-'),
            name: 'Đường thôn thử',
            unitId: p.communeA.id,
            owner: 'UBND xã',
            type: 'standard',
            sources: [{ sourceCode: 'NSDP_TINH', amount: 1_000_000_000 }],
          },
        }),
      },
      {
        name: 'GET /api/capital/projects/:id',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/projects/${(await freshProject(p)).id}` }),
      },
      {
        name: 'PATCH /api/capital/projects/:id',
        needs: 'capital.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/capital/projects/${(await freshProject(p)).id}`,
          body: { version: 1, contractor: 'Công ty thử' },
        }),
      },
      {
        name: 'PUT /api/capital/projects/:id/readiness/:code',
        needs: 'capital.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PUT',
          path: `/api/capital/projects/${(await freshProject(p)).id}/readiness/chu_truong`,
          body: { done: true },
        }),
      },
      {
        name: 'GET /api/capital/projects/:id/qr/:format',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/projects/${(await freshProject(p)).id}/qr/png` }),
      },
      {
        name: 'POST /api/capital/projects/:id/extensions',
        needs: 'capital.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/capital/projects/${(await freshProject(p)).id}/extensions`,
          body: { planYear: 2026, newDeadline: '2027-06-30', decisionNo: 'QĐ thử', decisionDate: '2026-01-10' },
        }),
      },
      {
        name: 'POST /api/capital/projects/:id/contributions',
        needs: 'capital.disburse',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/capital/projects/${(await freshProject(p)).id}/contributions`,
          body: { sourceCode: 'XHH_CONG', date: '2026-05-01', quantity: 20, valueVnd: 4_000_000 },
        }),
      },
      {
        name: 'GET /api/capital/plans',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/plans?unitId=${p.province.id}` }),
      },
      {
        name: 'POST /api/capital/plans',
        needs: 'capital.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/capital/plans',
          body: {
            unitId: p.province.id,
            kind: 'annual',
            year: 2026,
            name: 'Kế hoạch thử',
            lines: [{ sourceCode: 'NSDP_TINH', amount: 5_000_000_000 }],
          },
        }),
      },
      {
        name: 'GET /api/capital/plans/:id',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/plans/${(await freshPlan(p)).id}` }),
      },
      {
        name: 'PUT /api/capital/plans/:id/lines',
        needs: 'capital.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PUT',
          path: `/api/capital/plans/${(await freshPlan(p)).id}/lines`,
          body: { rowVersion: 1, lines: [{ sourceCode: 'NSDP_TINH', amount: 6_000_000_000 }] },
        }),
      },
      {
        name: 'PUT /api/capital/plans/:id/allocations',
        needs: 'capital.manage',
        mutating: true,
        ok: 200,
        build: async (p) => {
          const c = await freshCommune(p);
          return {
            method: 'PUT',
            path: `/api/capital/plans/${(await freshPlan(p, 'draft', c.id)).id}/allocations`,
            body: {
              rowVersion: 1,
              allocations: [{ projectId: (await freshProject(p, c.id)).id, sourceCode: 'NSDP_TINH', amount: 1_000_000_000 }],
            },
          };
        },
      },
      {
        name: 'POST /api/capital/plans/:id/approve',
        needs: 'capital.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/capital/plans/${(await freshPlan(p)).id}/approve`,
          body: { rowVersion: 1, resolutionNo: 'NQ thử', resolutionDate: '2025-12-10', body: 'HĐND tỉnh' },
        }),
      },
      {
        name: 'POST /api/capital/plans/:id/adjust',
        needs: 'capital.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({ method: 'POST', path: `/api/capital/plans/${(await freshPlan(p, 'approved')).id}/adjust` }),
      },
      {
        name: 'POST /api/capital/disbursements',
        needs: 'capital.disburse',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/capital/disbursements',
          body: {
            projectId: (await freshFunded(p)).id,
            planYear: 2026,
            sourceCode: 'NSDP_TINH',
            date: '2026-06-01',
            amount: 100_000_000,
            paymentType: 'advance',
            voucherRef: uniq('KB-'),
          },
        }),
      },
      {
        name: 'POST /api/capital/disbursements/import',
        needs: 'capital.disburse',
        mutating: true,
        roleGate: true,
        ok: 201,
        outside: 422,
        build: async (p) => {
          const prj = await freshFunded(p);
          const f = new FormData();
          f.set(
            'file',
            new Blob([
              `ma_du_an,ngay,so_tien,nguon_von,nam_ke_hoach,loai,so_chung_tu\n${prj.code},01/06/2026,100000000,NSDP_TINH,2026,tạm ứng,${uniq('KB-')}\n`,
            ]),
            'kb.csv',
          );
          return { method: 'POST', path: '/api/capital/disbursements/import', body: f };
        },
      },
      {
        name: 'GET /api/capital/disbursements/reference',
        needs: 'capital.disburse',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/disbursements/reference?unitId=${p.province.id}` }),
      },
      {
        name: 'GET /api/capital/disbursements/template.xlsx',
        needs: 'capital.disburse',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/disbursements/template.xlsx?unitId=${p.province.id}` }),
      },
      {
        name: 'GET /api/capital/disbursements/template.csv',
        needs: 'capital.disburse',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/disbursements/template.csv?unitId=${p.province.id}` }),
      },
      {
        name: 'GET /api/capital/settings',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/capital/settings?unitId=${p.province.id}` }),
      },
      {
        name: 'PUT /api/capital/settings',
        needs: 'capital.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PUT',
          path: `/api/capital/settings?unitId=${p.province.id}`,
          body: { behindTimePoints: 20, idleMonths: 2, deadlineDays: 45 },
        }),
      },
      {
        name: 'POST /api/capital/projects/:id/photos',
        needs: 'capital.disburse',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const f = new FormData();
          f.set(
            'file',
            new Blob([
              new Uint8Array(
                await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ccc' } })
                  .png()
                  .toBuffer(),
              ),
            ]),
            'anh.png',
          );
          return { method: 'POST', path: `/api/capital/projects/${(await freshProject(p)).id}/photos`, body: f };
        },
      },
      {
        name: 'GET /api/capital/photos/:photoId/:variant',
        needs: 'capital.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          const prj = await freshProject(p);
          const stored = await env.deps.files.put(
            await sharp({ create: { width: 8, height: 8, channels: 3, background: '#eee' } })
              .png()
              .toBuffer(),
          );
          const [f] = await env.deps.db
            .insert(files)
            .values({ ...stored, mime: 'image/png', createdAt: new Date() })
            .onConflictDoNothing()
            .returning();
          const fileId = f?.id ?? (await env.deps.db.select().from(files).where(eq(files.sha256, stored.sha256)))[0]!.id;
          const [ph] = await env.deps.db
            .insert(projectPhotos)
            .values({ projectId: prj.id, fileId, addedAt: new Date() })
            .returning();
          return { method: 'GET', path: `/api/capital/photos/${ph!.id}/file` };
        },
      },
      {
        name: 'GET /api/dashboard/scorecard',
        needs: 'assessment.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/dashboard/scorecard?unitId=${p.communeA.id}&year=2022` }),
      },

      {
        name: 'GET /api/ocop/catalogue',
        needs: 'unit.read',
        mutating: false,
        unscoped: true,
        ok: 200,
        build: async () => ({ method: 'GET', path: '/api/ocop/catalogue' }),
      },
      {
        name: 'GET /api/ocop/sheets/:id',
        needs: 'unit.read',
        mutating: false,
        unscoped: true,
        ok: 200,
        build: async () => {
          const [sheet] = await env.deps.db.select().from(ocopSheets).limit(1);
          return { method: 'GET', path: `/api/ocop/sheets/${sheet!.id}` };
        },
      },
      {
        name: 'POST /api/ocop/sheets',
        needs: 'ocop.sheet_manage',
        mutating: true,
        unscoped: true,
        // National data: only holders of the action on the country itself (none of the matrix's actors) keep it.
        expect: () => 403,
        ok: 201,
        build: async () => {
          const [sheet] = await env.deps.db.select().from(ocopSheets).limit(1);
          return { method: 'POST', path: '/api/ocop/sheets', body: { ...sheet!.document, code: uniq('OCOP-T').toUpperCase() } };
        },
      },
      {
        name: 'GET /api/ocop/sheets/:id/export',
        needs: 'unit.read',
        mutating: false,
        unscoped: true,
        ok: 200,
        build: async () => {
          const [sheet] = await env.deps.db.select().from(ocopSheets).limit(1);
          return { method: 'GET', path: `/api/ocop/sheets/${sheet!.id}/export` };
        },
      },
      {
        name: 'POST /api/ocop/sheets/:id/drafts',
        needs: 'ocop.sheet_manage',
        mutating: true,
        unscoped: true,
        // National data: only holders of the action on the country itself (none of the matrix's actors) keep it.
        expect: () => 403,
        ok: 201,
        build: async () => {
          const [sheet] = await env.deps.db.select().from(ocopSheets).limit(1);
          return { method: 'POST', path: `/api/ocop/sheets/${sheet!.id}/drafts`, body: { setNo: 26 } };
        },
      },
      {
        name: 'PUT /api/ocop/sheets/:id',
        needs: 'ocop.sheet_manage',
        mutating: true,
        unscoped: true,
        // National data: only holders of the action on the country itself (none of the matrix's actors) keep it.
        expect: () => 403,
        ok: 200,
        build: async () => {
          const draft = await freshSheetDraft();
          return { method: 'PUT', path: `/api/ocop/sheets/${draft.id}`, body: { rowVersion: 1, document: draft.document } };
        },
      },
      {
        name: 'POST /api/ocop/sheets/:id/publish',
        needs: 'ocop.sheet_manage',
        mutating: true,
        unscoped: true,
        // National data: only holders of the action on the country itself (none of the matrix's actors) keep it.
        expect: () => 403,
        ok: 200,
        build: async () => {
          const draft = await freshSheetDraft();
          return { method: 'POST', path: `/api/ocop/sheets/${draft.id}/publish`, body: { rowVersion: 1 } };
        },
      },
      {
        name: 'GET /api/ocop/products',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshOcopProduct(p);
          return { method: 'GET', path: '/api/ocop/products' };
        },
        visible: (b, p) => (b as { items: { unitId: number }[] }).items.some((i) => i.unitId === p.communeA.id),
      },
      {
        name: 'GET /api/ocop/producers',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshProducer(p);
          return { method: 'GET', path: '/api/ocop/producers' };
        },
        visible: (b, p) => (b as { items: { unitId: number }[] }).items.some((i) => i.unitId === p.communeA.id),
      },
      {
        name: 'GET /api/ocop/rounds',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshRound(p);
          return { method: 'GET', path: '/api/ocop/rounds' };
        },
        visible: (b, p) => (b as { items: { unitId: number }[] }).items.some((i) => i.unitId === p.province.id),
      },
      {
        name: 'GET /api/ocop/producers/:id',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/ocop/producers/${(await freshProducer(p)).id}` }),
      },
      {
        name: 'PATCH /api/ocop/producers/:id',
        needs: 'ocop.intake',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/ocop/producers/${(await freshProducer(p)).id}`,
          body: { version: 1, phone: '0203 3881 234' },
        }),
      },
      {
        name: 'POST /api/ocop/products',
        needs: 'ocop.intake',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/ocop/products',
          body: { producerId: (await freshProducer(p)).id, name: 'Ghẹ thử', setNo: 2, cycleYear: 2026 },
        }),
      },
      {
        name: 'GET /api/ocop/products/:id',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/ocop/products/${(await freshOcopProduct(p)).id}` }),
      },
      {
        name: 'PATCH /api/ocop/products/:id',
        needs: 'ocop.intake',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/ocop/products/${(await freshOcopProduct(p)).id}`,
          body: { version: 1, description: 'Mô tả' },
        }),
      },
      {
        name: 'POST /api/ocop/products/:id/transitions',
        needs: 'ocop.intake',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/ocop/products/${(await freshOcopProduct(p)).id}/transitions`,
          body: { action: 'register_idea', documents: ['phieu_y_tuong'], version: 1 },
        }),
      },
      {
        name: 'POST /api/ocop/products/:id/photos',
        needs: 'ocop.intake',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const f = new FormData();
          f.set('file', new Blob([await pngBytes()]), 'anh.png');
          return { method: 'POST', path: `/api/ocop/products/${(await freshOcopProduct(p)).id}/photos`, body: f };
        },
      },
      {
        name: 'GET /api/ocop/photos/:id',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          const product = await freshOcopProduct(p);
          const stored = await env.deps.files.put(await pngBytes());
          const [f] = await env.deps.db
            .insert(files)
            .values({ ...stored, mime: 'image/png', createdAt: new Date() })
            .onConflictDoNothing()
            .returning();
          const fileId = f?.id ?? (await env.deps.db.select().from(files).where(eq(files.sha256, stored.sha256)))[0]!.id;
          const [ph] = await env.deps.db
            .insert(ocopProductPhotos)
            .values({ productId: product.id, fileId, addedAt: new Date() })
            .returning();
          return { method: 'GET', path: `/api/ocop/photos/${ph!.id}` };
        },
      },
      {
        name: 'GET /api/ocop/products/:id/qr/:format',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/ocop/products/${(await freshOcopProduct(p)).id}/qr/svg` }),
      },
      {
        name: 'GET /api/ocop/labels',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/ocop/labels?productIds=${(await freshOcopProduct(p)).id}` }),
      },
      {
        name: 'GET /api/ocop/pipeline',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/ocop/pipeline?unitId=${p.communeA.id}&year=2026` }),
      },
      {
        name: 'GET /api/ocop/dashboard',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/ocop/dashboard?unitId=${p.province.id}&year=2026` }),
      },
      {
        name: 'PUT /api/ocop/targets',
        needs: 'ocop.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PUT',
          path: '/api/ocop/targets',
          body: { unitId: p.communeA.id, year: 2026, newProducts: 5, newRated34: 2, newOrganisations: 1 },
        }),
      },
      {
        name: 'POST /api/ocop/rounds',
        needs: 'ocop.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/ocop/rounds',
          body: {
            unitId: p.province.id,
            level: 'province',
            name: 'Hội đồng cấp tỉnh',
            year: 2026,
            quorum: 1,
            members: [{ userId: (await freshScorer(p)).id, role: 'chair' }],
          },
        }),
      },
      {
        name: 'GET /api/ocop/rounds/:id',
        needs: 'ocop.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/ocop/rounds/${(await freshRound(p)).round.id}` }),
      },
      {
        name: 'POST /api/ocop/rounds/:id/products',
        needs: 'ocop.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/ocop/rounds/${(await freshRound(p)).round.id}/products`,
          body: { productIds: [(await freshOcopProduct(p, 'evaluation')).id] },
        }),
      },
      {
        name: 'POST /api/ocop/rounds/:id/products/:productId/decide',
        needs: 'ocop.manage',
        mutating: true,
        ok: 200,
        build: async (p) => {
          const { round, product } = await freshScored(p, false);
          return { method: 'POST', path: `/api/ocop/rounds/${round.id}/products/${product.id}/decide` };
        },
      },
      {
        name: 'POST /api/ocop/rounds/:id/products/:productId/certificate',
        needs: 'ocop.manage',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const { round, product } = await freshScored(p, true);
          return {
            method: 'POST',
            path: `/api/ocop/rounds/${round.id}/products/${product.id}/certificate`,
            body: { number: uniq('GCN-'), decisionNo: 'QĐ 1/QĐ-UBND', decisionDate: '2026-01-05', issuedBy: 'UBND tỉnh' },
          };
        },
      },
      {
        name: 'POST /api/ocop/rounds/:id/close',
        needs: 'ocop.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({ method: 'POST', path: `/api/ocop/rounds/${(await freshRound(p)).round.id}/close` }),
      },
      {
        name: 'GET /api/oversight/councils',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshCouncil(p);
          return { method: 'GET', path: '/api/oversight/councils' };
        },
        visible: (b, p) => (b as { items: { unitId: number }[] }).items.some((i) => i.unitId === p.province.id),
      },
      {
        name: 'POST /api/oversight/councils',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/oversight/councils',
          body: { unitId: p.communeA.id, name: 'HĐND xã Thử', term: '2026–2031' },
        }),
      },
      {
        name: 'GET /api/oversight/councils/:id',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/oversight/councils/${(await freshCouncil(p)).id}` }),
      },
      {
        name: 'POST /api/oversight/councils/:id/handover',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/councils/${(await endedCouncil(p)).id}/handover`,
          body: {
            toCouncilId: (await freshCouncil(p)).id,
            handedOverOn: '2025-07-01',
            legalBasis: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
          },
        }),
      },
      {
        name: 'POST /api/oversight/councils/:id/bodies',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/councils/${(await freshCouncil(p)).id}/bodies`,
          body: { kind: 'committee', name: 'Ban Kinh tế – Ngân sách' },
        }),
      },
      {
        name: 'POST /api/oversight/councils/:id/delegates',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/councils/${(await freshCouncil(p)).id}/delegates`,
          body: { fullName: 'Đại biểu Thử', position: 'Đại biểu' },
        }),
      },
      {
        name: 'POST /api/oversight/councils/:id/activities',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/councils/${(await freshCouncil(p)).id}/activities`,
          body: { kind: 'thematic_supervision', title: 'Giám sát chuyên đề thử', topic: 'Thử', scheduledOn: '2026-04-01' },
        }),
      },
      {
        name: 'GET /api/oversight/activities/:id',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/oversight/activities/${(await freshActivity(p)).activity.id}` }),
      },
      {
        name: 'PATCH /api/oversight/activities/:id',
        needs: 'oversight.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/oversight/activities/${(await freshActivity(p)).activity.id}`,
          body: { title: 'Phiên giải trình (sửa)', version: 1 },
        }),
      },
      {
        name: 'POST /api/oversight/activities/:id/documents',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const form = new FormData();
          form.set('kind', 'explanatory_report');
          form.set(
            'file',
            new File([new Uint8Array(Buffer.from(`%PDF-1.4\n% ${uniq()}\n%%EOF\n`))], 'bao-cao.pdf', { type: 'application/pdf' }),
          );
          return {
            method: 'POST',
            path: `/api/oversight/activities/${(await freshActivity(p)).activity.id}/documents`,
            body: form,
          };
        },
      },
      {
        name: 'GET /api/oversight/documents/:id/file',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          const { activity } = await freshActivity(p);
          const f = await freshFile();
          const [doc] = await env.deps.db
            .insert(oversightDocuments)
            .values({
              activityId: activity.id,
              kind: 'minutes',
              title: 'Biên bản',
              version: 1,
              fileId: f.id,
              fileName: 'bien-ban.pdf',
              createdAt: new Date(),
            })
            .returning();
          return { method: 'GET', path: `/api/oversight/documents/${doc!.id}/file` };
        },
      },
      {
        name: 'POST /api/oversight/activities/:id/snapshots',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/activities/${(await freshActivity(p)).activity.id}/snapshots`,
          body: {},
        }),
      },
      {
        name: 'GET /api/oversight/snapshots/:id',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/oversight/snapshots/${(await freshActivity(p, true)).snapshotId}` }),
      },
      ...(['docx', 'xlsx', 'pdf'] as const).map((f): Case => ({
        name: `GET /api/oversight/snapshots/:id/pack.${f}`,
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({
          method: 'GET',
          path: `/api/oversight/snapshots/${(await freshActivity(p, true)).snapshotId}/pack.${f}`,
        }),
      })),
      ...(['', '/report.docx'] as const).map((suffix): Case => ({
        name: `GET /api/oversight/compare${suffix}`,
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          const a = await freshActivity(p, true);
          const now = new Date();
          const { id: _a, ...activity } = a.activity;
          const [b] = await env.deps.db
            .insert(oversightActivities)
            .values({ ...activity, title: 'Tái giám sát thử', createdAt: now, updatedAt: now })
            .returning();
          const [snap] = await env.deps.db.select().from(oversightSnapshots).where(eq(oversightSnapshots.id, a.snapshotId));
          const { id: _s, ...copy } = snap!;
          await env.deps.db.insert(oversightSnapshots).values({ ...copy, activityId: b!.id });
          return { method: 'GET', path: `/api/oversight/compare${suffix}?first=${a.activity.id}&second=${b!.id}` };
        },
      })),
      {
        name: 'POST /api/oversight/activities/:id/recommendations',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/activities/${(await freshActivity(p)).activity.id}/recommendations`,
          body: { text: 'Công khai kết quả', addresseeUnitId: p.communeA.id, addresseeLabel: 'UBND xã', deadline: '2026-09-30' },
        }),
      },
      {
        name: 'GET /api/oversight/recommendations',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshRecommendation(p);
          return { method: 'GET', path: '/api/oversight/recommendations' };
        },
        visible: (b, p) => (b as { items: { addresseeUnitId: number }[] }).items.some((i) => i.addresseeUnitId === p.communeA.id),
      },
      {
        name: 'GET /api/oversight/recommendations/:id',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => ({ method: 'GET', path: `/api/oversight/recommendations/${(await freshRecommendation(p)).id}` }),
      },
      {
        name: 'PATCH /api/oversight/recommendations/:id',
        needs: 'oversight.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/oversight/recommendations/${(await freshRecommendation(p)).id}`,
          body: { deadline: '2026-07-31', version: 1 },
        }),
      },
      {
        name: 'POST /api/oversight/recommendations/:id/reports',
        needs: 'oversight.respond',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/recommendations/${(await freshRecommendation(p)).id}/reports`,
          body: { text: 'Đã thực hiện', done: true, version: 1 },
        }),
      },
      {
        name: 'POST /api/oversight/recommendations/:id/decision',
        needs: 'oversight.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/recommendations/${(await freshRecommendation(p)).id}/decision`,
          body: { decision: 'not_accepted', note: 'Chưa có minh chứng', version: 1 },
        }),
      },
      {
        name: 'GET /api/oversight/reports/:id/file',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          const rec = await freshRecommendation(p);
          const f = await freshFile();
          const [r] = await env.deps.db
            .insert(recommendationReports)
            .values({
              recommendationId: rec.id,
              reportedOn: '2026-04-01',
              text: 'x',
              fileId: f.id,
              fileName: 'mc.pdf',
              createdAt: new Date(),
            })
            .returning();
          return { method: 'GET', path: `/api/oversight/reports/${r!.id}/file` };
        },
      },
      {
        name: 'GET /api/oversight/petitions',
        needs: 'oversight.read',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshPetition(p, true);
          return { method: 'GET', path: '/api/oversight/petitions' };
        },
        visible: (b, p) => (b as { items: { unitId: number }[] }).items.some((i) => i.unitId === p.communeA.id),
      },
      {
        name: 'POST /api/oversight/councils/:id/petitions',
        needs: 'oversight.manage',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/councils/${(await freshCouncil(p)).id}/petitions`,
          body: { unitId: p.communeA.id, source: 'voter_meeting', receivedOn: '2026-03-02', text: 'Đề nghị lắp đèn đường' },
        }),
      },
      {
        name: 'PATCH /api/oversight/petitions/:id',
        needs: 'oversight.manage',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'PATCH',
          path: `/api/oversight/petitions/${(await freshPetition(p, false)).id}`,
          body: { assigneeUnitId: p.communeA.id, assigneeLabel: 'UBND xã', deadline: '2026-04-30', version: 1 },
        }),
      },
      {
        name: 'POST /api/oversight/petitions/:id/answer',
        needs: 'oversight.respond',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/oversight/petitions/${(await freshPetition(p, true)).id}/answer`,
          body: { answer: 'Đã lắp đặt xong', version: 1 },
        }),
      },
      {
        name: 'GET /api/portal/publications',
        needs: 'portal.publish',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshPublication(p);
          return { method: 'GET', path: '/api/portal/publications' };
        },
        visible: (b, p) => (b as { items: { unitId: number }[] }).items.some((i) => i.unitId === p.communeA.id),
      },
      {
        name: 'POST /api/portal/publications',
        needs: 'portal.publish',
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/portal/publications',
          body: { kind: 'period', unitId: (await freshCommune(p)).id, month: '2026-01' },
        }),
      },
      {
        name: 'DELETE /api/portal/publications/:id',
        needs: 'portal.publish',
        mutating: true,
        ok: 200,
        build: async (p) => ({ method: 'DELETE', path: `/api/portal/publications/${(await freshPublication(p)).id}` }),
      },
      {
        name: 'GET /api/portal/feedback',
        needs: 'portal.moderate',
        mutating: false,
        ok: 200,
        build: async (p) => {
          await freshFeedback(p);
          return { method: 'GET', path: '/api/portal/feedback' };
        },
        visible: (b, p) => (b as { items: { unitId: number }[] }).items.some((i) => i.unitId === p.communeA.id),
      },
      {
        name: 'POST /api/portal/feedback/:id/moderate',
        needs: 'portal.moderate',
        mutating: true,
        ok: 200,
        build: async (p) => ({
          method: 'POST',
          path: `/api/portal/feedback/${(await freshFeedback(p)).id}/moderate`,
          body: { decision: 'reject', version: 1 },
        }),
      },
      {
        name: 'POST /api/assessments/:id/import',
        needs: 'assessment.enter',
        mutating: true,
        ok: 200,
        build: async (p) => {
          const a = await freshAssessment(p);
          const template = await builder.bytes(`/api/assessments/${a.id}/template.xlsx`);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(template.body as unknown as ArrayBuffer);
          const ws = wb.getWorksheet('Nhập liệu')!;
          let row = 1;
          while (row < ws.rowCount && !/^\d+\.\d+/.test(ws.getRow(row).getCell(1).text)) row++;
          ws.getRow(row).getCell(10).value = `Ghi chú ${uniq()}`;
          const f = new FormData();
          f.set('file', new Blob([new Uint8Array(await wb.xlsx.writeBuffer())]), 'mau.xlsx');
          return { method: 'POST', path: `/api/assessments/${a.id}/import`, body: f };
        },
      },
      {
        name: 'GET /api/notifications',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        expect: () => 200,
        build: async () => ({ method: 'GET', path: '/api/notifications' }),
      },
      {
        name: 'POST /api/notifications/:id/read',
        needs: 'unit.read',
        mutating: true,
        ok: 200,
        // someone else's notice: nobody marks it
        expect: () => 404,
        build: async (p) => {
          const other = await freshUser(p);
          const [n] = await env.deps.db
            .insert(notifications)
            .values({ userId: other.id, kind: 'test', title: 'Thử', body: 'Thử', dedupeKey: uniq('t-'), createdAt: new Date() })
            .returning();
          return { method: 'POST', path: `/api/notifications/${n!.id}/read` };
        },
      },
      {
        name: 'POST /api/notifications/read-all',
        needs: 'unit.read',
        mutating: true,
        ok: 200,
        expect: () => 200,
        build: async () => ({ method: 'POST', path: '/api/notifications/read-all' }),
      },
      {
        name: 'GET /api/notifications/preferences',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        expect: () => 200,
        build: async () => ({ method: 'GET', path: '/api/notifications/preferences' }),
      },
      {
        name: 'PUT /api/notifications/preferences',
        needs: 'unit.read',
        mutating: true,
        ok: 200,
        expect: () => 200,
        build: async () => ({
          method: 'PUT',
          path: '/api/notifications/preferences',
          body: { email: true, digest: false, mutedKinds: [] },
        }),
      },
      {
        // one's own work, computed from one's own grants: anyone signed in, never another unit's items
        name: 'GET /api/me/todo',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        expect: () => 200,
        build: async () => ({ method: 'GET', path: '/api/me/todo' }),
      },
      {
        name: 'GET /api/me/periods',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        expect: () => 200,
        build: async () => ({ method: 'GET', path: '/api/me/periods' }),
      },
      {
        name: 'GET /api/capital/sources',
        needs: 'unit.read',
        mutating: false,
        ok: 200,
        expect: () => 200,
        build: async () => ({ method: 'GET', path: '/api/capital/sources' }),
      },
      {
        name: 'POST /api/capital/disbursements/:id/reversals',
        needs: 'capital.disburse',
        mutating: true,
        ok: 201,
        build: async (p) => {
          const prj = await freshFunded(p);
          const [paid] = await env.deps.db
            .insert(disbursements)
            .values({
              projectId: prj.id,
              planYear: 2026,
              sourceCode: 'NSDP_TINH',
              date: '2026-02-01',
              amount: 100_000_000,
              paymentType: 'advance',
              voucherRef: uniq('KB-'),
              voucherKey: uniq('KB-'),
              importKey: uniq('k-'),
              createdAt: new Date(),
            })
            .returning();
          return {
            method: 'POST',
            path: `/api/capital/disbursements/${paid!.id}/reversals`,
            body: { amount: 10_000_000, date: '2026-02-10', voucherRef: uniq('GT-') },
          };
        },
      },
      {
        name: 'PUT /api/ocop/rounds/:id/products/:productId/my-score',
        needs: 'ocop.score',
        mutating: true,
        ok: 200,
        // only the round's members score; everyone else is refused (a reader of the unit sees the round: 403)
        expect: (_role, where) => (where === 'out' ? 404 : 403),
        build: async (p) => {
          const { round, product } = await freshScored(p, false);
          return { method: 'PUT', path: `/api/ocop/rounds/${round.id}/products/${product.id}/my-score`, body: { answers: {} } };
        },
      },
      {
        // last: the producer account becomes linked to the subject it registers
        name: 'POST /api/ocop/producers',
        needs: 'ocop.intake',
        alsoAllowed: ['ocop_producer'],
        mutating: true,
        ok: 201,
        build: async (p) => ({
          method: 'POST',
          path: '/api/ocop/producers',
          body: { unitId: p.communeA.id, name: 'Tổ hợp tác Thử', kind: 'coop_group' },
        }),
      },
    ];

    beforeAll(async () => {
      env = await createTestEnv();
      home = await makeProvince(env.deps, 'tỉnh Nhà');
      away = await makeProvince(env.deps, 'tỉnh Khác');
      await ensureReferenceData(env.deps);
      setIds = new Map(
        (await env.deps.db.select({ id: criteriaSets.id, code: criteriaSets.code }).from(criteriaSets)).map((r) => [
          r.code,
          r.id,
        ]),
      );
      // An audited event about each commune, so audit visibility can be checked.
      const seeder = (await clientAs(env, 'system_admin', home.province.id)).client;
      const seeder2 = (await clientAs(env, 'system_admin', away.province.id)).client;
      await seeder.patch(`/api/units/${home.communeA.id}`, { version: 1, sourceNote: 'ghi chú' });
      await seeder2.patch(`/api/units/${away.communeA.id}`, { version: 1, sourceNote: 'ghi chú' });
      await freshUser(home);
      await freshUser(away);
      sharedAgencyId = (await makeAgency(env.deps, home.province.id)).id;
      builder = (await clientAs(env, 'system_admin', home.country.id)).client;
      for (const role of ROLES)
        clients.set(
          role,
          (await clientAs(env, role, home.province.id, {}, role === 'agency' ? { agencyId: sharedAgencyId } : {})).client,
        );
    });
    afterAll(() => env.close());

    for (const c of cases.filter((_, i) => i % 2 === part - 1)) {
      it(c.name, async () => {
        const failures: string[] = [];
        for (const role of ROLES) {
          for (const [where, target] of [
            ['in', home],
            ['out', away],
          ] as const) {
            const allowed = roleAllows(role, c.needs) || (c.alsoAllowed ?? []).includes(role);
            const req = await c.build(target);
            const before = await env.deps.db.$count(auditEvents);
            const res = await clients.get(role)!.request(req.method, req.path, req.body, req.headers);
            const after = await env.deps.db.$count(auditEvents);
            let expected: number;
            if (c.expect) expected = c.expect(role, where);
            else if (c.unscoped) expected = allowed ? c.ok : 403;
            else if (c.roleGate && !allowed) expected = 403;
            else if (c.visible) expected = c.ok;
            else if (where === 'out') expected = allowed ? (c.outside ?? 404) : c.outside === 200 ? 403 : 404;
            else expected = allowed ? c.ok : 403;
            if (res.status !== expected) failures.push(`${role} ${where}: ${res.status} ≠ ${expected} ${res.text.slice(0, 160)}`);
            const wrote = c.mutating && res.status === c.ok;
            if (after - before !== (wrote ? 1 : 0)) failures.push(`${role} ${where}: ${after - before} audit events`);
            if (c.visible && res.status === 200) {
              const seen = c.visible(res.body, target);
              if (seen !== (where === 'in' && allowed)) failures.push(`${role} ${where}: visibility ${seen}`);
            }
          }
        }
        expect(failures).toEqual([]);
      });
    }

    it.runIf(part === 1)('every operation of the API document is in this matrix', async () => {
      const doc = (await (await env.app.request('/api/openapi.json')).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      const covered = new Set(cases.map((c) => c.name));
      const open = /^(GET|POST) \/api\/(health|auth\/|docs|openapi\.json|schemas\/|public\/)/;
      expect(documented.filter((op) => !covered.has(op) && !open.test(op))).toEqual([]);
    });

    /**
     * The write sweep: every state-changing operation, with a valid body, by a merged commune's officer
     * on the dissolved commune it was formed from (its records are history), and by a user of another
     * province in each role — refused, and not one row of any table changed.
     */
    it.runIf(part === 2)(
      'write sweep: refused writes change no row anywhere',
      async () => {
        const merged = await makeProvince(env.deps, 'tỉnh Sáp Nhập');
        const res = await builder.post<{ newUnitIds: number[] }>('/api/units/successions', {
          command: {
            kind: 'merge',
            date: '2025-07-01',
            from: [merged.communeA.id, merged.communeB.id],
            newUnit: { key: 'm', code: uniq('M-'), name: 'xã Hợp Nhất', type: 'commune', parentId: merged.province.id },
          },
          legalBasis: 'Nghị quyết sắp xếp (kiểm thử)',
        });
        expect(res.status).toBe(201);
        const successor = res.body.newUnitIds[0]!;
        const officer = (await clientAs(env, 'commune_officer', successor)).client;
        const outsiders = await Promise.all(
          (['viewer', 'ocop_producer', 'council_member', 'coordination_office'] as const).map(
            async (role) => [role, (await clientAs(env, role, away.province.id)).client] as const,
          ),
        );
        const insiders = (['viewer', 'ocop_producer', 'council_member'] as const).map(
          (role) => [role, clients.get(role)!] as const,
        );
        const failures: string[] = [];
        // one's own notices and preferences are anyone's to change
        const ownOnly = (x: Case) => x.expect !== undefined && x.expect('viewer', 'out') < 400;
        for (const c of cases.filter((x) => x.mutating && !ownOnly(x))) {
          const mayAct = (role: Role) => roleAllows(role, c.needs) || (c.alsoAllowed ?? []).includes(role);
          for (const [who, client, target] of [
            ['merged-commune officer on its predecessor', officer, merged],
            // national data (unscoped) belongs to no province: a role that holds the action may act from anywhere,
            // unless the case says otherwise (scoring sheets: only holders of the action on the country itself)
            ...outsiders
              .filter(([role]) => !(c.unscoped && mayAct(role) && (c.expect?.(role, 'out') ?? 200) < 400))
              .map(([role, cl]) => [`${role} of another province`, cl, home] as const),
            ...insiders.filter(([role]) => !mayAct(role)).map(([role, cl]) => [`${role} of the province`, cl, home] as const),
          ] as const) {
            const req = await c.build(target);
            const before = await dbDigest(env.deps.db);
            const r = await client.request(req.method, req.path, req.body, req.headers);
            const changed = changedTables(before, await dbDigest(env.deps.db));
            if (r.status < 400) failures.push(`${c.name} by ${who}: ${r.status}`);
            if (changed.length) failures.push(`${c.name} by ${who}: changed ${changed.join(', ')}`);
          }
        }
        expect(failures).toEqual([]);
      },
      900_000,
    );

    it.runIf(part === 1)(
      'a coordination office cannot hand out the system administrator role, a system administrator can',
      async () => {
        const target = await freshUser(home);
        const office = clients.get('coordination_office')!;
        expect(
          (await office.post(`/api/users/${target.id}/grants`, { role: 'system_admin', unitId: home.province.id })).status,
        ).toBe(403);
        expect(
          (
            await clients
              .get('system_admin')!
              .post(`/api/users/${target.id}/grants`, { role: 'system_admin', unitId: home.communeA.id })
          ).status,
        ).toBe(201);
      },
    );
  });
}
