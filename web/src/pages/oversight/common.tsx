import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useCan } from '../../auth/session';
import { Badge } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import type { Answer, Unit } from '../../api/client';
import type { OversightActivityDetail, OversightCouncilDetail, OversightRecommendation } from '../../../../src/shared/api.gen';
import type { SnapshotData } from '../../../../src/domain/oversight/types';
import { recommendationOpen } from '../../../../src/domain/lifecycles/recommendation';
import { formatDateVi, todayVn } from '../../../../src/shared/vi';

export type { SnapshotData };

export type CouncilRow = Answer<'GET /api/oversight/councils'>['items'][number];
export type CouncilDetail = OversightCouncilDetail;
export type CouncilHandover = NonNullable<CouncilDetail['handover']>;
export type ActivityBrief = CouncilDetail['activities'][number];
type RecommendationListItem = Answer<'GET /api/oversight/recommendations'>['items'][number];
/** A recommendation as an activity lists it, or as the list of all recommendations shows it (with its council and lateness). */
export type RecommendationRow = OversightRecommendation & Partial<Omit<RecommendationListItem, keyof OversightRecommendation>>;
export type ActivityDetail = OversightActivityDetail;

const STATUS_TONE: Record<string, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  planned: 'neutral',
  held: 'info',
  concluded: 'info',
  follow_up: 'warning',
  resupervised: 'success',
  open: 'neutral',
  reported: 'info',
  accepted: 'success',
  not_accepted: 'danger',
  closed: 'neutral',
};

export function StatusBadge({ prefix, status }: { prefix: 'ovSt_' | 'ovRs_' | 'ovPs_'; status: string }) {
  const { t } = useI18n();
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{t(`oversight.${prefix}${status}` as MessageKey)}</Badge>;
}

/**
 * One recommendation as a table row, the same on an activity's page and on the list of all: what it
 * asks (linked to its page), of whom, by when — late when still open past its deadline, as the server
 * counts it — and where it stands. `lead` is the first cell (its number, or its council).
 */
export function RecommendationTableRow({ r, lead }: { r: RecommendationRow; lead: ReactNode }) {
  const { t } = useI18n();
  const late = r.overdue ?? (recommendationOpen(r.status) && r.deadline < todayVn());
  return (
    <tr>
      <td>{lead}</td>
      <td>
        <Link to={`/giam-sat/kien-nghi/${r.id}`}>{r.text}</Link>
      </td>
      <td>{r.addresseeLabel}</td>
      <td>
        {formatDateVi(r.deadline)}{' '}
        {late && (
          <Badge tone="danger">
            {r.daysOverdue ? t('oversight.ovOverdueDays', { n: r.daysOverdue }) : t('oversight.ovOverdue')}
          </Badge>
        )}
      </td>
      <td>
        <StatusBadge prefix="ovRs_" status={r.status} />
      </td>
    </tr>
  );
}

/** Tabs of the oversight area. */
export function OversightNav() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <nav className="tabs" aria-label={t('common.navOversight')}>
      <NavLink to="/giam-sat" end>
        {t('oversight.ovActivities')}
      </NavLink>
      <NavLink to="/giam-sat/kien-nghi" end>
        {t('oversight.ovRecommendations')}
      </NavLink>
      {(can('oversight.read') || can('oversight.respond')) && (
        <NavLink to="/giam-sat/kien-nghi-cu-tri">{t('oversight.ovPetitions')}</NavLink>
      )}
    </nav>
  );
}

/** The units of a list that are `rootId` or lie below it (through parentId), the root included. */
export function unitsUnder(items: Unit[], rootId: number): Unit[] {
  const byId = new Map(items.map((u) => [u.id, u]));
  const under = (u: Unit): boolean =>
    u.id === rootId || (u.parentId !== null && byId.has(u.parentId) && under(byId.get(u.parentId)!));
  return items.filter(under);
}
