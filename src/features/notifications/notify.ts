import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Lang } from '../../lib/messages';
import { MAIL_TEXT, renderNotice, type NoticeKind, type NoticeParams } from './catalogue';
import { agencies, notificationPrefs, notifications, outboxEmails, roleGrants, unitScope, users } from '../../db/schema';

/** One notice of a known kind with exactly the params its templates use. */
export type Notice = {
  [K in NoticeKind]: {
    userIds: number[];
    kind: K;
    params: NoticeParams<K>;
    link?: string | null;
    /** Same key, same person → delivered once, however many times or instances raise it. */
    dedupeKey: string;
  };
}[NoticeKind];

const textOf = (n: Notice, lang: Lang) => renderNotice(n.kind, n.params, lang);

/** The e-mail for a notice in the reader's language. */
export function composeMail(n: Notice, lang: Lang, publicUrl?: string): { subject: string; text: string } {
  const { title, body } = textOf(n, lang);
  const words = MAIL_TEXT[lang];
  return {
    subject: `[Đồng Lòng] ${title}`,
    text: `${body}\n\n${n.link ? `${words.details}: ${publicUrl ?? ''}${n.link}\n\n` : ''}${words.footer}`,
  };
}

/**
 * Puts a notice in each person's inbox and, where they have an e-mail address and want mail of
 * this kind, an e-mail in the outbox in their language — in the caller's transaction, so it exists
 * only if the change does. The inbox keeps the kind and params (rendered when read) and the
 * Vietnamese text as written.
 */
export async function notify(tx: Db, n: Notice, now: Date, publicUrl?: string) {
  const ids = [...new Set(n.userIds)];
  if (!ids.length) return 0;
  const vi = textOf(n, 'vi');
  const inserted = await tx
    .insert(notifications)
    .values(
      ids.map((userId) => ({
        userId,
        kind: n.kind,
        params: n.params,
        title: vi.title,
        body: vi.body,
        link: n.link ?? null,
        dedupeKey: n.dedupeKey,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notifications.userId });
  const fresh = inserted.map((r) => r.userId);
  if (!fresh.length) return 0;
  const people = await tx
    .select({ id: users.id, email: users.email, locale: users.locale, prefs: notificationPrefs })
    .from(users)
    .leftJoin(notificationPrefs, eq(notificationPrefs.userId, users.id))
    .where(and(inArray(users.id, fresh), eq(users.active, true)));
  const mails = people
    .filter((p) => p.email && (p.prefs?.email ?? true) && !(p.prefs?.mutedKinds ?? []).includes(n.kind))
    .map((p) => ({
      userId: p.id,
      toAddress: p.email!,
      ...composeMail(n, p.locale, publicUrl),
      dedupeKey: n.dedupeKey,
      createdAt: now,
    }));
  if (mails.length) await tx.insert(outboxEmails).values(mails).onConflictDoNothing();
  return fresh.length;
}

/**
 * The people of agencies: their staff, and for a People's Committee the officials of its unit
 * (commune officers and the coordination office there).
 */
export async function agencyUsers(tx: Db, agencyIds: number[]): Promise<number[]> {
  return [...new Set((await agencyMembers(tx, agencyIds)).map((r) => r.userId))];
}

/**
 * Who is told about an agency's work, agency by agency: its active staff and, for a People's Committee,
 * the active officials (commune officers, coordination office) with a grant on its unit.
 */
export async function agencyMembers(tx: Db, agencyIds: number[]): Promise<{ agencyId: number; userId: number }[]> {
  if (!agencyIds.length) return [];
  const staff = await tx
    .select({ agencyId: users.agencyId, userId: users.id })
    .from(users)
    .where(and(inArray(users.agencyId, agencyIds), eq(users.active, true)));
  const officials = await tx
    .selectDistinct({ agencyId: agencies.id, userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(agencies, and(eq(agencies.unitId, roleGrants.unitId), eq(agencies.kind, 'people_committee')))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        inArray(agencies.id, agencyIds),
        inArray(roleGrants.role, ['commune_officer', 'coordination_office']),
        isNull(roleGrants.revokedAt),
        eq(users.active, true),
      ),
    );
  const seen = new Set<string>();
  const out: { agencyId: number; userId: number }[] = [];
  for (const r of [...staff, ...officials]) {
    if (r.agencyId === null) continue;
    const key = `${r.agencyId}:${r.userId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ agencyId: r.agencyId, userId: r.userId });
  }
  return out;
}

/** Coordination-office people above a unit (not on the unit itself): who an escalation goes to. */
export async function supervisingOffice(tx: Db, unitId: number): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ id: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(unitScope, and(eq(unitScope.ancestorId, roleGrants.unitId), eq(unitScope.descendantId, unitId)))
    .where(and(eq(roleGrants.role, 'coordination_office'), isNull(roleGrants.revokedAt), ne(roleGrants.unitId, unitId)));
  return rows.map((r) => r.id);
}

/** People who answer for a unit: its office, agencies and commune officers (grants on the unit itself). */
export async function unitResponders(tx: Db, unitId: number): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ id: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.unitId, unitId),
        inArray(roleGrants.role, ['coordination_office', 'agency', 'commune_officer']),
        isNull(roleGrants.revokedAt),
      ),
    );
  return rows.map((r) => r.id);
}
