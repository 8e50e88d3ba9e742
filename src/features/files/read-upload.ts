import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { AppError } from '../../lib/errors';

/** The bytes of an upload: multipart field "file" or a raw body; refused when larger than allowed. */
export async function readUploadBytes(c: Context<AppEnv>, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', undefined, { limit: `${Math.round(maxBytes / 1048576)} MB` });
  if (Number(c.req.header('content-length') ?? '0') > maxBytes) throw tooLarge();
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!file || typeof file === 'string') throw new AppError('BAD_REQUEST', { field: 'file' });
    if (file.size > maxBytes) throw tooLarge();
    return new Uint8Array(await file.arrayBuffer());
  }
  const buf = new Uint8Array(await c.req.arrayBuffer());
  if (buf.byteLength > maxBytes) throw tooLarge();
  return buf;
}
