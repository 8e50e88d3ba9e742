import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { call, urlOf } from '../../api/client';
import { money } from '../../components/money';
import { Badge, Card, ErrorAlert, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { formatDateVi, formatNumberVi } from '../../../../src/shared/vi';
import { OversightNav, StatusBadge } from './common';

const avg = (n: number | null) => (n === null ? '—' : formatNumberVi(n, 2));
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

/** Promised vs delivered: two sessions' frozen figures side by side. */
export function ComparePage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const first = Number(params.get('first'));
  const second = Number(params.get('second'));
  const q = useQuery({
    queryKey: ['oversight', 'compare', first, second],
    queryFn: () => call('GET /api/oversight/compare', { query: { first, second } }),
    enabled: first > 0 && second > 0,
  });
  const c = q.data;
  return (
    <>
      <h1>{t('oversight.ovCompare')}</h1>
      <OversightNav />
      {!(first > 0 && second > 0) && (
        <p className="muted" data-testid="compare-pick">
          {t('oversight.ovComparePick')} <Link to="/giam-sat">{t('oversight.ovCompareToActivities')}</Link>
        </p>
      )}
      {q.isLoading && <Loading />}
      <ErrorAlert error={q.error} />
      {c && (
        <>
          <p className="breadcrumb">
            <Link to={`/giam-sat?hdnd=${c.council.id}`}>{c.council.name}</Link>
          </p>
          <Card
            title={`${formatDateVi(c.before.asOf)} → ${formatDateVi(c.after.asOf)}`}
            actions={
              <a
                className="btn btn-secondary"
                href={urlOf('GET /api/oversight/compare/report.docx', { query: { first, second } })}
                download
              >
                {t('oversight.ovFollowUpReport')}
              </a>
            }
          >
            <p className="muted">
              {t('oversight.ovBefore')}: {c.before.title} · {t('oversight.ovAfter')}: {c.after.title}
            </p>
            <div className="cards" data-testid="compare-summary">
              <div className="stat">
                <span className="stat-label">{t('oversight.ovAvgCriteria')}</span>
                <strong>
                  {avg(c.summary.averageCriteria.before)} → {avg(c.summary.averageCriteria.after)}
                </strong>
              </div>
              <div className="stat">
                <span className="stat-label">{t('oversight.ovAvgIndicators')}</span>
                <strong>
                  {avg(c.summary.averageIndicators.before)} → {avg(c.summary.averageIndicators.after)}
                </strong>
              </div>
              <div className="stat">
                <span className="stat-label">{t('oversight.ovNewProducts')}</span>
                <strong>
                  {c.summary.ocopActual.before.newProducts} → {c.summary.ocopActual.after.newProducts}
                  {c.summary.ocopActual.targets ? ` / ${c.summary.ocopActual.targets.newProducts}` : ''}
                </strong>
              </div>
              <div className="stat">
                <span className="stat-label">{t('oversight.ovDisbursed')}</span>
                <strong>
                  {money(c.summary.disbursed.before, lang)} → {money(c.summary.disbursed.after, lang)}
                </strong>
              </div>
            </div>
          </Card>
          <Card title={t('oversight.ovArea')}>
            <table className="table" data-testid="compare-communes">
              <thead>
                <tr>
                  <th>{t('common.unit')}</th>
                  <th>{t('oversight.ovBefore')}</th>
                  <th>{t('oversight.ovAfter')}</th>
                  <th>±</th>
                  <th>{t('oversight.ovNewlyMet')}</th>
                </tr>
              </thead>
              <tbody>
                {c.communes.map((x) => (
                  <tr key={x.unitId}>
                    <td>{x.name}</td>
                    <td>{x.before ? `${x.before.criteriaMet ?? '—'} / ${x.before.indicatorsMet ?? '—'}` : '—'}</td>
                    <td>{x.after ? `${x.after.criteriaMet ?? '—'} / ${x.after.indicatorsMet ?? '—'}` : '—'}</td>
                    <td>
                      {signed(x.criteriaDelta)} / {signed(x.indicatorsDelta)}
                    </td>
                    <td>
                      {x.newlyMet.join(', ') || '—'} {x.standardReached && <Badge tone="success">NTM</Badge>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card title={t('oversight.ovMetOfTotal', { met: c.met, total: c.met + c.notMet })}>
            <table className="table" data-testid="compare-recommendations">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('oversight.ovRecText')}</th>
                  <th>{t('common.deadline')}</th>
                  <th>{t('oversight.ovBefore')}</th>
                  <th>{t('oversight.ovAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {c.recommendations.map((r) => (
                  <tr key={r.id}>
                    <td>{r.seq}</td>
                    <td>
                      <Link to={`/giam-sat/kien-nghi/${r.id}`}>{r.text}</Link>
                      {r.handover && (
                        <>
                          <br />
                          <small className="muted">
                            {t('oversight.ovHandoverFrom', {
                              from: r.handover.fromCouncilName,
                              to: r.handover.toCouncil?.name ?? '—',
                              date: formatDateVi(r.handover.handedOverOn),
                            })}
                          </small>
                        </>
                      )}
                    </td>
                    <td>{formatDateVi(r.deadline)}</td>
                    <td>{r.status ? <StatusBadge prefix="ovRs_" status={r.status} /> : '—'}</td>
                    <td>
                      <StatusBadge prefix="ovRs_" status={r.statusAfter} />{' '}
                      {r.overdueAfter && <Badge tone="danger">{t('oversight.ovOverdue')}</Badge>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </>
      )}
    </>
  );
}
