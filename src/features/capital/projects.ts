import { nextProjectState, PROJECT_LIFECYCLE, type ProjectStep } from '../../domain/lifecycles/project';
import { allowedActions } from '../../lib/allowed-actions';
import type { Action } from '../../shared/roles';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import {
  PROJECT_STATUSES,
  fundingSources,
  projectPhotos,
  projectSources,
  projects,
  readinessItems,
  type ProjectStatus,
} from '../../db/schema';
import { keepUpload, recordFile } from '../files/store-upload';
import { sumDong } from '../../domain/capital/money';
import type { Db } from '../../db/client';
import { AppError, ruleViolation } from '../../lib/errors';
import { searchKey } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { mayWrite, write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { lockProjects } from './ledger';
import { getProject, type ProjectRow } from './queries';

/** The dossier checklist every project starts with (the office may tick, not invent, items). */
export const READINESS_CHECKLIST: { code: string; label: string }[] = [
  { code: 'chu_truong', label: 'Quyết định chủ trương đầu tư' },
  { code: 'bao_cao_kt', label: 'Báo cáo kinh tế – kỹ thuật / báo cáo nghiên cứu khả thi được phê duyệt' },
  { code: 'thiet_ke', label: 'Thiết kế bản vẽ thi công và dự toán được thẩm định' },
  { code: 'dat_dai', label: 'Mặt bằng sạch (giải phóng mặt bằng, hiến đất)' },
  { code: 'nguon_von', label: 'Xác định rõ nguồn vốn và cơ cấu vốn' },
  { code: 'lay_y_kien', label: 'Lấy ý kiến cộng đồng dân cư hưởng lợi' },
];

export type ProjectInput = {
  code: string;
  name: string;
  unitId: number;
  unitIds?: number[] | undefined;
  owner: string;
  type: 'standard' | 'small_community' | 'recurrent';
  sources: { sourceCode: string; amount: number }[];
  approvalDecision?: string | null | undefined;
  approvalDate?: string | null | undefined;
  lat?: number | null | undefined;
  lon?: number | null | undefined;
  contractor?: string | null | undefined;
  description?: string | null | undefined;
  indicators?: { setCode: string; code: string }[] | undefined;
};

async function checkSources(db: Db, codes: string[]) {
  const known = new Set(
    (await db.select({ code: fundingSources.code }).from(fundingSources).where(inArray(fundingSources.code, codes))).map(
      (r) => r.code,
    ),
  );
  const bad = codes.filter((c) => !known.has(c));
  if (bad.length) throw ruleViolation('unknown_funding_source', { sources: bad });
}

/** Editing a project and each step of its status need this permission on the project's unit. */
export const PROJECT_STEP_NEEDS = { advance: 'capital.manage' } as const satisfies Record<ProjectStep, Action>;

/** The steps `actor` may take on the project now: open from its status and permitted on its unit. */
export function projectActions(db: Db, actor: Actor, now: Date, p: ProjectRow): Promise<ProjectStep[]> {
  return allowedActions(PROJECT_LIFECYCLE, p.status, (step) => mayWrite(db, actor, now, PROJECT_STEP_NEEDS[step], p.unitId, p));
}

/** The write path over a project: the project row is the parent that is locked. */
const onProject = (id: number, can: 'capital.manage' | 'capital.disburse') => ({
  can,
  load: (db: Db) => getProject(db, id),
  units: (p: ProjectRow) => p.unitId,
  lock: async (tx: Db) => {
    await lockProjects(tx, [id]);
    return getProject(tx, id);
  },
});

export async function createProject(deps: Deps, actor: Actor, meta: RequestMeta, input: ProjectInput) {
  const unitIds = [...new Set([input.unitId, ...(input.unitIds ?? [])])];
  const totalInvestment = sumDong(input.sources.map((s) => s.amount));
  return write(
    { deps, actor, meta },
    {
      can: 'capital.manage',
      load: async () => input,
      units: () => unitIds,
      apply: async (tx) => {
        await checkSources(
          tx,
          input.sources.map((s) => s.sourceCode),
        );
        const [clash] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.code, input.code));
        if (clash) throw new AppError('CONFLICT', { field: 'code' });
        const [row] = await tx
          .insert(projects)
          .values({
            code: input.code,
            name: input.name,
            unitId: input.unitId,
            unitIds,
            owner: input.owner,
            type: input.type,
            totalInvestment,
            approvalDecision: input.approvalDecision ?? null,
            approvalDate: input.approvalDate ?? null,
            lat: input.lat ?? null,
            lon: input.lon ?? null,
            contractor: input.contractor ?? null,
            description: input.description ?? null,
            indicators: input.indicators ?? [],
            searchKey: searchKey(`${input.code} ${input.name} ${input.owner}`),
            createdAt: meta.now,
            createdBy: actor.userId,
            updatedAt: meta.now,
          })
          .returning();
        if (input.sources.length)
          await tx.insert(projectSources).values(input.sources.map((s) => ({ projectId: row!.id, ...s })));
        await tx.insert(readinessItems).values(READINESS_CHECKLIST.map((c) => ({ projectId: row!.id, ...c })));
        return {
          result: row!,
          audit: {
            action: 'project.create',
            entityType: 'project',
            entityId: row!.id,
            unitId: row!.unitId,
            after: { ...auditSnapshot(row), sources: input.sources },
          },
        };
      },
    },
  );
}

