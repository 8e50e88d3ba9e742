import { eq } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { files } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { MAX_UNPACKED_BYTES, safeFileName, sniff, unpacksWithin, type Sniffed } from '../../lib/sniff';

export type StoredUpload = { fileId: number; name: string; sha256: string; size: number; mime: string; hasThumbnail: boolean };

/** Bytes that passed the checks and are on disk, not yet recorded in the database. */
export type KeptUpload = Omit<StoredUpload, 'fileId'>;

/**
 * Checks an upload (size, type read from the bytes) and keeps the bytes once by their SHA-256, with a
 * thumbnail for images. Nothing is written to the database: the caller records the file with
 * `recordFile` inside the transaction that links it, so a refused change leaves no row behind (the
 * bytes alone, content-addressed, are harmless and shared).
 */
export async function keepUpload(deps: Deps, upload: { name: string; bytes: Uint8Array }): Promise<KeptUpload> {
  if (upload.bytes.byteLength > deps.config.maxUploadBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limit: `${Math.round(deps.config.maxUploadBytes / 1048576)} MB` });
  }
  const kind: Sniffed | null = sniff(upload.bytes);
  if (!kind)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      allowed: ['pdf', 'png', 'jpg', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'doc', 'xls'],
    });
  // An Office file is a zip: one that would unpack beyond reason is refused before it is kept.
  if (['docx', 'xlsx', 'pptx'].includes(kind.ext) && !unpacksWithin(upload.bytes))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'unpacks_too_large', limitMb: MAX_UNPACKED_BYTES / 1048576 });
  const stored = await deps.files.put(upload.bytes);
  const hasThumbnail = kind.image ? await deps.files.thumbnail(stored.sha256) : false;
  return { name: safeFileName(upload.name), sha256: stored.sha256, size: stored.size, mime: kind.mime, hasThumbnail };
}

/** The file's row (shared by everything that links the same bytes), written in the caller's transaction. */
export async function recordFile(tx: Db, kept: KeptUpload, now: Date): Promise<StoredUpload> {
  const [existing] = await tx.select().from(files).where(eq(files.sha256, kept.sha256));
  let fileId = existing?.id;
  if (!fileId) {
    const [row] = await tx
      .insert(files)
      .values({ sha256: kept.sha256, size: kept.size, mime: kept.mime, hasThumbnail: kept.hasThumbnail, createdAt: now })
      .onConflictDoNothing()
      .returning();
    fileId = row?.id ?? (await tx.select().from(files).where(eq(files.sha256, kept.sha256)))[0]!.id;
  }
  return { fileId, ...kept };
}
