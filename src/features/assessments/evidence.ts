import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { evidence, files } from '../../db/schema';
import { keepUpload, recordFile } from '../files/store-upload';
import { AppError, ruleViolation } from '../../lib/errors';
import { authorize } from '../access/authorize';
import { write } from '../access/write-path';
import type { Db } from '../../db/client';
import { assertEditable, getAssessmentRow, indicatorsOf, type AssessmentRow } from './load';

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
  const spec = {
    can: 'assessment.enter' as const,
    load: (db: Db) => getAssessmentRow(db, assessmentId),
    units: (a: AssessmentRow) => a.unitId,
    lock: (tx: Db) => getAssessmentRow(tx, assessmentId, true),
  };
  // Checked before the bytes are stored, and again under the lock.
  const a = await getAssessmentRow(deps.db, assessmentId);
  await authorize(deps.db, actor, 'assessment.enter', a.unitId);
  assertEditable(a);
  const kept = await keepUpload(deps, { name: input.fileName, bytes: input.bytes });
  return write(
    { deps, actor, meta },
    {
      ...spec,
      apply: async (tx, locked) => {
        const stored = await recordFile(tx, kept, meta.now);
        assertEditable(locked);
        if (!(await indicatorsOf(tx, locked)).has(input.indicatorCode)) {
          throw new AppError('VALIDATION_FAILED', [
            { path: input.indicatorCode, code: 'unknown_indicator', message: input.indicatorCode },
          ]);
        }
        // The same bytes once per indicator (checked under the month's lock, so two sends of one photo
        // cannot both land); a phone resending after a lost answer learns it is already there.
        const [same] = await tx
          .select({ id: evidence.id, name: evidence.originalName })
          .from(evidence)
          .where(
            and(
              eq(evidence.assessmentId, assessmentId),
              eq(evidence.indicatorCode, input.indicatorCode),
              eq(evidence.fileId, stored.fileId),
              isNull(evidence.removedAt),
            ),
          );
        if (same) {
          throw ruleViolation('evidence_already_attached', {
            indicator: input.indicatorCode,
            name: same.name,
            evidenceId: same.id,
          });
        }
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
        return {
          result: { ...row!, mime: stored.mime, size: stored.size, hasThumbnail: stored.hasThumbnail },
          audit: {
            action: 'assessment.add_evidence',
            entityType: 'evidence',
            entityId: row!.id,
            unitId: locked.unitId,
            after: {
              assessmentId,
              indicatorCode: input.indicatorCode,
              name: row!.originalName,
              sha256: stored.sha256,
              size: stored.size,
              mime: stored.mime,
            },
          },
        };
      },
    },
  );
}

/** Evidence is never deleted, only withdrawn: the trail keeps who added and who removed it. */
export async function removeEvidence(deps: Deps, actor: Actor, meta: RequestMeta, assessmentId: number, evidenceId: number) {
  await write(
    { deps, actor, meta },
    {
      can: 'assessment.enter',
      load: (db) => getAssessmentRow(db, assessmentId),
      units: (a) => a.unitId,
      lock: (tx) => getAssessmentRow(tx, assessmentId, true),
      apply: async (tx, a) => {
        assertEditable(a);
        const [row] = await tx
          .update(evidence)
          .set({ removedAt: meta.now, removedBy: actor.userId })
          .where(and(eq(evidence.id, evidenceId), eq(evidence.assessmentId, assessmentId), isNull(evidence.removedAt)))
          .returning();
        if (!row) throw new AppError('NOT_FOUND');
        return {
          result: undefined,
          audit: {
            action: 'assessment.remove_evidence',
            entityType: 'evidence',
            entityId: evidenceId,
            unitId: a.unitId,
            before: { name: row.originalName },
          },
        };
      },
    },
  );
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
