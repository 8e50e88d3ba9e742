/**
 * Citizens' feedback from the public pages, with spam protection that needs no third party:
 * a honeypot field, a signed form token that must be at least a few seconds old (a person reads
 * before writing; a script posts at once) and at most a day, and a rate limit per sender (hashed
 * address). Everything is held for moderation; the office publishes it with a public answer,
 * rejects it, or turns it into a voters' petition for the council of the area.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps, RequestMeta } from '../../context';
import { councils, feedback, files, petitions, settings, unitScope, units } from '../../db/schema';
import type { Db } from '../../db/client';
import { AppError, ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { scopeFilter } from '../access/authorize';
import { lockKey, one, write, writeAs } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { keepUpload, recordFile } from '../files/store-upload';
import { feedbackView } from './schemas';
import { cleanString } from '../../lib/text';

export const FEEDBACK_PER_HOUR = 5;
export const MIN_FORM_SECONDS = 3;
const MAX_FORM_SECONDS = 24 * 3600;

async function secret(deps: Deps): Promise<Buffer> {
  const read = async () =>
    (
      await deps.db
        .select()
        .from(settings)
        .where(and(eq(settings.key, 'portal.secret'), eq(settings.unitId, 0)))
    )[0];
  let row = await read();
  if (!row) {
    await deps.db
      .insert(settings)
      .values({ key: 'portal.secret', unitId: 0, value: randomBytes(32).toString('hex'), updatedAt: deps.clock.now() })
      .onConflictDoNothing();
    row = await read();
  }
  return Buffer.from(row!.value as string, 'hex');
}

/** A form token: issue time and its signature (any instance can check it; nothing is stored). */
export async function formToken(deps: Deps): Promise<string> {
  const t = String(deps.clock.now().getTime());
  return `${t}.${createHmac('sha256', await secret(deps))
    .update(t)
    .digest('hex')}`;
}

