import { createRoute, z } from '@hono/zod-openapi';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notificationPrefs, notifications, outboxEmails, users } from '../../db/schema';
import type { Lang } from '../../lib/messages';
import { AppError } from '../../lib/errors';
import { createRouter, errorResponses, json, jsonBody } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { IdParam } from '../units/schemas';
import { requireAction } from '../access/authorize';
import { writeOwn } from '../access/write-path';
import { noticeText } from './catalogue';

export const notificationRoutes = createRouter();

/** The language the reader asked for on this request, else the one in their profile. */
async function readerLang(db: Db, userId: number, asked: string | undefined, requested: Lang): Promise<Lang> {
  if (asked) return requested;
  const [u] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return u?.locale ?? 'vi';
}

const Notification = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

notificationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Notifications'],
    summary: 'My inbox, newest first, with the unread count',
    request: { query: z.object({ unread: z.enum(['1', 'true']).optional() }) },
    responses: { 200: json(z.object({ items: z.array(Notification), unread: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const db = c.get('deps').db;
    const lang = await readerLang(db, actor.userId, c.req.query('lang') ?? c.req.header('accept-language'), c.get('lang'));
    const mine = eq(notifications.userId, actor.userId);
    const rows = await db
      .select()
      .from(notifications)
      .where(c.req.valid('query').unread ? and(mine, isNull(notifications.readAt)) : mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(200);
    const [unread] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt)));
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          ...noticeText(r, lang),
          link: r.link,
          createdAt: r.createdAt.toISOString(),
          readAt: r.readAt?.toISOString() ?? null,
        })),
        unread: unread?.n ?? 0,
      },
      200,
    );
  },
);

notificationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/read',
    tags: ['Notifications'],
    summary: 'Mark one notice read',
    request: { params: IdParam },
    responses: { 200: json(z.object({ ok: z.literal(true) })), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const meta = metaOf(c);
    const { id } = c.req.valid('param');
    await writeOwn({ deps: c.get('deps'), actor, meta }, async (tx) => {
      const [row] = await tx
        .update(notifications)
        .set({ readAt: meta.now })
        .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
        .returning();
      if (!row) throw new AppError('NOT_FOUND');
      return {
        result: undefined,
        audit: { action: 'notification.read', entityType: 'notification', entityId: id, unitId: actor.homeUnitId },
      };
    });
    return c.json({ ok: true as const }, 200);
  },
);

notificationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/read-all',
    tags: ['Notifications'],
    summary: 'Mark all my notices read',
    responses: { 200: json(z.object({ ok: z.literal(true), count: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const meta = metaOf(c);
    const n = await writeOwn({ deps: c.get('deps'), actor, meta }, async (tx) => {
      const rows = await tx
        .update(notifications)
        .set({ readAt: meta.now })
        .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return {
        result: rows.length,
        audit: {
          action: 'notification.read_all',
          entityType: 'notification',
          unitId: actor.homeUnitId,
          after: { count: rows.length },
        },
      };
    });
    return c.json({ ok: true as const, count: n }, 200);
  },
);

const Prefs = z
  .object({ email: z.boolean(), digest: z.boolean(), mutedKinds: z.array(z.string().max(60)).max(30) })
  .openapi('NotificationPrefs');

notificationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/preferences',
    tags: ['Notifications'],
    summary: 'My notification preferences',
    responses: { 200: json(Prefs), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const [row] = await c.get('deps').db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, actor.userId));
    return c.json({ email: row?.email ?? true, digest: row?.digest ?? true, mutedKinds: row?.mutedKinds ?? [] }, 200);
  },
);

notificationRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/preferences',
    tags: ['Notifications'],
    summary: 'Change my notification preferences',
    request: { body: jsonBody(Prefs) },
    responses: { 200: json(Prefs), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const meta = metaOf(c);
    const body = c.req.valid('json');
    await writeOwn({ deps: c.get('deps'), actor, meta }, async (tx) => {
      await tx
        .insert(notificationPrefs)
        .values({ userId: actor.userId, ...body, updatedAt: meta.now })
        .onConflictDoUpdate({ target: notificationPrefs.userId, set: { ...body, updatedAt: meta.now } });
      return {
        result: undefined,
        audit: {
          action: 'notification.set_preferences',
          entityType: 'user',
          entityId: actor.userId,
          unitId: actor.homeUnitId,
          after: body,
        },
      };
    });
    return c.json(body, 200);
  },
);

notificationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/outbox',
    tags: ['Notifications'],
    summary: 'E-mail outbox (held when no SMTP server is configured) — administrators',
    request: { query: z.object({ status: z.enum(['pending', 'sending', 'sent', 'held', 'failed']).optional() }) },
    responses: {
      200: json(
        z.object({
          smtpConfigured: z.boolean(),
          items: z.array(
            z.object({
              id: z.number().int(),
              toAddress: z.string(),
              subject: z.string(),
              text: z.string(),
              status: z.string(),
              attempts: z.number().int(),
              lastError: z.string().nullable(),
              createdAt: z.string(),
              sentAt: z.string().nullable(),
            }),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    requireAction(actorOf(c), 'outbox.read');
    const status = c.req.valid('query').status;
    const deps = c.get('deps');
    const rows = await deps.db
      .select()
      .from(outboxEmails)
      .where(status ? eq(outboxEmails.status, status) : undefined)
      .orderBy(desc(outboxEmails.id))
      .limit(300);
    return c.json(
      {
        smtpConfigured: Boolean(deps.config.smtpUrl),
        items: rows.map((r) => ({
          id: r.id,
          toAddress: r.toAddress,
          subject: r.subject,
          text: r.text,
          status: r.status,
          attempts: r.attempts,
          lastError: r.lastError,
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  },
);
