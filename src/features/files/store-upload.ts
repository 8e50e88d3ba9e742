import { eq } from 'drizzle-orm';
import type { Deps } from '../../context';
import { files } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { MAX_UNPACKED_BYTES, safeFileName, sniff, unpacksWithin, type Sniffed } from '../../lib/sniff';

export type StoredUpload = { fileId: number; name: string; sha256: string; size: number; mime: string; hasThumbnail: boolean };

/**
 * Checks an upload (size, type read from the bytes), stores the bytes once by their SHA-256 with a
 * thumbnail for images, and returns its row in `files`. The file row is shared; links to it
 * (evidence, check-ins) are written by the caller in its own transaction.
 */
export async function storeUpload(deps: Deps, upload: { name: string; bytes: Uint8Array }, now: Date): Promise<StoredUpload> {
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
  const [existing] = await deps.db.select().from(files).where(eq(files.sha256, stored.sha256));
  let fileId = existing?.id;
  if (!fileId) {
    const [row] = await deps.db
      .insert(files)
      .values({ sha256: stored.sha256, size: stored.size, mime: kind.mime, hasThumbnail, createdAt: now })
      .onConflictDoNothing()
      .returning();
    fileId = row?.id ?? (await deps.db.select().from(files).where(eq(files.sha256, stored.sha256)))[0]!.id;
  }
  return { fileId, name: safeFileName(upload.name), sha256: stored.sha256, size: stored.size, mime: kind.mime, hasThumbnail };
}
