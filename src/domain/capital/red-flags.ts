/**
 * Red flags on projects, each naming the rule that fired and the figures behind it. Thresholds are
 * settings, not code. Pure: the caller gathers the figures.
 */
import { rateBp } from './money';

export type RedFlagSettings = {
  /** Flag when the disbursement rate trails the elapsed share of the year by more than this many points. */
  behindTimePoints: number;
  /** Flag when nothing has been disbursed for this many months while capital remains. */
  idleMonths: number;
  /** Flag when the deadline is this close (days) and capital remains. */
  deadlineDays: number;
};

export const DEFAULT_RED_FLAG_SETTINGS: RedFlagSettings = { behindTimePoints: 25, idleMonths: 3, deadlineDays: 60 };

export type ProjectFigures = {
  projectId: number;
  status: string;
  totalInvestment: number;
  allocatedThisYear: number;
  disbursedThisYear: number;
  disbursedAllTime: number;
  allocatedAllTime: number;
  lastDisbursement: string | null;
  firstAllocation: string | null;
  deadline: string | null;
  readinessDone: number;
  readinessTotal: number;
};

export type RedFlag = {
  rule: 'behind_time' | 'idle' | 'deadline_near' | 'over_budget' | 'allocated_not_ready';
  projectId: number;
  severity: 'high' | 'medium';
  values: Record<string, number | string | null>;
};

const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** Share of the plan year elapsed on `today`, in basis points (0 before it starts, 10000 after it ends). */
export function elapsedBp(year: number, today: string): number {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  if (today <= start) return 0;
  if (today >= end) return 10000;
  return Math.round((days(start, today) * 10000) / days(start, end));
}

export function redFlags(p: ProjectFigures, year: number, today: string, s: RedFlagSettings): RedFlag[] {
  const flags: RedFlag[] = [];
  const remaining = p.allocatedThisYear - p.disbursedThisYear;
  const active = p.status === 'approved' || p.status === 'construction';
  if (p.allocatedThisYear > 0 && active) {
    const rate = rateBp(p.disbursedThisYear, p.allocatedThisYear)!;
    const elapsed = elapsedBp(year, today);
    if (elapsed - rate > s.behindTimePoints * 100) {
      flags.push({
        rule: 'behind_time',
        projectId: p.projectId,
        severity: elapsed - rate > s.behindTimePoints * 200 ? 'high' : 'medium',
        values: { rateBp: rate, elapsedBp: elapsed },
      });
    }
    const since = p.lastDisbursement ?? p.firstAllocation;
    if (remaining > 0 && since && days(since, today) > s.idleMonths * 30) {
      flags.push({ rule: 'idle', projectId: p.projectId, severity: 'medium', values: { since, days: days(since, today) } });
    }
  }
  if (remaining > 0 && p.deadline) {
    const left = days(today, p.deadline);
    if (left >= 0 && left <= s.deadlineDays)
      flags.push({
        rule: 'deadline_near',
        projectId: p.projectId,
        severity: left <= 30 ? 'high' : 'medium',
        values: { deadline: p.deadline, daysLeft: left, remaining },
      });
  }
  if (p.disbursedAllTime > p.totalInvestment || p.allocatedAllTime > p.totalInvestment) {
    flags.push({
      rule: 'over_budget',
      projectId: p.projectId,
      severity: 'high',
      values: { totalInvestment: p.totalInvestment, allocated: p.allocatedAllTime, disbursed: p.disbursedAllTime },
    });
  }
  if (p.allocatedThisYear > 0 && (p.readinessDone < p.readinessTotal || p.status === 'proposed')) {
    flags.push({
      rule: 'allocated_not_ready',
      projectId: p.projectId,
      severity: 'high',
      values: { readinessDone: p.readinessDone, readinessTotal: p.readinessTotal, status: p.status },
    });
  }
  return flags;
}

export const RED_FLAG_TEXT: Record<RedFlag['rule'], { vi: string; en: string }> = {
  behind_time: { vi: 'Giải ngân chậm so với tiến độ thời gian', en: 'Disbursement far behind time' },
  idle: { vi: 'Nhiều tháng không giải ngân', en: 'No disbursement for months' },
  deadline_near: { vi: 'Sắp hết hạn giải ngân, còn vốn chưa giải ngân', en: 'Deadline close with capital left' },
  over_budget: { vi: 'Vượt tổng mức đầu tư', en: 'Over the approved budget' },
  allocated_not_ready: { vi: 'Được phân bổ vốn khi chưa đủ thủ tục đầu tư', en: 'Allocated while not ready' },
};
