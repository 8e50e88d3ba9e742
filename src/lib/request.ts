import type { Context } from 'hono';
import type { Actor, AppEnv, RequestMeta } from '../context';
import { AppError } from './errors';
import { clientIp } from './http';

/** The signed-in actor, or 401 (SESSION_EXPIRED when their session just ran out). */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (actor) return actor;
  throw new AppError(c.get('sessionExpired') ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
}

export function metaOf(c: Context<AppEnv>): RequestMeta {
  return {
    requestId: c.get('requestId'),
    ip: clientIp(c),
    now: c.get('deps').clock.now(),
    correctionReason: decodeHeader(c.req.header('x-correction-reason')),
  };
}

/** Header values are Latin-1 on the wire: Vietnamese text travels URI-encoded. */
function decodeHeader(v: string | undefined): string | undefined {
  if (!v) return undefined;
  try {
    return decodeURIComponent(v).slice(0, 500) || undefined;
  } catch {
    return undefined;
  }
}
