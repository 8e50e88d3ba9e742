import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { AppError } from './errors';

/** Half of a surrogate pair without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) || value.includes('\u0000') ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = badText(v, [...path, String(i)]);
      if (bad !== null) return bad;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = badText(v, [...path, k]) ?? badText(k, path);
      if (bad !== null) return bad;
    }
  }
  return null;
}

/**
 * Text that cannot be stored is refused at the door: a JSON body with a NUL character or a lone
 * surrogate anywhere gets VALIDATION_FAILED naming the field, before any handler runs.
 */
export const inputGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && (c.req.header('content-type') ?? '').includes('json')) {
    let body: unknown;
    try {
      body = await c.req.json(); // parsed once: the route's validator reads the same cached value
    } catch {
      body = undefined; // malformed JSON: the route's validator answers
    }
    const bad = badText(body);
    if (bad !== null) {
      const lang = c.get('lang');
      throw new AppError('VALIDATION_FAILED', [
        {
          path: bad,
          code: 'invalid_text',
          message:
            lang === 'en'
              ? 'Contains a character that is not valid text (NUL or a broken character)'
              : 'Chứa ký tự không hợp lệ (ký tự NUL hoặc ký tự hỏng)',
        },
      ]);
    }
  }
  await next();
};
