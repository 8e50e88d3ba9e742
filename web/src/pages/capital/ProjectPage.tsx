import { nextProjectState } from '../../../../src/domain/lifecycles/project';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { call, urlOf, type Answer } from '../../api/client';
import { useCan } from '../../auth/session';
import { bp, formatNumber, money } from '../../components/money';
import { Badge, Button, Card, DateInput, ErrorAlert, Loading, TextInput } from '../../components/ui';
import { useI18n } from '../../i18n';
import { auditActionLabel } from '../../../../src/shared/audit-actions';
import { formatDateTimeVi, formatDateVi, todayVn } from '../../../../src/shared/vi';
import { parseViNumber } from '../assessment/IndicatorInput';
import { FilePicker } from '../../components/FilePicker';

type Detail = Answer<'GET /api/capital/projects/{id}'>;

export function ProjectPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, lang } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const year = params.get('nam') ?? todayVn().slice(0, 4);
  const detail = useQuery({
    queryKey: ['project', id, year],
    queryFn: () => call('GET /api/capital/projects/{id}', { params: { id: Number(id) }, query: { year: Number(year) } }),
  });
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['project'] });
      await qc.invalidateQueries({ queryKey: ['cockpit'] });
    },
  });
  if (detail.isLoading) return <Loading />;
  if (!detail.data) return <ErrorAlert error={detail.error} />;
  const d = detail.data;
  const p = d.project;
  const next = nextProjectState(p.status);
  return (
    <>
      <nav className="breadcrumb">
        <Link to={`/von?nam=${year}`}>{t('common.navCapital')}</Link>
      </nav>
      <h1 data-testid="project-title">
        {p.name} <Badge>{t(`capital.ps_${p.status}` as 'capital.ps_proposed')}</Badge>{' '}
        {p.isDemo && <Badge tone="info">demo</Badge>}
      </h1>
      <ErrorAlert error={act.error} />
      <div className="grid-2">
        <Card>
          <dl className="facts">
            <dt>Mã</dt>
            <dd>{p.code}</dd>
            <dt>{t('common.unit')}</dt>
            <dd>{p.units.map((u) => u.name).join(', ')}</dd>
            <dt>{t('capital.owner')}</dt>
            <dd>{p.owner}</dd>
            <dt>{t('capital.totalInvestment')}</dt>
            <dd>{money(p.totalInvestment, lang)}</dd>
            <dt>{t('capital.contractor')}</dt>
            <dd>{p.contractor ?? '—'}</dd>
            <dt>{t('capital.allocated')}</dt>
            <dd>
              {money(d.totals.allocated, lang)} ({year})
            </dd>
            <dt>{t('capital.disbursed')}</dt>
            <dd data-testid="project-disbursed">
              {money(d.totals.disbursed, lang)} — {bp(d.totals.rateBp, lang)}
            </dd>
            <dt>{t('capital.deadlineShort')}</dt>
            <dd>{formatDateVi(d.totals.deadline)}</dd>
          </dl>
          {d.actions.includes('advance') && next && (
            <Button
              variant="secondary"
              onClick={() =>
                act.mutate(() =>
                  call('PATCH /api/capital/projects/{id}', { params: { id: p.id }, body: { version: p.version, status: next } }),
                )
              }
            >
              {t('capital.nextStatus')}: {t(`capital.ps_${next}` as 'capital.ps_proposed')}
            </Button>
          )}
        </Card>
        <Card title={t('capital.qrCode')}>
          <img
            src={urlOf('GET /api/capital/projects/{id}/qr/{format}', { params: { id: p.id, format: 'svg' } })}
            alt={`QR ${p.code}`}
            width={180}
            height={180}
            data-testid="project-qr"
          />
          <p>
            <a
              href={urlOf('GET /api/capital/projects/{id}/qr/{format}', { params: { id: p.id, format: 'png' } })}
              download={`qr-${p.code}.png`}
            >
              PNG
            </a>{' '}
            ·{' '}
            <a
              href={urlOf('GET /api/capital/projects/{id}/qr/{format}', { params: { id: p.id, format: 'svg' } })}
              download={`qr-${p.code}.svg`}
            >
              SVG
            </a>
          </p>
        </Card>
      </div>
      <Card title={t('capital.dossier')}>
        <ul className="plain-list" data-testid="dossier">
          {d.readiness.map((r) => (
            <li key={r.code}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={r.done}
                  disabled={!can('capital.manage')}
                  onChange={(e) => {
                    // Read now: the box is controlled, so React puts it back until the answer arrives.
                    const done = e.target.checked;
                    act.mutate(() =>
                      call('PUT /api/capital/projects/{id}/readiness/{code}', {
                        params: { id: p.id, code: r.code },
                        body: { done },
                      }),
                    );
                  }}
                  data-testid={`dossier-${r.code}`}
                />
                {r.label}
              </label>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('capital.bySource')}>
        <table className="table compact">
          <tbody>
            {d.sources.map((s) => (
              <tr key={s.sourceCode}>
                <td>{s.name}</td>
                <td className="num">{money(s.amount, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {d.tranches.length > 0 && (
        <Card title={t('capital.tranchesOfYear', { year: d.year })}>
          <p className="muted">{t('capital.tranchesHint')}</p>
          <table className="table compact" data-testid="tranches">
            <thead>
              <tr>
                <th>{t('capital.source')}</th>
                <th>{t('capital.addedOn')}</th>
                <th>{t('common.deadline')}</th>
                <th className="num">{t('capital.allocated')}</th>
                <th className="num">{t('capital.disbursed')}</th>
                <th className="num">{t('capital.leftToDisburse')}</th>
              </tr>
            </thead>
            <tbody>
              {d.tranches.map((tr) => (
                <tr key={`${tr.planId}-${tr.sourceName}-${tr.addedOn}`}>
                  <td>{tr.sourceName}</td>
                  <td>{formatDateVi(tr.addedOn)}</td>
                  <td>{formatDateVi(tr.deadline)}</td>
                  <td className="num">{money(tr.amount, lang)}</td>
                  <td className="num">{money(tr.paid, lang)}</td>
                  <td className="num">{money(tr.left, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <Card title={t('capital.plans')}>
        <table className="table compact">
          <tbody>
            {d.allocations.map((a, i) => (
              <tr key={i}>
                <td>
                  <Link to={`/von/ke-hoach/${a.planId}`}>
                    {a.planName} v{a.planVersion}
                  </Link>{' '}
                  <small className="muted">{a.resolutionNo ?? a.planStatus}</small>
                </td>
                <td>{a.sourceName}</td>
                <td className="num">{money(a.amount, lang)}</td>
                <td>{a.addedOn ? formatDateVi(a.addedOn) : t('capital.addedByResolution')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={t('capital.ledger')}>
        <Ledger entries={d.ledger} />
        {can('capital.disburse') && <RecordPayment detail={d} />}
      </Card>
      <Photos detail={d} />
      {d.contributions.length > 0 && (
        <Card title={t('capital.contributions')}>
          <ul className="plain-list">
            {d.contributions.map((c) => (
              <li key={c.id}>
                {formatDateVi(c.date)} — {c.sourceName}: {formatNumber(c.quantity, 3, lang)} ({money(c.valueVnd, lang)}) {c.note}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={t('common.auditTitle')}>
        <ul className="plain-list">
          {d.timeline.map((e, i) => (
            <li key={i}>
              {formatDateTimeVi(e.at)} — {auditActionLabel(e.action, lang) ?? t('audit.auditOtherAction')} — {e.by}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

function RecordPayment({ detail }: { detail: Detail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const sources = [
    ...new Map(
      detail.allocations
        .filter((a) => a.planYear === detail.year && a.planStatus === 'approved')
        .map((a) => [a.sourceCode, a.sourceName]),
    ),
  ];
  const [source, setSource] = useState(sources[0]?.[0] ?? '');
  const [date, setDate] = useState(todayVn());
  const [amount, setAmount] = useState('');
  const [voucher, setVoucher] = useState('');
  const [type, setType] = useState<'advance' | 'acceptance'>('acceptance');
  const save = useMutation({
    mutationFn: () => {
      const millions = parseViNumber(amount);
      return call('POST /api/capital/disbursements', {
        body: {
          projectId: detail.project.id,
          planYear: detail.year,
          sourceCode: source,
          date,
          amount: Math.round((millions ?? 0) * 1_000_000),
          paymentType: type,
          voucherRef: voucher,
        },
      });
    },
    onSuccess: async () => {
      setAmount('');
      setVoucher('');
      await qc.invalidateQueries({ queryKey: ['project'] });
      await qc.invalidateQueries({ queryKey: ['cockpit'] });
    },
  });
  if (!sources.length) return null;
  return (
    <div className="toolbar">
      <label>
        {t('capital.source')}
        <select className="input" value={source} onChange={(e) => setSource(e.target.value)}>
          {sources.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('common.date')}
        <DateInput label={t('common.date')} value={date} onChange={setDate} />
      </label>
      <label>
        {t('capital.amountMillion')}
        <TextInput inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="payment-amount" />
      </label>
      <label>
        {t('capital.paymentType')}
        <select className="input" value={type} onChange={(e) => setType(e.target.value as 'advance' | 'acceptance')}>
          <option value="advance">{t('capital.advance')}</option>
          <option value="acceptance">{t('capital.acceptance')}</option>
        </select>
      </label>
      <label>
        {t('capital.voucher')}
        <TextInput value={voucher} onChange={(e) => setVoucher(e.target.value)} data-testid="payment-voucher" />
      </label>
      <Button disabled={!amount || !voucher || save.isPending} onClick={() => save.mutate()} data-testid="payment-save">
        {t('capital.recordPayment')}
      </Button>
      <ErrorAlert error={save.error} />
    </div>
  );
}

function Photos({ detail }: { detail: Detail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('file', file!);
      form.set('caption', caption);
      return call('POST /api/capital/projects/{id}/photos', { params: { id: detail.project.id }, body: form });
    },
    onSuccess: async () => {
      setFile(null);
      setCaption('');
      await qc.invalidateQueries({ queryKey: ['project'] });
    },
  });
  return (
    <Card title={t('common.photos')}>
      <div className="photo-grid">
        {detail.photos.map((ph) => (
          <figure key={ph.id}>
            <a
              href={urlOf('GET /api/capital/photos/{photoId}/{variant}', { params: { photoId: ph.id, variant: 'file' } })}
              target="_blank"
              rel="noreferrer"
            >
              <img
                src={urlOf('GET /api/capital/photos/{photoId}/{variant}', { params: { photoId: ph.id, variant: 'thumbnail' } })}
                alt={ph.caption ?? detail.project.name}
              />
            </a>
            <figcaption>{ph.caption}</figcaption>
          </figure>
        ))}
        {!detail.photos.length && <p className="muted">{t('common.none')}</p>}
      </div>
      {can('capital.disburse') && (
        <div className="toolbar">
          <FilePicker accept="image/*" aria-label={t('common.photos')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <TextInput
            aria-label={t('common.note')}
            placeholder={t('common.note')}
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
          />
          <Button variant="secondary" disabled={!file || upload.isPending} onClick={() => upload.mutate()}>
            {t('common.attach')}
          </Button>
          <ErrorAlert error={upload.error} />
        </div>
      )}
    </Card>
  );
}

/** The newest payments first; a long ledger (thousands of Treasury lines) shows its latest page until asked. */
const LEDGER_PAGE = 100;
function Ledger({ entries }: { entries: Detail['ledger'] }) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  const newestFirst = [...entries].reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, LEDGER_PAGE);
  return (
    <>
      <table className="table compact" data-testid="ledger">
        <tbody>
          {shown.map((l) => (
            <tr key={l.id}>
              <td>{formatDateVi(l.date)}</td>
              <td>{l.sourceName}</td>
              <td>{l.paymentType === 'advance' ? t('capital.advance') : t('capital.acceptance')}</td>
              <td>{l.voucherRef}</td>
              <td className="num">{money(l.amount, lang)}</td>
              <td className="muted">{l.planYear}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!all && entries.length > LEDGER_PAGE && (
        <Button variant="secondary" onClick={() => setAll(true)}>
          {t('capital.ledgerShowAll', { n: entries.length })}
        </Button>
      )}
    </>
  );
}