export type ProjectUpdate = Partial<Omit<ProjectInput, 'code' | 'unitId' | 'unitIds'>> & {
  version: number;
  status?: ProjectStatus | undefined;
};

/**
 * Edits a project. Status moves one step forward along proposed → readiness → approved for
 * allocation → construction → completed → settled; "approved" needs the whole dossier.
 */
export async function updateProject(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: ProjectUpdate) {
  return write(
    { deps, actor, meta },
    {
      ...onProject(id, PROJECT_STEP_NEEDS.advance),
      version: { sent: input.version, stored: (p) => p.version },
      apply: async (tx, before) => {
        if (input.status && input.status !== before.status) {
          if (nextProjectState(before.status) !== input.status) {
            throw ruleViolation('status_transition', {
              from: before.status,
              to: input.status,
              allowed: nextProjectState(before.status),
              order: PROJECT_STATUSES,
            });
          }
          if (input.status === 'approved') {
            const items = await tx.select().from(readinessItems).where(eq(readinessItems.projectId, id));
            const missing = items.filter((i) => !i.done).map((i) => i.code);
            if (missing.length) throw ruleViolation('dossier_incomplete', { missing });
          }
        }
        if (input.sources)
          await checkSources(
            tx,
            input.sources.map((s) => s.sourceCode),
          );
        const totalInvestment = input.sources ? sumDong(input.sources.map((s) => s.amount)) : before.totalInvestment;
        const [after] = await tx
          .update(projects)
          .set({
            name: input.name ?? before.name,
            owner: input.owner ?? before.owner,
            type: input.type ?? before.type,
            status: input.status ?? before.status,
            totalInvestment,
            approvalDecision: input.approvalDecision === undefined ? before.approvalDecision : input.approvalDecision,
            approvalDate: input.approvalDate === undefined ? before.approvalDate : input.approvalDate,
            lat: input.lat === undefined ? before.lat : input.lat,
            lon: input.lon === undefined ? before.lon : input.lon,
            contractor: input.contractor === undefined ? before.contractor : input.contractor,
            description: input.description === undefined ? before.description : input.description,
            indicators: input.indicators ?? before.indicators,
            searchKey: searchKey(`${before.code} ${input.name ?? before.name} ${input.owner ?? before.owner}`),
            version: before.version + 1,
            updatedAt: meta.now,
          })
          .where(eq(projects.id, id))
          .returning()
          .then((r) => r as [typeof before]);
        if (input.sources) {
          await tx.delete(projectSources).where(eq(projectSources.projectId, id));
          if (input.sources.length) await tx.insert(projectSources).values(input.sources.map((s) => ({ projectId: id, ...s })));
        }
        return {
          result: after,
          audit: {
            action: 'project.update',
            entityType: 'project',
            entityId: id,
            unitId: after.unitId,
            before: auditSnapshot(before),
            after: { ...auditSnapshot(after), ...(input.sources ? { sources: input.sources } : {}) },
          },
        };
      },
    },
  );
}

export async function setReadiness(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  code: string,
  input: { done: boolean; note?: string | null | undefined },
) {
  return write(
    { deps, actor, meta },
    {
      ...onProject(id, 'capital.manage'),
      apply: async (tx, project) => {
        const [row] = await tx
          .update(readinessItems)
          .set({
            done: input.done,
            doneAt: input.done ? meta.now : null,
            doneBy: input.done ? actor.userId : null,
            note: input.note ?? null,
          })
          .where(and(eq(readinessItems.projectId, id), eq(readinessItems.code, code)))
          .returning();
        if (!row) throw new AppError('NOT_FOUND');
        return {
          result: row,
          audit: {
            action: 'project.set_readiness',
            entityType: 'project',
            entityId: id,
            unitId: project.unitId,
            after: { code, done: input.done, note: input.note ?? null },
          },
        };
      },
    },
  );
}

/** Adds a progress photo (the bytes must be an image). */
export async function addProjectPhoto(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { name: string; bytes: Uint8Array; caption?: string | null | undefined; takenOn?: string | null | undefined },
) {
  const first = await getProject(deps.db, id);
  await authorize(deps.db, actor, 'capital.disburse', first.unitId);
  const kept = await keepUpload(deps, { name: input.name, bytes: input.bytes });
  if (!kept.mime.startsWith('image/')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { allowed: ['png', 'jpg', 'gif', 'webp'] });
  return write(
    { deps, actor, meta },
    {
      ...onProject(id, 'capital.disburse'),
      apply: async (tx, project) => {
        const stored = await recordFile(tx, kept, meta.now);
        const [row] = await tx
          .insert(projectPhotos)
          .values({
            projectId: id,
            fileId: stored.fileId,
            caption: input.caption ?? null,
            takenOn: input.takenOn ?? null,
            addedAt: meta.now,
            addedBy: actor.userId,
          })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'project.add_photo',
            entityType: 'project',
            entityId: id,
            unitId: project.unitId,
            after: { photoId: row!.id, name: stored.name, sha256: stored.sha256 },
          },
        };
      },
    },
  );
}
