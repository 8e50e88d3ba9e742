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
  const { t } = useI18n();
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
      <h1>{t('ovCompare')}</h1>
      <OversightNav />
      {!(first > 0 && second > 0) && (
        <p className="muted" data-testid="compare-pick">
          {t('ovComparePick')} <Link to="/giam-sat">{t('ovCompareToActivities')}</Link>
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
                {t('ovFollowUpReport')}
              </a>
            }
          >
            <p className="muted">
              {t('ovBefore')}: {c.before.title} · {t('ovAfter')}: {c.after.title}
            </p>
            <div className="cards" data-testid="compare-summary">
              <div className="stat">
                <span className="stat-label">{t('ovAvgCriteria')}</span>
                <strong>
                  {avg(c.summary.averageCriteria.before)} → {avg(c.summary.averageCriteria.after)}
                </strong>
              </div>
              <div className="stat">
                <span className="stat-label">{t('ovAvgIndicators')}</span>
                <strong>
                  {avg(c.summary.averageIndicators.before)} → {avg(c.summary.averageIndicators.after)}
                </strong>
              </div>
              <div className="stat">
                <span className="stat-label">{t('ovNewProducts')}</span>
                <strong>
                  {c.summary.ocopActual.before.newProducts} → {c.summary.ocopActual.after.newProducts}
                  {c.summary.ocopActual.targets ? ` / ${c.summary.ocopActual.targets.newProducts}` : ''}
                </strong>
              </div>
              <div className="stat">
                <span className="stat-label">{t('ovDisbursed')}</span>
                <strong>
                  {money(c.summary.disbursed.before)} → {money(c.summary.disbursed.after)}
                </strong>
              </div>
            </div>
          </Card>
          <Card title={t('ovArea')}>
            <table className="table" data-testid="compare-communes">
              <thead>
                <tr>
                  <th>{t('unit')}</th>
                  <th>{t('ovBefore')}</th>
                  <th>{t('ovAfter')}</th>
                  <th>±</th>
                  <th>{t('ovNewlyMet')}</th>
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
          <Card title={t('ovMetOfTotal', { met: c.met, total: c.met + c.notMet })}>
            <table className="table" data-testid="compare-recommendations">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('ovRecText')}</th>
                  <th>{t('deadline')}</th>
                  <th>{t('ovBefore')}</th>
                  <th>{t('ovAfter')}</th>
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
                            {t('ovHandoverFrom', {
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
                      {r.overdueAfter && <Badge tone="danger">{t('ovOverdue')}</Badge>}
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
