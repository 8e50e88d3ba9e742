/**
 * The loop between commune and office, told to the people who act next (in-app and by e-mail, per
 * their preferences), in the transaction of the step: sent → the coordination office above;
 * returned → the commune, with the returned indicators and their comments; verified → the commune.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { units } from '../../db/schema';
import { formatDateVi, todayVn } from '../../shared/vi';
import { notify, supervisingOffice, unitResponders } from '../notifications/notify';
import type { AssessmentRow } from './load';

const monthOf = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;

async function unitName(tx: Db, id: number) {
  const [u] = await tx.select({ name: units.name }).from(units).where(eq(units.id, id));
  return u?.name ?? '';
}

export type LoopStep =
  | { step: 'submitted' }
  | { step: 'returned'; comment: string | null; indicators: { code: string; comment: string | null }[] }
  | { step: 'verified' };

export async function noticeOfStep(
  tx: Db,
  a: AssessmentRow,
  version: number,
  s: LoopStep,
  now: Date,
  publicUrl: string | undefined,
): Promise<number> {
  const name = await unitName(tx, a.unitId);
  const month = monthOf(a.period);
  const link = `/kiem-dem/${a.id}`;
  const dedupeKey = `assessment.${s.step}:${a.id}:${version}`;
  switch (s.step) {
    case 'submitted':
      return notify(
        tx,
        {
          userIds: await supervisingOffice(tx, a.unitId),
          kind: 'assessment.submitted',
          title: `${name} gửi kết quả kiểm đếm tháng ${month}, chờ xác minh`,
          body: `${name} đã gửi kết quả kiểm đếm tiêu chí tháng ${month} ngày ${formatDateVi(todayVn(now))}. Văn phòng điều phối xem và xác minh hoặc trả lại kèm ý kiến.`,
          link,
          dedupeKey,
        },
        now,
        publicUrl,
      );
    case 'returned': {
      const lines = s.indicators.map((i) => `• Chỉ tiêu ${i.code}${i.comment ? `: ${i.comment}` : ''}`);
      return notify(
        tx,
        {
          userIds: await unitResponders(tx, a.unitId),
          kind: 'assessment.returned',
          title: `Kết quả kiểm đếm tháng ${month} của ${name} được trả lại để bổ sung`,
          body: [
            `Văn phòng điều phối trả lại kết quả kiểm đếm tháng ${month}.`,
            s.comment ? `Ý kiến chung: ${s.comment}` : '',
            lines.length ? `Các chỉ tiêu cần bổ sung (${lines.length}):\n${lines.join('\n')}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
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
          title: `Kết quả kiểm đếm tháng ${month} của ${name} đã được xác minh`,
          body: `Văn phòng điều phối đã xác minh và khóa kết quả kiểm đếm tháng ${month} ngày ${formatDateVi(todayVn(now))}.`,
          link,
          dedupeKey,
        },
        now,
        publicUrl,
      );
  }
}
