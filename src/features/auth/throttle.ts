/**
 * Sign-in throttles in the database (`login_throttles`), shared by every app instance: one row per
 * account (`u:<username>`) and one per address (`ip:<address>`).
 *
 * An attempt takes a *slot* with one atomic upsert before any password hash is checked, so however
 * many requests arrive at once, on however many instances, at most `max` of them are evaluated in
 * a window. An account whose failure takes the last slot is locked until `locked_until`; the window
 * starts again when it has passed or the lock has run out. A correct password frees the account's
 * slots; an address's slots only age out. Names that do not exist are throttled exactly like real
 * ones, so the answers give no hint which accounts exist.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { loginThrottles } from '../../db/schema';

/** Slots are capped so that an endless flood cannot overflow the counter. */
const MAX_COUNTED = 1_000_000;

export const accountKey = (username: string) => `u:${username.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

type Slot = { slot: number; windowStart: Date; lockedUntil: Date | null };

/** Takes the next slot of `key` atomically, starting a new window when the old one or its lock has run out. */
async function takeSlot(db: Db, key: string, now: Date, windowMs: number): Promise<Slot> {
  const t = loginThrottles;
  const fresh = sql`((${t.lockedUntil} is not null and ${t.lockedUntil} <= ${now}::timestamptz)
    or (${t.lockedUntil} is null and ${t.windowStart} <= ${new Date(now.getTime() - windowMs)}::timestamptz))`;
  const [row] = await db
    .insert(t)
    .values({ key, slots: 1, windowStart: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        slots: sql`case when ${fresh} then 1 else least(${t.slots} + 1, ${MAX_COUNTED}) end`,
        windowStart: sql`case when ${fresh} then ${now}::timestamptz else ${t.windowStart} end`,
        lockedUntil: sql`case when ${fresh} then null else ${t.lockedUntil} end`,
      },
    })
    .returning({ slot: t.slots, windowStart: t.windowStart, lockedUntil: t.lockedUntil });
  return row!;
}

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

export type AccountGate = { open: true; slot: number; windowStart: Date } | { open: false; minutes: number };

/**
 * Before a password of `username` is checked: takes one of the account's slots. Closed (answer
 * ACCOUNT_LOCKED, check nothing) while the account is locked or when every slot is already taken
 * by attempts that failed or are still being checked.
 */
export async function enterAccount(db: Db, config: Config, username: string, now: Date): Promise<AccountGate> {
  const s = await takeSlot(db, accountKey(username), now, config.loginLockMinutes * 60_000);
  if (s.lockedUntil && s.lockedUntil > now) return { open: false, minutes: minutesUntil(s.lockedUntil, now) };
  if (s.slot > config.loginMaxFailures) return { open: false, minutes: config.loginLockMinutes };
  return { open: true, slot: s.slot, windowStart: s.windowStart };
}

/**
 * After a wrong password at `gate`'s slot: the failure that took the last slot locks the account
 * (only in that same window: a success may have freed the slots meanwhile). True when it locked.
 */
export async function failedAt(
  db: Db,
  config: Config,
  username: string,
  gate: { slot: number; windowStart: Date },
  now: Date,
): Promise<boolean> {
  if (gate.slot < config.loginMaxFailures) return false;
  const locked = await db
    .update(loginThrottles)
    .set({ lockedUntil: new Date(now.getTime() + config.loginLockMinutes * 60_000) })
    .where(and(eq(loginThrottles.key, accountKey(username)), eq(loginThrottles.windowStart, gate.windowStart)))
    .returning({ key: loginThrottles.key });
  return locked.length > 0;
}

/** Takes one of the address's slots for this minute; false when the address is over its limit. */
export async function enterAddress(db: Db, config: Config, ip: string, now: Date): Promise<boolean> {
  const s = await takeSlot(db, addressKey(ip), now, 60_000);
  return s.slot <= config.loginIpLimitPerMinute;
}

/** Frees the account's slots and lifts its lock: after a correct password, or an administrator's unlock. */
export async function clearSignInThrottle(tx: Db, username: string): Promise<void> {
  await tx.delete(loginThrottles).where(eq(loginThrottles.key, accountKey(username)));
}

/** Which of these usernames are locked right now — one query for a whole list. */
export async function lockedAmong(db: Db, _deps: Deps, usernames: string[], now: Date): Promise<Set<string>> {
  if (!usernames.length) return new Set();
  const keys = new Map(usernames.map((u) => [accountKey(u), u]));
  const rows = await db
    .select({ key: loginThrottles.key })
    .from(loginThrottles)
    .where(and(inArray(loginThrottles.key, [...keys.keys()]), gt(loginThrottles.lockedUntil, now)));
  return new Set(rows.map((r) => keys.get(r.key)!));
}

/** Rows whose window and lock ended long ago (the daily purge); returns how many went. */
export async function purgeThrottles(tx: Db, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const gone = await tx
    .delete(loginThrottles)
    .where(
      sql`${loginThrottles.windowStart} < ${dayAgo}::timestamptz and (${loginThrottles.lockedUntil} is null or ${loginThrottles.lockedUntil} < ${now}::timestamptz)`,
    )
    .returning({ key: loginThrottles.key });
  return gone.length;
}
