import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unitOptionLabel } from '../../components/labels';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call, urlOf } from '../../api/client';
import { useCan, useSession } from '../../auth/session';
import { Chart, type ChartOption } from '../../components/Chart';
import { billions, billionsUnit, bp, formatNumber, money } from '../../components/money';
import { Badge, Button, Card, DateInput, ErrorAlert, Loading } from '../../components/ui';
import { FlagIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import { ProjectMap } from './ProjectMap';
import { formatDateVi, sortVi, todayVn } from '../../../../src/shared/vi';
import type { CockpitData } from './types';
import { FilePicker } from '../../components/FilePicker';

export function CapitalPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const user = useSession().data?.user;
  const [params, setParams] = useSearchParams();
  const unitId = params.get('don-vi') ?? String(user?.grants[0]?.unitId ?? '');
  const year = params.get('nam') ?? todayVn().slice(0, 4);
  const asOf = params.get('den-ngay') ?? '';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
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
  const q = { unitId: Number(unitId), year: Number(year), asOf };
  const data = useQuery({
    queryKey: ['cockpit', q],
    queryFn: () => call('GET /api/capital/cockpit', { query: q }),
    enabled: Boolean(unitId),
  });
  const ready = useQuery({
    queryKey: ['ready', unitId],
    queryFn: () => call('GET /api/capital/projects', { query: { unitId: Number(unitId), ready: '1' } }),
    enabled: Boolean(unitId),
  });
  const plans = useQuery({
    queryKey: ['plans', unitId, year],
    queryFn: () => call('GET /api/capital/plans', { query: { unitId: Number(unitId), year: Number(year) } }),
    enabled: Boolean(unitId),
  });
  const d = data.data;

  return (
    <>
      <h1>{t('capital.capitalTitle')}</h1>
      <div className="toolbar">
        <label>
          {t('common.unitPick')}
          <select className="input" value={unitId} onChange={(e) => set('don-vi', e.target.value)} data-testid="capital-unit">
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
            min={2000}
            max={2100}
            onChange={(e) => set('nam', e.target.value)}
            data-testid="capital-year"
          />
        </label>
        <label>
          {t('capital.asOf')}
          <DateInput label={t('capital.asOf')} value={asOf} onChange={(iso) => set('den-ngay', iso)} />
        </label>
        <a className="btn btn-secondary" href={urlOf('GET /api/capital/report.xlsx', { query: { unitId, year } })}>
          {t('common.exportXlsx')}
        </a>
      </div>
      {data.isLoading && <Loading />}
      <ErrorAlert error={data.error} />
      {d && (
        <>
          <div className="cards" data-testid="capital-cards">
            <div className="stat">
              <span className="stat-label">{t('capital.plan')}</span>
              <strong>{money(d.totals.plan, lang)}</strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('capital.allocated')}</span>
              <strong data-testid="total-allocated">{money(d.totals.allocated, lang)}</strong>
              <small className="muted">
                {t('capital.unallocated')}: {money(d.totals.unallocated, lang)}
              </small>
            </div>
            <div className="stat">
              <span className="stat-label">{t('capital.disbursed')}</span>
              <strong data-testid="total-disbursed">{money(d.totals.disbursed, lang)}</strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('capital.rateVsAllocated')}</span>
              <strong>{bp(d.totals.rateVsAllocatedBp, lang)}</strong>
              {d.totals.over100 && <Badge tone="danger">&gt; 100%</Badge>}
            </div>
            <div className="stat">
              <span className="stat-label">{t('capital.elapsedTime')}</span>
              <strong>{bp(d.totals.elapsedBp, lang)}</strong>
              <small className="muted">
                {t('capital.asOf')} {formatDateVi(d.asOf)}
              </small>
            </div>
          </div>
          <div className="grid-2">
            <SCurve data={d} />
            <Flags data={d} />
          </div>
          <Card title={t('capital.bySource')}>
            <SourceTable rows={d.bySource} />
          </Card>
          {d.byDeadline.length > 0 && (
            <Card title={t('capital.byDeadline')}>
              <p className="muted">{t('capital.byDeadlineHint')}</p>
              <table className="table" data-testid="capital-by-deadline">
                <thead>
                  <tr>
                    <th>{t('common.deadline')}</th>
                    <th className="num">{t('capital.allocated')}</th>
                    <th className="num">{t('capital.disbursed')}</th>
                    <th className="num">{t('capital.leftToDisburse')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.byDeadline.map((r) => (
                    <tr key={r.deadline}>
                      <td>
                        {formatDateVi(r.deadline)}{' '}
                        {r.passed && r.left > 0 && <Badge tone="danger">{t('capital.deadlinePassed')}</Badge>}
                      </td>
                      <td className="num">{money(r.allocated, lang)}</td>
                      <td className="num">{money(r.paid, lang)}</td>
                      <td className="num">{money(r.left, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
          <Card title={t('capital.byUnitCommunity')}>
            <table className="table" data-testid="capital-units">
              <thead>
                <tr>
                  <th>{t('common.unit')}</th>
                  <th className="num">{t('capital.allocated')}</th>
                  <th className="num">{t('capital.disbursed')}</th>
                  <th className="num">%</th>
                  <th className="num">{t('capital.contributions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.byUnit.map((u) => (
                  <tr key={u.unitId}>
                    <td>{unitOptionLabel(u, lang)}</td>
                    <td className="num">{money(u.allocated, lang)}</td>
                    <td className="num">{money(u.disbursed, lang)}</td>
                    <td className="num">{bp(u.rateBp, lang)}</td>
                    <td className="num">
                      {money(u.community.money + u.community.inKindValue, lang)}
                      {u.community.landM2 > 0 && ` · ${formatNumber(u.community.landM2, 2, lang)} m²`}
                      {u.community.workdays > 0 && ` · ${formatNumber(u.community.workdays, 2, lang)} ${t('capital.workdays')}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card title={t('capital.byProject')}>
            <table className="table" data-testid="capital-projects">
              <thead>
                <tr>
                  <th>{t('capital.project')}</th>
                  <th>{t('common.unit')}</th>
                  <th className="num">{t('capital.allocated')}</th>
                  <th className="num">{t('capital.disbursed')}</th>
                  <th className="num">%</th>
                  <th>{t('capital.deadlineShort')}</th>
                </tr>
              </thead>
              <tbody>
                {d.projects.map((p) => (
                  <tr key={p.id} data-testid={`project-${p.code}`}>
                    <td>
                      <Link to={`/von/du-an/${p.id}?nam=${year}`}>{p.name}</Link> <small className="muted">{p.code}</small>{' '}
                      <Badge>{t(`capital.ps_${p.status}` as 'capital.ps_proposed')}</Badge>
                      {p.flags.map((f) => (
                        <Badge key={f.rule} tone="danger">
                          <span data-testid={`flag-${p.code}-${f.rule}`}>
                            <FlagIcon /> {t(`capital.rf_${f.rule}`)}
                          </span>
                        </Badge>
                      ))}
                    </td>
                    <td>{p.unitName}</td>
                    <td className="num">{money(p.allocated, lang)}</td>
                    <td className="num">{money(p.disbursed, lang)}</td>
                    <td className="num">{bp(p.rateBp, lang)}</td>
                    <td>{formatDateVi(p.deadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <ProjectMap
            basemap={d.basemap}
            points={d.projects
              .filter((p) => p.lat !== null && p.lon !== null)
              .map((p) => ({
                id: p.id,
                name: p.name,
                lat: p.lat!,
                lon: p.lon!,
                note: t('capital.mapPointNote', { rate: bp(p.rateBp, lang) }),
                late: d.flags.some((f) => f.projectId === p.id && f.severity === 'high'),
              }))}
          />
        </>
      )}
      <div className="grid-2">
        <Card title={t('capital.plans')}>
          <ul className="plain-list">
            {plans.data?.items.map((p) => (
              <li key={p.id}>
                <Link to={`/von/ke-hoach/${p.id}`}>
                  {p.name} (v{p.version})
                </Link>{' '}
                <Badge tone={p.status === 'approved' ? 'success' : 'warning'}>
                  {p.status === 'approved' ? p.resolutionNo : t('common.draftStatus')}
                </Badge>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('capital.readyForAllocation')}>
          <ul className="plain-list" data-testid="ready-list">
            {ready.data?.items.map((p) => (
              <li key={p.id}>
                <Link to={`/von/du-an/${p.id}`}>{p.name}</Link>
              </li>
            ))}
            {!ready.data?.items.length && <li className="muted">{t('common.none')}</li>}
          </ul>
        </Card>
      </div>
      {can('capital.disburse') && <ImportLedger unitId={unitId} />}
    </>
  );
}

function SourceTable({ rows }: { rows: CockpitData['bySource'] }) {
  const { t, lang } = useI18n();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('capital.source')}</th>
          <th className="num">{t('capital.plan')}</th>
          <th className="num">{t('capital.allocated')}</th>
          <th className="num">{t('capital.disbursed')}</th>
          <th className="num">%</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.code}>
            <td>{s.name}</td>
            <td className="num">{money(s.plan, lang)}</td>
            <td className="num">{money(s.allocated, lang)}</td>
            <td className="num">{money(s.disbursed, lang)}</td>
            <td className="num">{bp(s.rateBp, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SCurve({ data }: { data: CockpitData }) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? billions(Number(v), lang) : ''),
      },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 48, bottom: 30 },
      xAxis: { type: 'category', data: data.scurve.map((s) => s.month.slice(5)) },
      yAxis: {
        type: 'value',
        name: billionsUnit(lang),
        nameGap: 12,
        axisLabel: { formatter: (v: number) => formatNumber(v, 2, lang) },
      },
      series: [
        {
          name: t('capital.disbursed'),
          type: 'line',
          data: data.scurve.map((s) => (s.cumulative === null ? null : s.cumulative / 1e9)),
          smooth: true,
        },
        {
          name: t('capital.timePace'),
          type: 'line',
          lineStyle: { type: 'dashed' },
          data: data.scurve.map((s) => ((data.totals.allocated * s.timeBp) / 10000 / 1e9).toFixed(3)),
        },
      ],
    }),
    [data, t, lang],
  );
  return (
    <Card title={t('capital.scurve')}>
      <Chart option={option} height={260} label={t('capital.scurve')} />
      <p className="sr-only" data-testid="scurve-values">
        {data.scurve
          .filter((s) => s.cumulative !== null)
          .map((s) => `${s.month.slice(5)}/${s.month.slice(0, 4)}: ${money(s.cumulative, lang)}`)
          .join('; ')}
      </p>
    </Card>
  );
}

function Flags({ data }: { data: CockpitData }) {
  const { t } = useI18n();
  return (
    <Card title={`${t('capital.redFlags')} (${data.flags.length})`}>
      {!data.flags.length && <p className="muted">{t('capital.noFlags')}</p>}
      <ul className="plain-list" data-testid="red-flags">
        {data.flags.map((f, i) => (
          <li key={i}>
            <Badge tone={f.severity === 'high' ? 'danger' : 'warning'}>{t(`capital.rf_${f.rule}`)}</Badge>{' '}
            <Link to={`/von/du-an/${f.projectId}`}>{f.projectName}</Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ImportLedger({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const reference = useQuery({
    queryKey: ['treasury-reference', unitId],
    queryFn: () => call('GET /api/capital/disbursements/reference', { query: { unitId: Number(unitId) } }),
    enabled: Boolean(unitId),
  });
  const imp = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('file', file!);
      return call('POST /api/capital/disbursements/import', { body: form });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cockpit'] }),
  });
  return (
    <Card title={t('capital.importTreasury')}>
      <p className="muted">{t('capital.treasuryTemplateHint')}</p>
      <div className="toolbar">
        <a
          className="btn btn-secondary"
          href={urlOf('GET /api/capital/disbursements/template.xlsx', { query: { unitId } })}
          data-testid="treasury-template"
        >
          {t('capital.treasuryTemplateXlsx')}
        </a>
        <a className="btn btn-secondary" href={urlOf('GET /api/capital/disbursements/template.csv', { query: { unitId } })}>
          {t('capital.treasuryTemplateCsv')}
        </a>
      </div>
      {reference.data && (
        <details>
          <summary>
            {t('capital.treasurySourcesList', { n: reference.data.sources.length, p: reference.data.projects.length })}
          </summary>
          <div className="scroll-x">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('capital.sourceCode')}</th>
                  <th>{t('capital.sourceName')}</th>
                </tr>
              </thead>
              <tbody>
                {reference.data.sources.map((s) => (
                  <tr key={s.code}>
                    <td>{s.code}</td>
                    <td>{s.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <div className="toolbar">
        <FilePicker
          accept=".csv,.xlsx"
          aria-label={t('capital.importTreasury')}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button disabled={!file || imp.isPending} onClick={() => imp.mutate()}>
          {t('common.importButton')}
        </Button>
      </div>
      <ErrorAlert error={imp.error} />
      {imp.data && (
        <p className="alert alert-success">{t('capital.importedLines', { a: imp.data.added, s: imp.data.skipped })}</p>
      )}
    </Card>
  );
}
