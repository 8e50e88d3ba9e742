import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { CriterionChange } from '../../../../src/domain/criteria/what-if';
import { formatNumberVi, sortVi, todayVn, viCollator } from '../../../../src/shared/vi';
import { call, urlOf } from '../../api/client';
import type { DraftImpact } from '../../../../src/shared/api.gen';
import { MonthInput, formatMonthVi } from '../../components/MonthInput';
import { Badge, Card, ErrorAlert, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

type Impact = DraftImpact;
type Change = Impact['changed'][number];

const LEVEL: Record<CriterionChange['level'], MessageKey> = {
  ntm: 'criteria.whatIfLevelNtm',
  advanced: 'criteria.whatIfLevelAdvanced',
  model: 'criteria.whatIfLevelModel',
};
/** Rows shown on screen; the workbook holds them all. */
const SHOWN = 300;

/** The month before today's: the latest month most communes have verified. */
function lastMonth(): string {
  const [y, m] = todayVn().split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/**
 * "What if this draft were published": the summary cards before → after and the communes that would
 * change, for a month and a unit the office manages (by default the draft's owner: its province, or
 * the whole country for a national set). Figures are each commune's latest verified month up to it.
 */
export function WhatIfPanel({ setId, ownerUnitId, unsaved }: { setId: number; ownerUnitId: number; unsaved: boolean }) {
  const { t } = useI18n();
  const [month, setMonth] = useState(lastMonth);
  const [unitId, setUnitId] = useState(ownerUnitId);
  const units = useQuery({
    queryKey: ['units', 'what-if-areas'],
    queryFn: () => call('GET /api/units'),
    select: (d) =>
      sortVi(
        d.items.filter((u) => (u.type === 'province' || u.type === 'country') && !u.effectiveTo),
        (u) => u.name,
      ),
  });
  const q = { month, unitId };
  const impact = useQuery({
    queryKey: ['what-if', setId, q],
    queryFn: () => call('GET /api/criteria-sets/{id}/what-if', { params: { id: setId }, query: q }),
    enabled: Boolean(month),
  });
  return (
    <Card title={t('criteria.whatIfTitle')}>
      <p className="muted">{t('criteria.whatIfIntro')}</p>
      {unsaved && <p className="alert alert-warning">{t('criteria.whatIfUnsaved')}</p>}
      <div className="toolbar">
        <label>
          {t('common.month')}
          <MonthInput
            label={t('common.month')}
            value={month}
            max={todayVn().slice(0, 7)}
            onChange={(m) => m && setMonth(m)}
            testId="what-if-month"
          />
        </label>
        <label>
          {t('common.unitPick')}
          <select className="input" value={unitId} onChange={(e) => setUnitId(Number(e.target.value))} data-testid="what-if-unit">
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <a
          className="btn btn-secondary"
          href={urlOf('GET /api/criteria-sets/{id}/what-if.xlsx', { params: { id: setId }, query: q })}
          data-testid="what-if-xlsx"
        >
          {t('criteria.whatIfDownload')}
        </a>
      </div>
      <ErrorAlert error={impact.error} />
      {impact.isFetching && <Loading />}
      {impact.data && <ImpactView data={impact.data} />}
    </Card>
  );
}

function Move({ before, after, digits = 0 }: { before: number | null; after: number | null; digits?: number }) {
  const fmt = (n: number | null) => (n === null ? '—' : formatNumberVi(n, digits));
  const delta = (after ?? 0) - (before ?? 0);
  return (
    <strong>
      {fmt(before)} → {fmt(after)}{' '}
      {Math.abs(delta) > 1e-9 && (
        <Badge tone={delta > 0 ? 'success' : 'danger'}>
          {delta > 0 ? '+' : '−'}
          {formatNumberVi(Math.abs(delta), digits)}
        </Badge>
      )}
    </strong>
  );
}

function ImpactView({ data }: { data: Impact }) {
  const { t } = useI18n();
  const { before: b, after: a } = data;
  const moved = data.criteria.filter((c) => c.before !== c.after);
  return (
    <>
      {(data.publishing.precedenceUnclear || data.publishing.collisions.length > 0) && (
        <p className="alert alert-warning" role="alert" data-testid="what-if-refused">
          {data.publishing.precedenceUnclear
            ? t('criteria.whatIfPrecedenceUnclear')
            : t('criteria.whatIfCollides', {
                sets: data.publishing.collisions.map((c) => `${c.name} (v${c.version})`).join('; '),
              })}
        </p>
      )}
      <p data-testid="what-if-scope">
        {t('criteria.whatIfScope', {
          unit: data.unit.name,
          month: formatMonthVi(data.month),
          n: b.assessedCount,
          total: data.unitCount,
        })}
      </p>
      <div className="cards" data-testid="what-if-cards">
        <div className="stat">
          <span className="stat-label">{t('common.standardUnits')}</span>
          <Move before={b.standardCount} after={a.standardCount} />
        </div>
        <div className="stat">
          <span className="stat-label">{t('common.advancedUnits')}</span>
          <Move before={b.advancedCount} after={a.advancedCount} />
        </div>
        <div className="stat">
          <span className="stat-label">{t('common.modelUnits')}</span>
          <Move before={b.modelCount} after={a.modelCount} />
        </div>
        <div className="stat">
          <span className="stat-label">{t('criteria.whatIfAverageCriteria')}</span>
          <Move before={b.averageCriteria} after={a.averageCriteria} digits={2} />
        </div>
        <div className="stat">
          <span className="stat-label">{t('criteria.whatIfAverageIndicators')}</span>
          <Move before={b.averageIndicators} after={a.averageIndicators} digits={2} />
        </div>
      </div>
      {moved.length > 0 && (
        <table className="table compact" data-testid="what-if-criteria">
          <thead>
            <tr>
              <th>{t('common.criterion')}</th>
              <th>{t('criteria.whatIfCommunesMeeting')}</th>
            </tr>
          </thead>
          <tbody>
            {moved.map((c) => (
              <tr key={c.number}>
                <td>
                  {c.number}. {c.name}
                </td>
                <td>
                  <Move before={c.before} after={c.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ChangedTable rows={data.changed} />
    </>
  );
}

type SortKey = 'name' | 'delta';

function ChangedTable({ rows }: { rows: Change[] }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  const sorted = useMemo(() => {
    const delta = (r: Change) => r.after.criteriaMet - r.before.criteriaMet;
    return [...rows].sort(
      (x, y) =>
        sort.dir *
        (sort.key === 'name' ? viCollator.compare(x.name, y.name) : delta(x) - delta(y) || viCollator.compare(x.name, y.name)),
    );
  }, [rows, sort]);
  if (!rows.length) return <p data-testid="what-if-none">{t('criteria.whatIfNoChange')}</p>;
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="btn btn-link"
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}
      >
        {label} {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : ''}
      </button>
    </th>
  );
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('criteria.whatIfMet') : t('criteria.whatIfNotMet'));
  return (
    <>
      <h3>{t('criteria.whatIfChangedTitle', { n: rows.length })}</h3>
      <div className="scroll-x">
        <table className="table" data-testid="what-if-changes">
          <thead>
            <tr>
              {header('name', t('criteria.whatIfUnit'))}
              <th>{t('criteria.whatIfDataMonth')}</th>
              {header('delta', t('criteria.whatIfCriteriaMet'))}
              <th>{t('common.standardUnits')}</th>
              <th>{t('criteria.whatIfCriteriaMoved')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, SHOWN).map((r) => (
              <tr key={r.unitId}>
                <td>{r.name}</td>
                <td>{formatMonthVi(r.month)}</td>
                <td>
                  {r.before.criteriaMet}/{r.before.criteriaTotal} → {r.after.criteriaMet}/{r.after.criteriaTotal}
                </td>
                <td>
                  {yesNo(r.before.standard)} → {yesNo(r.after.standard)}
                </td>
                <td>
                  <ul className="plain-list">
                    {r.criteria.map((c) => (
                      <li key={`${c.level}-${c.criterion}`}>
                        {c.level !== 'ntm' && <small className="muted">{t(LEVEL[c.level])}: </small>}
                        {c.criterion}. {c.name}:{' '}
                        <Badge tone={c.after ? 'success' : 'danger'}>
                          {yesNo(c.before)} → {yesNo(c.after)}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOWN && <p className="muted">{t('criteria.whatIfShownOf', { shown: SHOWN, n: rows.length })}</p>}
    </>
  );
}
