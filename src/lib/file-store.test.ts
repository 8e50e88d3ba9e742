import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from './file-store';

const roots: string[] = [];
const store = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-store-'));
  roots.push(root);
  return new FileStore(root);
};
const leftovers = (root: string): string[] =>
  fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));

afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

describe('the file store under simultaneous writes of the same bytes', () => {
  it('stores one whole copy when the same file is put many times at once', async () => {
    const files = store();
    const bytes = new Uint8Array(256 * 1024).map((_, i) => (i * 31) % 251);
    const puts = await Promise.allSettled(Array.from({ length: 24 }, () => files.put(bytes)));
    expect(puts.every((p) => p.status === 'fulfilled')).toBe(true);
    const { sha256 } = (puts[0] as PromiseFulfilledResult<{ sha256: string }>).value;
    expect(Buffer.compare(await files.read(sha256), Buffer.from(bytes))).toBe(0);
    expect(leftovers(files.root)).toEqual([]);
  });

  it('makes one whole thumbnail when many ask for it at once', async () => {
    const files = store();
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#1565c0' } })
      .png()
      .toBuffer();
    const { sha256 } = await files.put(png);
    const made = await Promise.all(Array.from({ length: 12 }, () => files.thumbnail(sha256)));
    expect(made.every(Boolean)).toBe(true);
    const meta = await sharp(await files.readThumbnail(sha256)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 240, 180]);
    expect(leftovers(files.root)).toEqual([]);
  });
});
