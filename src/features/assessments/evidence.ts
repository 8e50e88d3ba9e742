import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { evidence, files } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { safeFileName, sniff } from '../../lib/sniff';
import { authorize } from '../access/authorize';
import { writeAudit } from '../audit/write-audit';
import { assertEditable, getAssessmentRow, indicatorsOf } from './load';

/**
 * Attaches a file as evidence for one indicator. The type is read from the bytes (PDF, images,
 * Office); the bytes are stored once by their SHA-256; images get a thumbnail.
 */
export async function addEvidence(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  assessmentId: number,
  input: { indicatorCode: string; fileName: string; bytes: Uint8Array },
) {
  const a = await getAssessmentRow(deps.db, assessmentId);
  await authorize(deps.db, actor, 'assessment.enter', a.unitId);
  assertEditable(a);
  if (!(await indicatorsOf(deps.db, a)).has(input.indicatorCode)) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'indicatorCode', code: 'unknown_indicator', message: input.indicatorCode }]);
  }
  if (input.bytes.byteLength > deps.config.maxUploadBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limit: `${Math.round(deps.config.maxUploadBytes / 1048576)} MB` });
  }
  const kind = sniff(input.bytes);
  if (!kind)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      allowed: ['pdf', 'png', 'jpg', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'doc', 'xls'],
    });
  const stored = await deps.files.put(input.bytes);
  const thumb = kind.image ? await deps.files.thumbnail(stored.sha256) : false;
  return deps.db.transaction(async (tx) => {
    await getAssessmentRow(tx, assessmentId, true).then(assertEditable);
    const fileId = await upsertFile(tx, { ...stored, mime: kind.mime, hasThumbnail: thumb, now: meta.now });
    const [row] = await tx
      .insert(evidence)
      .values({
        assessmentId,
        indicatorCode: input.indicatorCode,
        fileId,
        originalName: safeFileName(input.fileName),
        addedAt: meta.now,
        addedBy: actor.userId,
      })
      .returning();
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'assessment.evidence_added',
        entityType: 'evidence',
        entityId: row!.id,
        unitId: a.unitId,
        after: {
          assessmentId,
          indicatorCode: input.indicatorCode,
          name: row!.originalName,
          sha256: stored.sha256,
          size: stored.size,
          mime: kind.mime,
        },
      },
    );
    return { ...row!, mime: kind.mime, size: stored.size, hasThumbnail: thumb };
  });
}

async function upsertFile(tx: Db, f: { sha256: string; size: number; mime: string; hasThumbnail: boolean; now: Date }) {
  const [existing] = await tx.select().from(files).where(eq(files.sha256, f.sha256));
  if (existing) return existing.id;
  const [row] = await tx
    .insert(files)
    .values({ sha256: f.sha256, size: f.size, mime: f.mime, hasThumbnail: f.hasThumbnail, createdAt: f.now })
    .onConflictDoNothing()
    .returning();
  if (row) return row.id;
  const [again] = await tx.select().from(files).where(eq(files.sha256, f.sha256));
  return again!.id;
}

/** Evidence is never deleted, only withdrawn: the trail keeps who added and who removed it. */
export async function removeEvidence(deps: Deps, actor: Actor, meta: RequestMeta, assessmentId: number, evidenceId: number) {
  const a = await getAssessmentRow(deps.db, assessmentId);
  await authorize(deps.db, actor, 'assessment.enter', a.unitId);
  assertEditable(a);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(evidence)
      .set({ removedAt: meta.now, removedBy: actor.userId })
      .where(and(eq(evidence.id, evidenceId), eq(evidence.assessmentId, assessmentId), isNull(evidence.removedAt)))
      .returning();
    if (!row) throw new AppError('NOT_FOUND');
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'assessment.evidence_removed',
        entityType: 'evidence',
        entityId: evidenceId,
        unitId: a.unitId,
        before: { name: row.originalName },
      },
    );
  });
}

/** The stored file behind an evidence row, for someone who may read the assessment. */
export async function evidenceFile(deps: Deps, actor: Actor, evidenceId: number) {
  const [row] = await deps.db
    .select({ e: evidence, f: files })
    .from(evidence)
    .innerJoin(files, eq(files.id, evidence.fileId))
    .where(eq(evidence.id, evidenceId));
  if (!row) throw new AppError('NOT_FOUND');
  const a = await getAssessmentRow(deps.db, row.e.assessmentId);
  await authorize(deps.db, actor, 'assessment.read', a.unitId);
  return row;
}
