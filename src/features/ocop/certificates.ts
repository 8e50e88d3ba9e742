/**
 * Recognition certificates. A product's star is the star of its newest certificate that is valid
 * today; when that runs out the product has no star anywhere (lists, dashboards, public page). The
 * daily pass reminds producers and the office 90 and 30 days before expiry, once each.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { ocopCertificates, ocopProducers, ocopProducts, roleGrants, unitScope, users } from '../../db/schema';
import { todayVn } from '../../shared/vi';
import { writeAs } from '../access/write-path';
import { notify } from '../notifications/notify';

export type CertificateRow = typeof ocopCertificates.$inferSelect;

export const VALIDITY_MONTHS = 36;

/** Valid from the decision date for 36 months: the last valid day is the day before the same date 3 years on. */
export function validTo(validFrom: string, months = VALIDITY_MONTHS): string {
  const [y, m, d] = validFrom.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  // 29 Feb + 36 months → 1 Mar; step back to the last day of the month in that case
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Newest certificate of each product (valid or not, never revoked ones). */
export async function latestCertificates(db: Db, productIds: number[]): Promise<Map<number, CertificateRow>> {
  const out = new Map<number, CertificateRow>();
  if (!productIds.length) return out;
  const rows = await db
    .select()
    .from(ocopCertificates)
    .where(and(inArray(ocopCertificates.productId, productIds), isNull(ocopCertificates.revokedAt)))
    .orderBy(desc(ocopCertificates.validFrom), desc(ocopCertificates.id));
  for (const r of rows) if (!out.has(r.productId)) out.set(r.productId, r);
  return out;
}

export type StarState = {
  star: number | null;
  certificate: CertificateRow | null;
  status: 'valid' | 'expired' | 'none';
  daysLeft: number | null;
};

export function starState(cert: CertificateRow | undefined | null, today: string): StarState {
  if (!cert) return { star: null, certificate: null, status: 'none', daysLeft: null };
  if (cert.validFrom > today) return { star: null, certificate: cert, status: 'none', daysLeft: null };
  if (cert.validTo < today)
    return { star: null, certificate: cert, status: 'expired', daysLeft: daysBetween(today, cert.validTo) };
  return { star: cert.star, certificate: cert, status: 'valid', daysLeft: daysBetween(today, cert.validTo) };
}

/** Coordination-office staff whose scope covers the unit (its own office or one above). */
export async function officeOver(tx: Db, unitId: number): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ id: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(unitScope, and(eq(unitScope.ancestorId, roleGrants.unitId), eq(unitScope.descendantId, unitId)))
    .where(and(eq(roleGrants.role, 'coordination_office'), isNull(roleGrants.revokedAt)));
  return rows.map((r) => r.id);
}

export async function producerUsers(tx: Db, producerId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.producerId, producerId), eq(users.active, true)));
  return rows.map((r) => r.id);
}

export const REMINDER_DAYS = [90, 30] as const;

/**
 * The daily pass: for each product's newest certificate, a reminder when 90 and when 30 days are
 * left, and a notice when it has expired. Dedupe keys make every notice happen once per certificate,
 * however often (or on however many instances) the pass runs.
 */
export async function dailyOcopCheck(deps: Deps, jobId: number | string) {
  const now = deps.clock.now();
  const today = todayVn(now);
  const all = await deps.db
    .select({ c: ocopCertificates, p: ocopProducts, producerName: ocopProducers.name })
    .from(ocopCertificates)
    .innerJoin(ocopProducts, eq(ocopProducts.id, ocopCertificates.productId))
    .innerJoin(ocopProducers, eq(ocopProducers.id, ocopProducts.producerId))
    .where(isNull(ocopCertificates.revokedAt))
    .orderBy(desc(ocopCertificates.validFrom), desc(ocopCertificates.id));
  const newest = new Map<number, (typeof all)[number]>();
  for (const r of all) if (!newest.has(r.p.id)) newest.set(r.p.id, r);
  let reminders = 0;
  let expired = 0;
  const meta = { requestId: `job-${jobId}`, ip: null, now };
  await writeAs(deps, { meta, systemName: 'Hệ thống (tác vụ định kỳ)' }, async (tx) => {
    for (const { c, p, producerName } of newest.values()) {
      const left = daysBetween(today, c.validTo);
      const people = [...(await producerUsers(tx, p.producerId)), ...(await officeOver(tx, p.unitId))];
      const window = left >= 0 ? REMINDER_DAYS.filter((d) => left <= d).at(-1) : undefined;
      if (window !== undefined) {
        reminders += await notify(
          tx,
          {
            userIds: people,
            kind: 'ocop.expiring',
            params: {
              product: p.name,
              producer: producerName,
              star: c.star,
              number: c.number,
              validTo: { date: c.validTo },
              days: left,
            },
            link: `/ocop/san-pham/${p.id}`,
            dedupeKey: `ocop.expiring${window}:${c.id}`,
          },
          now,
          deps.config.publicUrl,
        );
      }
      // only recently expired certificates: an old expiry was either handled or predates the system
      if (left < 0 && left >= -30) {
        expired += await notify(
          tx,
          {
            userIds: people,
            kind: 'ocop.expired',
            params: { product: p.name, star: c.star, number: c.number, validTo: { date: c.validTo } },
            link: `/ocop/san-pham/${p.id}`,
            dedupeKey: `ocop.expired:${c.id}`,
          },
          now,
          deps.config.publicUrl,
        );
      }
    }
    return {
      result: undefined,
      audit:
        reminders || expired
          ? { action: 'system.run_ocop_daily', entityType: 'system', after: { reminders, expired, date: today } }
          : [],
    };
  });
  return { reminders, expired };
}
