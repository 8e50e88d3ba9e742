import { Badge } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RoadmapItem } from './types';

export function ItemBadges({ item }: { item: RoadmapItem }) {
  const { t } = useI18n();
  return (
    <span className="badges">
      <Badge
        tone={
          item.status === 'done'
            ? 'success'
            : item.status === 'at_risk'
              ? 'danger'
              : item.status === 'in_progress'
                ? 'info'
                : 'neutral'
        }
      >
        {t(`roadmaps.rs_${item.status}`)}
      </Badge>
      {item.overdueDays > 0 && <Badge tone="danger">{t('roadmaps.overdueBy', { n: item.overdueDays })}</Badge>}
      {item.status !== 'done' && item.dueInDays !== null && item.dueInDays >= 0 && item.dueInDays <= 7 && (
        <Badge tone="warning">{t('roadmaps.dueIn', { n: item.dueInDays })}</Badge>
      )}
      {item.escalated && (
        <Badge tone="danger">
          <span data-testid={`escalated-${item.id}`}>⇪ {t('roadmaps.escalated')}</span>
        </Badge>
      )}
      {!item.confirmed && <Badge tone="warning">{t('roadmaps.suggestions')}</Badge>}
    </span>
  );
}
