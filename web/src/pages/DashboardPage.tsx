import { useQuery } from '@tanstack/react-query';
import { unitOptionLabel } from '../components/labels';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { call, urlOf, type Answer } from '../api/client';
import { useSession } from '../auth/session';
import { Chart, type ChartOption } from '../components/Chart';
import { useUnitMonth } from '../components/useUnitMonth';
import { Card, ErrorAlert, Loading, UnverifiedMark } from '../components/ui';
import { useI18n } from '../i18n';
import { formatNumberVi, sortVi, todayVn } from '../../../src/shared/vi';
import { MonthInput } from '../components/MonthInput';

type Heat = Answer<'GET /api/dashboard/heatmap'>;
type Gap = Answer<'GET /api/dashboard/gaps'>['items'][number];

const STATUS_VALUE = { met: 2, unmet: 0, missing: 1, not_applicable: 3 } as const;
const STATUS_BY_VALUE = ['unmet', 'missing', 'met', 'not_applicable'] as const;
const SYMBOL = { met: '✓', unmet: '✗', missing: '?', not_applicable: '–' } as const;

export function DashboardPage() {
  const { t, lang } = useI18n();
  const user = useSession().data?.user;
  const { unitId, month, ready, setUnit, setMonth } = useUnitMonth(user?.grants[0]?.unitId ?? null);
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => call('GET /api/units') });
  const choices = useMemo(
    () =>
      sortVi(
        (units.data?.items ?? []).filter((u) => u.type !== 'village'),
        (u) => u.name,
      ),
    [units.data],
  );
  const q = { unitId: unitId ?? 0, month };
  const summary = useQuery({
    queryKey: ['summary', q],
    queryFn: () => call('GET /api/dashboard/summary', { query: q }),
    enabled: Boolean(unitId) && ready,
  });
  const heat = useQuery({
    queryKey: ['heatmap', q],
    queryFn: () => call('GET /api/dashboard/heatmap', { query: q }),
    enabled: Boolean(unitId) && ready,
  });
  const gaps = useQuery({
    queryKey: ['gaps', q],
    queryFn: () => call('GET /api/dashboard/gaps', { query: q }),
    enabled: Boolean(unitId) && ready,
  });
  const s = summary.data;

  return (
    <>
      <h1>{t('dashboard.dashboardTitle')}</h1>
      <div className="toolbar">
        <label>
          {t('common.unitPick')}
          <select
            className="input"
            value={unitId ?? ''}
            onChange={(e) => setUnit(Number(e.target.value))}
            data-testid="dashboard-unit"
          >
            {choices.map((u) => (
              <option key={u.id} value={u.id}>
                {unitOptionLabel(u, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.month')}
          <MonthInput
            label={t('common.month')}
            value={month}
            max={todayVn().slice(0, 7)}
            onChange={(m) => m && setMonth(m)}
            testId="dashboard-month"
          />
        </label>
        <span className="period-picks" role="group" aria-label={t('common.month')}>
          {(['Q1', 'Q2', 'Q3', 'Q4', 'Y'] as const).map((p) => {
            const year = month.slice(0, 4);
            const end = { Q1: '03', Q2: '06', Q3: '09', Q4: '12', Y: '12' }[p];
            return (
              <button key={p} type="button" className="btn btn-link" onClick={() => setMonth(`${year}-${end}`)}>
                {p === 'Y' ? `${t('common.year')} ${year}` : `${p.replace('Q', lang === 'vi' ? 'Quý ' : 'Q')}/${year}`}
              </button>
            );
          })}
        </span>
        {unitId && (
          <a className="btn btn-secondary" href={urlOf('GET /api/dashboard/heatmap.xlsx', { query: q })}>
            {t('common.exportXlsx')}
          </a>
        )}
      </div>
      <ErrorAlert error={summary.error} />
      {summary.isLoading && <Loading />}
      {s && (
        <div className="cards" data-testid="summary-cards">
          <div className="stat stat-wide">
            <span className="stat-label">{t('common.navDashboard')}</span>
            <strong data-testid="summary-line">
              {s.assessedCount
                ? t('dashboard.summaryLine', {
                    n: s.assessedCount,
                    c: formatNumberVi(s.averageCriteria ?? 0),
                    ct: s.criteriaTotal ?? '—',
                    i: formatNumberVi(s.averageIndicators ?? 0),
                    it: s.indicatorsTotal ?? '—',
                  })
                : t('dashboard.noVerifiedData')}
            </strong>
            <small className="muted">{t('dashboard.latestVerifiedNote')}</small>
          </div>
          <div className="stat">
            <span className="stat-label">{t('common.standardUnits')}</span>
            <strong>
              {s.standardCount}/{s.assessedCount}
            </strong>
          </div>
          <div className="stat">
            <span className="stat-label">{t('common.advancedUnits')}</span>
            <strong>{s.advancedCount}</strong>
          </div>
          <div className="stat">
            <span className="stat-label">{t('common.modelUnits')}</span>
            <strong>{s.modelCount}</strong>
          </div>
        </div>
      )}
      {heat.data && <HeatMap data={heat.data} />}
      {gaps.data && <Gaps items={gaps.data.items} />}
    </>
  );
}

function HeatMap({ data }: { data: Heat }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      {data.sets.map((set) => {
        const rows = data.rows.filter((r) => r.setId === set.id);
        const option: ChartOption = {
          tooltip: {
            formatter: (p: { data: [number, number, number] }) => {
              const row = rows[p.data[1]]!;
              const crit = set.criteria[p.data[0]]!;
              const st = STATUS_BY_VALUE[p.data[2]]!;
              return `${row.name} · ${crit.number}. ${crit.name}: ${t(`common.${st}`)} (${row.month ?? ''})`;
            },
          },
          grid: { left: 150, right: 20, top: 10, bottom: 60 },
          xAxis: {
            type: 'category',
            data: set.criteria.map((c) => c.number),
            name: t('common.criterion'),
            nameLocation: 'middle',
            nameGap: 30,
          },
          yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
          visualMap: {
            type: 'piecewise',
            orient: 'horizontal',
            left: 'center',
            bottom: 0,
            pieces: [
              { value: 2, label: t('common.met'), color: '#3f9a55' },
              { value: 0, label: t('common.unmet'), color: '#d9534f' },
              { value: 1, label: t('common.missing'), color: '#b8bcc2' },
              { value: 3, label: t('common.not_applicable'), color: '#8fa3c8' },
            ],
          },
          series: [
            {
              type: 'heatmap',
              data: rows.flatMap((r, y) => r.cells.map((c, x) => [x, y, STATUS_VALUE[c.status]])),
              itemStyle: { borderColor: '#fff', borderWidth: 2 },
            },
          ],
        };
        return (
          <Card key={set.id} title={`${t('dashboard.heatmap')} — ${set.name}`}>
            <Chart
              option={option}
              height={Math.max(220, rows.length * 30 + 90)}
              label={t('dashboard.heatmap')}
              onClick={(p) => {
                const row = rows[(p.data as number[])[1]!];
                if (row?.assessmentId) void navigate(`/kiem-dem/${row.assessmentId}`);
              }}
            />
            <p className="muted heat-key" data-testid="heatmap-key">
              {set.criteria.map((c) => `${c.number}. ${c.name}`).join(' · ')}
            </p>
            <table className="table compact heat-table" data-testid="heatmap-table">
              <thead>
                <tr>
                  <th>{t('common.unit')}</th>
                  <th>{t('common.month')}</th>
                  <th>{t('common.criteriaMetShort')}</th>
                  {set.criteria.map((c) => (
                    <th key={c.number} title={c.name}>
                      {c.number}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.unitId}>
                    <td>{r.assessmentId ? <Link to={`/kiem-dem/${r.assessmentId}`}>{r.name}</Link> : r.name}</td>
                    <td>{r.month ? `${r.month.slice(5)}/${r.month.slice(0, 4)}` : '—'}</td>
                    <td>
                      {r.criteriaMet ?? '—'}/{r.criteriaTotal ?? '—'}
                    </td>
                    {r.cells.map((c) => (
                      <td
                        key={c.number}
                        className={`cell-${c.status}`}
                        title={
                          c.notApplicable && c.status !== 'not_applicable'
                            ? `${t(`common.${c.status}`)} · ${t('dashboard.notApplicableCount', { n: c.notApplicable })}`
                            : t(`common.${c.status}`)
                        }
                        data-status={c.status}
                      >
                        {SYMBOL[c.status]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        );
      })}
    </>
  );
}

function Gaps({ items }: { items: Gap[] }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<'count' | 'code'>('count');
  const sorted = [...items].sort((a, b) =>
    sort === 'count'
      ? b.unmet.length + b.missing.length - (a.unmet.length + a.missing.length)
      : a.code.localeCompare(b.code, 'vi', { numeric: true }),
  );
  if (!items.length) return null;
  return (
    <Card title={t('dashboard.gapsTitle')}>
      <table className="table" data-testid="gaps-table">
        <thead>
          <tr>
            <th>
              <button type="button" className="btn btn-link" onClick={() => setSort('code')}>
                {t('common.indicator')}
              </button>
            </th>
            <th>{t('common.criterion')}</th>
            <th>
              <button type="button" className="btn btn-link" onClick={() => setSort('count')}>
                {t('dashboard.unitsUnmet')}
              </button>
            </th>
            <th>{t('dashboard.unitsMissing')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((g) => (
            <tr key={`${g.setCode}-${g.code}`}>
              <td>
                <strong>{g.code}</strong> {g.text} <UnverifiedMark show={!g.verified} />
              </td>
              <td>
                {g.criterion}. {g.criterionName}
              </td>
              <td>{g.unmet.map((u) => u.name).join(', ')}</td>
              <td>{g.missing.map((u) => u.name).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
