import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { call, type Answer } from '../api/client';
import { Chart, type ChartOption } from '../components/Chart';
import { Card, ErrorAlert, Loading, UnverifiedMark } from '../components/ui';
import { ItemBadges } from './roadmaps/ItemBadges';
import { monthVi } from './roadmaps/types';
import { useI18n } from '../i18n';
import { useLatestMonth } from '../components/useUnitMonth';
import { todayVn } from '../../../src/shared/vi';

type CardData = Answer<'GET /api/dashboard/scorecard'>['predecessors'][number];

const SYMBOL = { met: '✓', unmet: '✗', missing: '?', not_applicable: '–' } as const;

export function ScorecardPage() {
  const { unitId } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useI18n();
  // Without a year in the URL: the year of the person's latest month with data.
  const latest = useLatestMonth();
  const named = params.get('nam');
  const year = Number(named ?? latest.data?.latestMonth?.slice(0, 4) ?? todayVn().slice(0, 4));
  const card = useQuery({
    enabled: Boolean(named) || !latest.isLoading,
    queryKey: ['scorecard', unitId, year],
    queryFn: () => call('GET /api/dashboard/scorecard', { query: { unitId: Number(unitId), year } }),
  });
  if (card.isPending) return <Loading />;
  if (!card.data) return <ErrorAlert error={card.error} />;
  const d = card.data;
  return (
    <>
      <nav className="breadcrumb">
        <Link to={`/don-vi/${d.unit.id}`}>{d.unit.name}</Link>
      </nav>
      <h1>
        {t('common.scorecard')} — {d.unit.name}
      </h1>
      <div className="toolbar">
        <label>
          {t('common.year')}
          <input
            className="input"
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setParams({ nam: e.target.value }, { replace: true })}
          />
        </label>
        <a className="btn btn-secondary" href={`/api/dashboard/scorecard.xlsx?unitId=${d.unit.id}&year=${year}`}>
          {t('common.exportXlsx')}
        </a>
      </div>
      <UnitCard data={d} />
      <RoadmapCard unitId={d.unit.id} />
      {d.predecessors.length > 0 && <h2 className="section-title">{t('dashboard.predecessorHistory')}</h2>}
      {d.predecessors.map((p) => (
        <UnitCard key={p.unit.id} data={p} />
      ))}
    </>
  );
}

function UnitCard({ data }: { data: CardData }) {
  const { t } = useI18n();
  if (!data.months.length) {
    return (
      <Card title={data.unit.name}>
        <p className="muted">{t('common.noSetForUnit')}</p>
      </Card>
    );
  }
  const trend: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: data.months.map((m) => `${m.month.slice(5)}/${m.month.slice(0, 4)}`) },
    yAxis: { type: 'value', min: 0 },
    series: [
      { name: t('common.criteriaMetShort'), type: 'line', data: data.months.map((m) => m.criteriaMet) },
      { name: t('common.indicatorsMetShort'), type: 'line', data: data.months.map((m) => m.indicatorsMet) },
    ],
  };
  return (
    <Card title={data.unit.name}>
      <Chart option={trend} height={220} label={`${t('dashboard.trend')} ${data.unit.name}`} />
      {data.sets.map((set) => {
        const months = data.months.filter((m) => m.setId === set.id);
        return (
          <div key={set.id} className="scroll-x">
            <h3>{set.name}</h3>
            <table className="table compact scorecard" data-testid="scorecard-table">
              <thead>
                <tr>
                  <th>{t('common.criterion')}</th>
                  {months.map((m) => (
                    <th key={m.month}>
                      <Link to={`/kiem-dem/${m.assessmentId}`}>{`${m.month.slice(5)}/${m.month.slice(0, 4)}`}</Link>
                      <small className="block muted">{t(`common.status_${m.status}` as 'common.status_draft')}</small>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {set.criteria.map((c) => (
                  <Fragment key={c.number}>
                    <tr className="criterion-row">
                      <td>
                        <strong>
                          {c.number}. {c.name}
                        </strong>
                      </td>
                      {months.map((m) => {
                        const st = m.criteria[c.number];
                        return (
                          <td key={m.month} className={st ? `cell-${st}` : ''} title={st ? t(`common.${st}`) : undefined}>
                            {st ? SYMBOL[st] : ''}
                          </td>
                        );
                      })}
                    </tr>
                    {c.indicators.map((i) => (
                      <tr key={`${c.number}-${i.code}`}>
                        <td className="indent">
                          {i.code} {i.text} <UnverifiedMark show={!i.verified} />
                        </td>
                        {months.map((m) => {
                          const st = m.indicators[i.code];
                          return (
                            <td
                              key={m.month}
                              className={st ? `cell-${st} light` : ''}
                              title={st ? t(`common.${st}`) : undefined}
                              data-status={st}
                            >
                              {st ? SYMBOL[st] : ''}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </Fragment>
                ))}
                <tr className="criterion-row">
                  <td>{t('common.criteriaMetShort')}</td>
                  {months.map((m) => (
                    <td key={m.month}>
                      {m.criteriaMet}/{m.criteriaTotal}
                    </td>
                  ))}
                </tr>
                <tr className="criterion-row">
                  <td>{t('common.indicatorsMetShort')}</td>
                  {months.map((m) => (
                    <td key={m.month}>
                      {m.indicatorsMet}/{m.indicatorsTotal}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        );
      })}
    </Card>
  );
}

/** The unit's roadmap with each item's latest check-in, beside its scores. */
function RoadmapCard({ unitId }: { unitId: number }) {
  const { t } = useI18n();
  const items = useQuery({
    queryKey: ['roadmaps', 'unit', unitId],
    queryFn: () => call('GET /api/roadmaps', { query: { unitId, sort: 'target' } }),
  });
  if (!items.data?.items.length) return null;
  return (
    <Card title={t('dashboard.roadmapOnScorecard')}>
      <table className="table compact">
        <tbody>
          {items.data.items.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={`/viec/${i.id}`}>
                  {i.indicatorCode}. {i.title}
                </Link>{' '}
                <ItemBadges item={i} />
              </td>
              <td>{i.leadAgencyName ?? '—'}</td>
              <td>{monthVi(i.targetMonth)}</td>
              <td>
                {i.lastCheckin ? `${monthVi(i.lastCheckin.month)}: ${i.lastCheckin.percent}% — ${i.lastCheckin.note}` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
