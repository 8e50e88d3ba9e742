import { useQuery } from '@tanstack/react-query';
import { unitOptionLabel } from '../../components/labels';
import { Link, useSearchParams } from 'react-router';
import { call } from '../../api/client';
import { useSession } from '../../auth/session';
import { Chart } from '../../components/Chart';
import { Card, ErrorAlert, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { formatDateVi, sortVi, todayVn } from '../../../../src/shared/vi';
import { OcopNav } from './OcopNav';
import { Stars } from './common';

export function OcopDashboardPage() {
  const { t, lang } = useI18n();
  const user = useSession().data?.user;
  const [params, setParams] = useSearchParams();
  const unitId = params.get('don-vi') ?? String(user?.grants[0]?.unitId ?? '');
  const year = params.get('nam') ?? todayVn().slice(0, 4);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const units = useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => call('GET /api/units'),
    select: (d) =>
      sortVi(
        d.items.filter((u) => u.type !== 'village'),
        (u) => u.name,
      ),
  });
  const data = useQuery({
    queryKey: ['ocop', 'dashboard', unitId, year],
    queryFn: () => call('GET /api/ocop/dashboard', { query: { unitId: Number(unitId), year: Number(year) } }),
    enabled: Boolean(unitId),
  });
  const d = data.data;
  const targetRows = d
    ? ([
        ['ocop.ocopTargetNewProducts', d.targets?.newProducts, d.actual.newProducts],
        ['ocop.ocopTargetNewRated', d.targets?.newRated34, d.actual.newRated34],
        ['ocop.ocopTargetNewOrgs', d.targets?.newOrganisations, d.actual.newOrganisations],
      ] as const)
    : [];
  return (
    <>
      <h1>{t('ocop.ocopTitle')}</h1>
      <OcopNav />
      <div className="toolbar">
        <label>
          {t('common.unitPick')}
          <select className="input" value={unitId} onChange={(e) => set('don-vi', e.target.value)} data-testid="ocop-unit">
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {unitOptionLabel(u, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.year')}
          <input
            className="input num-input"
            type="number"
            value={year}
            min={2018}
            max={2100}
            onChange={(e) => set('nam', e.target.value)}
            data-testid="ocop-year"
          />
        </label>
      </div>
      {data.isLoading && <Loading />}
      <ErrorAlert error={data.error} />
      {d && (
        <>
          <Card title={`${t('ocop.ocopTargets')} ${year}`}>
            <table className="table" data-testid="ocop-targets">
              <thead>
                <tr>
                  <th />
                  <th className="num">{t('ocop.ocopTarget')}</th>
                  <th className="num">{t('ocop.ocopActual')}</th>
                </tr>
              </thead>
              <tbody>
                {targetRows.map(([key, target, actual]) => (
                  <tr key={key}>
                    <td>{t(key)}</td>
                    <td className="num">{target ?? '—'}</td>
                    <td className={`num ${target !== undefined && actual >= target ? 'ok' : ''}`}>{actual}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {d.targets?.legalBasis && <p className="muted">{d.targets.legalBasis}</p>}
          </Card>
          <div className="grid-2">
            <Card title={`${t('ocop.ocopByStar')} — ${formatDateVi(d.asOf)}`}>
              <p data-testid="ocop-starred">
                <strong>{d.totals.starred}</strong> / {d.totals.products}
              </p>
              <Chart
                label={t('ocop.ocopByStar')}
                height={220}
                option={{
                  tooltip: {},
                  xAxis: { type: 'category', data: d.byStar.map((s) => `${s.key} ★`) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [{ type: 'bar', data: d.byStar.map((s) => s.n), itemStyle: { color: '#c98a00' } }],
                }}
              />
            </Card>
            <Card title={t('ocop.ocopByGroup')}>
              <table className="table compact">
                <tbody>
                  {d.byGroup.map((g) => (
                    <tr key={g.key}>
                      <td>{g.key}</td>
                      <td className="num">{g.n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t('ocop.ocopByUnit')}</h3>
              <table className="table compact">
                <tbody>
                  {d.byUnit.map((g) => (
                    <tr key={g.key}>
                      <td>{g.key}</td>
                      <td className="num">{g.n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </div>
          <Card title={t('ocop.ocopByYear')}>
            <Chart
              label={t('ocop.ocopByYear')}
              height={240}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                xAxis: { type: 'category', data: d.byYear.map((y) => String(y.year)) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [3, 4, 5].map((s) => ({
                  name: `${s} ★`,
                  type: 'bar',
                  stack: 'all',
                  data: d.byYear.map((y) => y.stars[s] ?? 0),
                })),
              }}
            />
          </Card>
          <div className="grid-2">
            <Card title={t('ocop.ocopExpiringSoon')}>
              {d.expiringSoon.length === 0 && <p className="muted">{t('ocop.ocopNone')}</p>}
              <ul className="plain" data-testid="ocop-expiring">
                {d.expiringSoon.map((e) => (
                  <li key={e.id}>
                    <Link to={`/ocop/san-pham/${e.id}`}>{e.name}</Link> <Stars star={e.star} /> — {e.producerName}.{' '}
                    <strong>
                      {t('ocop.validTo')} {formatDateVi(e.validTo)}
                      {e.daysLeft !== null && ` (${t('ocop.daysLeftN', { n: e.daysLeft })})`}
                    </strong>
                  </li>
                ))}
              </ul>
            </Card>
            <Card title={t('ocop.ocopExpired')}>
              {d.expired.length === 0 && <p className="muted">{t('ocop.ocopNone')}</p>}
              <ul className="plain" data-testid="ocop-expired">
                {d.expired.map((e) => (
                  <li key={e.id}>
                    <Link to={`/ocop/san-pham/${e.id}`}>{e.name}</Link> — {t('ocop.formerStar')}: {e.formerStar} ★,{' '}
                    {t('ocop.validTo')} {formatDateVi(e.validTo)}
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        </>
      )}
    </>
  );
}