async function checkToken(deps: Deps, token: string) {
  const [t, sig] = token.split('.');
  if (!t || !sig || !/^\d+$/.test(t)) return 'invalid';
  const expected = createHmac('sha256', await secret(deps))
    .update(t)
    .digest();
  const given = Buffer.from(sig, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const age = (deps.clock.now().getTime() - Number(t)) / 1000;
  if (age < MIN_FORM_SECONDS) return 'too_fast';
  if (age > MAX_FORM_SECONDS) return 'expired';
  return 'ok';
}

export async function senderHash(deps: Deps, ip: string) {
  return createHash('sha256')
    .update(await secret(deps))
    .update(ip)
    .digest('hex');
}

export const FeedbackForm = z.object({
  target: z.enum(['unit', 'project', 'product']),
  code: cleanString().min(1).max(60),
  category: z.enum(['question', 'suggestion', 'complaint', 'praise', 'other']),
  text: cleanString().min(10, 'Nội dung cần ít nhất 10 ký tự').max(4000, 'Nội dung tối đa 4.000 ký tự'),
  contactName: cleanString().max(100).optional().default(''),
  contact: cleanString().max(200).optional().default(''),
  token: z.string().max(200),
  website: z.string().max(500).optional().default(''),
});
export type FeedbackInput = z.infer<typeof FeedbackForm>;

export type SubmitResult = { status: 'accepted' | 'dropped'; id?: number };

/**
 * Stores a submission for moderation. The page it is about must be public (`resolve` says what it
 * is, or null). A filled honeypot is dropped silently; a bad token or too many submissions is an error.
 */
export async function submitFeedback(
  deps: Deps,
  meta: RequestMeta,
  input: FeedbackInput,
  target: { unitId: number; title: string } | null,
  photo: { name: string; bytes: Uint8Array } | null,
): Promise<SubmitResult> {
  if (input.website) return { status: 'dropped' };
  const token = await checkToken(deps, input.token);
  if (token !== 'ok') throw ruleViolation(`portal_form_${token}`);
  if (!target) throw new AppError('NOT_FOUND');
  const sender = await senderHash(deps, meta.ip ?? 'unknown');
  const sentThisHour = async (db: Db) => {
    const [{ n } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(feedback)
      .where(and(eq(feedback.senderHash, sender), gte(feedback.createdAt, new Date(meta.now.getTime() - 3600_000))));
    return n;
  };
  if ((await sentThisHour(deps.db)) >= FEEDBACK_PER_HOUR) throw new AppError('RATE_LIMITED', undefined, { minutes: 60 });
  const kept = photo && photo.bytes.byteLength ? await keepUpload(deps, photo) : null;
  if (kept && !kept.mime.startsWith('image/'))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { allowed: ['png', 'jpg', 'gif', 'webp'] });
  // The citizen's address is never written to the trail: the event keeps what was said about what.
  return writeAs(deps, { meta: { ...meta, ip: null }, systemName: 'Người dân (cổng công khai)' }, async (tx) => {
    // Counted again under a lock on the sender: parallel posts cannot all slip under the limit.
    await lockKey(tx, `feedback:${sender}`);
    if ((await sentThisHour(tx)) >= FEEDBACK_PER_HOUR) throw new AppError('RATE_LIMITED', undefined, { minutes: 60 });
    const photoFileId = kept ? (await recordFile(tx, kept, meta.now)).fileId : null;
    const [row] = await tx
      .insert(feedback)
      .values({
        target: input.target,
        targetCode: input.code,
        targetTitle: target.title,
        unitId: target.unitId,
        category: input.category,
        text: input.text,
        photoFileId,
        contactName: input.contactName || null,
        contact: input.contact || null,
        senderHash: sender,
        createdAt: meta.now,
      })
      .returning();
    return {
      result: { status: 'accepted' as const, id: row!.id },
      audit: {
        action: 'feedback.receive',
        entityType: 'feedback',
        entityId: row!.id,
        unitId: target.unitId,
        after: { target: row!.target, code: row!.targetCode, category: row!.category },
      },
    };
  });
}

export async function moderationQueue(deps: Deps, actor: Actor, status: 'pending' | 'published' | 'rejected' = 'pending') {
  const rows = await deps.db
    .select({ f: feedback, unitName: units.name })
    .from(feedback)
    .innerJoin(units, eq(units.id, feedback.unitId))
    .where(and(eq(feedback.status, status), scopeFilter(deps.db, actor, 'portal.moderate', feedback.unitId)))
    .orderBy(status === 'pending' ? asc(feedback.id) : desc(feedback.id))
    .limit(500);
  return rows.map(({ f, unitName }) => {
    return { ...feedbackView(f), unitName };
  });
}

/** The nearest council above (or of) a unit, for turning feedback into a voters' petition. */
async function councilFor(db: Db, unitId: number) {
  const rows = await db
    .select({
      c: councils,
      depth: sql<number>`(select count(*) from unit_scope x where x.descendant_id = ${councils.unitId})::int`,
    })
    .from(councils)
    .innerJoin(unitScope, and(eq(unitScope.ancestorId, councils.unitId), eq(unitScope.descendantId, unitId)));
  return rows.sort((a, b) => b.depth - a.depth)[0]?.c ?? null;
}

export async function moderateFeedback(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: {
    decision: 'publish' | 'reject';
    answer?: string | null | undefined;
    toPetition?: boolean | undefined;
    version: number;
  },
) {
  if (input.decision === 'publish' && !input.answer?.trim()) throw ruleViolation('portal_answer_required');
  const row = (db: Db, lock = false) => {
    const q = db.select().from(feedback).where(eq(feedback.id, id));
    return one(lock ? q.for('update') : q);
  };
  return write(
    { deps, actor, meta },
    {
      can: 'portal.moderate',
      endedUnits: 'allow', // citizens may ask about a former unit's project; answering them changes no record of it
      load: (db) => row(db),
      units: (f) => f.unitId,
      lock: (tx) => row(tx, true),
      version: { sent: input.version, stored: (f) => f.version },
      apply: async (tx, before) => {
        const council = input.toPetition ? await councilFor(tx, before.unitId) : null;
        if (input.toPetition && !council) throw ruleViolation('portal_no_council');
        let petitionId = before.petitionId;
        if (council && !petitionId) {
          const [p] = await tx
            .insert(petitions)
            .values({
              councilId: council.id,
              unitId: before.unitId,
              source: 'portal',
              sourceNote: `Phản hồi trên cổng công khai về: ${before.targetTitle}`,
              receivedOn: todayVn(before.createdAt),
              text: before.text,
              createdAt: meta.now,
              createdBy: actor.userId,
            })
            .returning();
          petitionId = p!.id;
        }
        const [updated] = await tx
          .update(feedback)
          .set({
            status: input.decision === 'publish' ? 'published' : 'rejected',
            answer: input.answer?.trim() || null,
            answeredOn: input.answer?.trim() ? todayVn(meta.now) : null,
            moderatedBy: actor.userId,
            petitionId,
            version: before.version + 1,
          })
          .where(eq(feedback.id, id))
          .returning();
        const after = updated!;
        const strip = (f: typeof before) => {
          const { senderHash: _h, contact: _c, contactName: _n, ...rest } = f;
          return auditSnapshot(rest);
        };
        return {
          result: after,
          audit: {
            action: after.status === 'published' ? 'feedback.publish' : 'feedback.reject',
            entityType: 'feedback',
            entityId: id,
            unitId: after.unitId,
            before: strip(before),
            after: { ...strip(after), petitionId },
          },
        };
      },
    },
  );
}

export async function feedbackPhoto(deps: Deps, id: number) {
  const [row] = await deps.db
    .select({ f: files })
    .from(feedback)
    .innerJoin(files, eq(files.id, feedback.photoFileId))
    .where(and(eq(feedback.id, id), eq(feedback.status, 'published')));
  return row?.f ?? null;
}
