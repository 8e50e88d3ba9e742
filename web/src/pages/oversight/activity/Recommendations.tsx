import { Card } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { RecommendationTableRow, type ActivityDetail } from '../common';
import { NewRecommendation } from './NewRecommendation';

/** The recommendations of the conclusion, with a form to record another. */
export function Recommendations({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  return (
    <Card title={t('oversight.ovRecommendations')}>
      <table className="table" data-testid="recommendations">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('oversight.ovRecText')}</th>
            <th>{t('oversight.ovAddressee')}</th>
            <th>{t('common.deadline')}</th>
            <th>{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {a.recommendations.map((r) => (
            <RecommendationTableRow key={r.id} r={r} lead={r.seq} />
          ))}
        </tbody>
      </table>
      <NewRecommendation a={a} />
    </Card>
  );
}
