import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadSharp } from './lazy';

/**
 * Content-addressed storage on disk: a file's name is the SHA-256 of its bytes, so the same upload
 * is stored once and a stored file can be checked against its name. Images get a JPEG thumbnail.
 */
export class FileStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad file id');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  thumbPathOf(sha256: string) {
    return `${this.pathOf(sha256)}.thumb.jpg`;
  }

  /** Writes the bytes (atomically, via a temporary file) unless they are already stored. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!fs.existsSync(target)) {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await writeAtomically(target, bytes);
    }
    return { sha256, size: bytes.byteLength };
  }

  async thumbnail(sha256: string): Promise<boolean> {
    const target = this.thumbPathOf(sha256);
    if (fs.existsSync(target)) return true;
    try {
      const sharp = await loadSharp();
      const buf = await sharp(this.pathOf(sha256), { limitInputPixels: 50_000_000 })
        .rotate()
        .resize(240, 240, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 75 })
        .toBuffer();
      await writeAtomically(target, buf);
      return true;
    } catch {
      return false;
    }
  }

  readThumbnail(sha256: string): Promise<Buffer> {
    return fs.promises.readFile(this.thumbPathOf(sha256));
  }

  read(sha256: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(sha256));
  }
}

/**
 * Writes through a temporary file of its own, then renames: a reader sees the whole file or none, and
 * two requests storing the same bytes at once (the same photo sent twice) each rename a complete copy.
 */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.promises.writeFile(tmp, bytes);
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}
