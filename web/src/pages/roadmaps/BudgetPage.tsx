import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { call } from '../../api/client';
import { useSession } from '../../auth/session';
import { Card, ErrorAlert, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { money } from '../../components/money';
import { monthVi } from './types';

export function BudgetPage() {
  const { t, lang } = useI18n();
  const user = useSession().data?.user;
  const [params] = useSearchParams();
  const unitId = params.get('don-vi') ?? String(user?.grants[0]?.unitId ?? '');
  const data = useQuery({
    queryKey: ['budget', unitId],
    queryFn: () => call('GET /api/roadmaps/budget', { query: { unitId: Number(unitId) } }),
    enabled: Boolean(unitId),
  });
  if (data.isLoading) return <Loading />;
  if (!data.data) return <ErrorAlert error={data.error} />;
  const d = data.data;
  return (
    <>
      <h1>{t('roadmaps.budgetTitle')}</h1>
      <p>
        {t('roadmaps.budgetTotal', { v: money(d.total, lang), n: d.withoutEstimate })}{' '}
        <a className="btn btn-secondary" href={`/api/roadmaps/budget.xlsx?unitId=${unitId}`}>
          {t('common.exportXlsx')}
        </a>
      </p>
      <Card>
        <table className="table">
          <thead>
            <tr>
              <th>{t('common.unit')}</th>
              <th>{t('common.indicator')}</th>
              <th>{t('roadmaps.leadAgency')}</th>
              <th>{t('roadmaps.costClass')}</th>
              <th>{t('roadmaps.estimateAmount')}</th>
              <th>{t('common.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((i) => (
              <tr key={i.id}>
                <td>{i.unitName}</td>
                <td>
                  <Link to={`/viec/${i.id}`}>
                    {i.indicatorCode}. {i.title}
                  </Link>
                </td>
                <td>{i.leadAgencyName ?? '—'}</td>
                <td>{t(`roadmaps.cost_${i.costClass}`)}</td>
                <td className="num">{money(i.costEstimate, lang)}</td>
                <td>{monthVi(i.targetMonth)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
