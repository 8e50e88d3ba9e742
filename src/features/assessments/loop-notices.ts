/**
 * The loop between commune and office, told to the people who act next (in-app and by e-mail, per
 * their preferences), in the transaction of the step: sent → the coordination office above;
 * returned → the commune, with the returned indicators and their comments; verified → the commune;
 * reopened (a verified month unlocked by the office) → the commune, with the reason.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { units } from '../../db/schema';
import { todayVn } from '../../shared/vi';
import { phrase } from '../notifications/catalogue';
import { notify, supervisingOffice, unitResponders } from '../notifications/notify';
import type { AssessmentRow } from './load';

async function unitName(tx: Db, id: number) {
  const [u] = await tx.select({ name: units.name }).from(units).where(eq(units.id, id));
  return u?.name ?? '';
}

export type LoopStep =
  | { step: 'submitted' }
  | { step: 'returned'; comment: string | null; indicators: { code: string; comment: string | null }[] }
  | { step: 'verified' }
  | { step: 'reopened'; reason: string };

export async function noticeOfStep(
  tx: Db,
  a: AssessmentRow,
  version: number,
  s: LoopStep,
  now: Date,
  publicUrl: string | undefined,
): Promise<number> {
  const name = await unitName(tx, a.unitId);
  const month = { month: a.period };
  const date = { date: todayVn(now) };
  const link = `/kiem-dem/${a.id}`;
  const dedupeKey = `assessment.${s.step}:${a.id}:${version}`;
  switch (s.step) {
    case 'submitted':
      return notify(
        tx,
        {
          userIds: await supervisingOffice(tx, a.unitId),
          kind: 'assessment.submitted',
          params: { unit: name, month, date },
          link,
          dedupeKey,
        },
        now,
        publicUrl,
      );
    case 'returned': {
      const lines = s.indicators.map((i) =>
        i.comment ? phrase('indicatorComment', { code: i.code, comment: i.comment }) : phrase('indicatorOnly', { code: i.code }),
      );
      return notify(
        tx,
        {
          userIds: await unitResponders(tx, a.unitId),
          kind: 'assessment.returned',
          params: {
            unit: name,
            month,
            comment: s.comment ? phrase('generalComment', { comment: s.comment }) : '',
            indicators: lines.length ? phrase('returnedIndicators', { count: lines.length, lines: { lines } }) : '',
          },
          link,
          dedupeKey,
        },
        now,
        publicUrl,
      );
    }
    case 'verified':
      return notify(
        tx,
        {
          userIds: await unitResponders(tx, a.unitId),
          kind: 'assessment.verified',
          params: { unit: name, month, date },
          link,
          dedupeKey,
        },
        now,
        publicUrl,
      );
    case 'reopened':
      return notify(
        tx,
        {
          userIds: await unitResponders(tx, a.unitId),
          kind: 'assessment.reopened',
          params: { unit: name, month, date, reason: s.reason },
          link,
          dedupeKey,
        },
        now,
        publicUrl,
      );
  }
}
