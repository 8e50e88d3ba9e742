import { Link } from 'react-router';
import { Badge, Card } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { formatDateVi, todayVn } from '../../../../../src/shared/vi';
import { StatusBadge, type ActivityDetail } from '../common';
import { NewRecommendation } from './NewRecommendation';

/** The recommendations of the conclusion, with a form to record another. */
export function Recommendations({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const today = todayVn();
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
            <tr key={r.id}>
              <td>{r.seq}</td>
              <td>
                <Link to={`/giam-sat/kien-nghi/${r.id}`}>{r.text}</Link>
              </td>
              <td>{r.addresseeLabel}</td>
              <td>
                {formatDateVi(r.deadline)}{' '}
                {r.status !== 'accepted' && r.deadline < today && <Badge tone="danger">{t('oversight.ovOverdue')}</Badge>}
              </td>
              <td>
                <StatusBadge prefix="ovRs_" status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewRecommendation a={a} />
    </Card>
  );
}
