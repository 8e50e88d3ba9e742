import { NavLink } from 'react-router';
import { useCan } from '../../auth/session';
import { Badge } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/vi';
import type { Unit } from '../../api/client';
import type { ActivityStep } from '../../../../src/domain/lifecycles/activity';
import type { RecommendationStep } from '../../../../src/domain/lifecycles/recommendation';
import type { SnapshotData } from '../../../../src/domain/oversight/types';

export type { SnapshotData };

export type CouncilRow = { id: number; unitId: number; unitName: string; name: string; term: string; historic: boolean };
export type CouncilHandover = {
  handedOverOn: string;
  legalBasis: string;
  note: string | null;
  toCouncil: { id: number; name: string } | null;
  handedOver: number;
  closed: number;
};
export type ActivityBrief = {
  id: number;
  kind: string;
  title: string;
  status: string;
  scheduledOn: string;
  heldOn: string | null;
  legalBasis: string;
};
export type CouncilDetail = CouncilRow & {
  endedOn: string | null;
  handover: CouncilHandover | null;
  bodies: { id: number; kind: string; name: string }[];
  delegates: { id: number; fullName: string; position: string | null; bodyIds: number[] }[];
  activities: ActivityBrief[];
};
export type RecommendationRow = {
  id: number;
  activityId: number;
  seq: number;
  text: string;
  addresseeUnitId: number;
  addresseeLabel: string;
  addresseeUnitName?: string;
  deadline: string;
  links: { type: string; ref: string; label: string }[];
  status: 'open' | 'reported' | 'accepted' | 'not_accepted' | 'closed';
  decisionNote: string | null;
  followUpCouncilName?: string | null;
  decidedOn: string | null;
  version: number;
  /** The steps the signed-in person may take now (from the server). */
  actions: RecommendationStep[];
  overdue?: boolean;
  daysOverdue?: number;
  activityTitle?: string;
  councilName?: string;
};
export type ActivityDetail = ActivityBrief & {
  topic: string;
  chair: string | null;
  plan: string | null;
  explainingBodies: string[];
  invitees: string[];
  conclusionNo: string | null;
  conclusionDate: string | null;
  conclusionText: string | null;
  followsId: number | null;
  version: number;
  /** The steps the signed-in person may take now (from the server). */
  actions: ActivityStep[];
  council: { id: number; name: string; term: string; unitId: number; unitName: string };
  leadBody: { id: number; name: string } | null;
  documents: {
    id: number;
    kind: string;
    title: string;
    number: string | null;
    version: number;
    fileName: string;
    createdAt: string;
  }[];
  snapshots: { id: number; asOf: string; sha256: string; frozenAt: string }[];
  recommendations: RecommendationRow[];
  siblings: { id: number; title: string; scheduledOn: string }[];
};

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
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{t(`${prefix}${status}` as MessageKey)}</Badge>;
}

/** Tabs of the oversight area. */
export function OversightNav() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <nav className="tabs" aria-label={t('navOversight')}>
      <NavLink to="/giam-sat" end>
        {t('ovActivities')}
      </NavLink>
      <NavLink to="/giam-sat/kien-nghi" end>
        {t('ovRecommendations')}
      </NavLink>
      {(can('oversight.read') || can('oversight.respond')) && (
        <NavLink to="/giam-sat/kien-nghi-cu-tri">{t('ovPetitions')}</NavLink>
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
