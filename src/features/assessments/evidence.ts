import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { evidence, files } from '../../db/schema';
import { storeUpload } from '../files/store-upload';
import { AppError } from '../../lib/errors';
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
  const stored = await storeUpload(deps, { name: input.fileName, bytes: input.bytes }, meta.now);
  return deps.db.transaction(async (tx) => {
    await getAssessmentRow(tx, assessmentId, true).then(assertEditable);
    const [row] = await tx
      .insert(evidence)
      .values({
        assessmentId,
        indicatorCode: input.indicatorCode,
        fileId: stored.fileId,
        originalName: stored.name,
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
          mime: stored.mime,
        },
      },
    );
    return { ...row!, mime: stored.mime, size: stored.size, hasThumbnail: stored.hasThumbnail };
  });
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
