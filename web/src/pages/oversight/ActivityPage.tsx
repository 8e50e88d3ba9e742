import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api, type Unit } from '../../api/client';
import { useCan } from '../../auth/session';
import { money } from '../../components/money';
import { Badge, Button, Card, DateInput, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/vi';
import { formatDateTimeVi, formatDateVi, formatNumberVi, parseDateVi, sortVi, todayVn } from '../../../../src/shared/vi';
import { OversightNav, StatusBadge, unitsUnder, type ActivityDetail, type SnapshotData } from './common';
import { FilePicker } from '../../components/FilePicker';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';

const FLOW = ['planned', 'held', 'concluded', 'follow_up', 'resupervised'] as const;
const DOC_KINDS = [
  'plan',
  'explanatory_report',
  'verification_report',
  'minutes',
  'conclusion',
  'follow_up_report',
  'other',
] as const;

export function ActivityPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const can = useCan();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['oversight', 'activity', id],
    queryFn: () => api<ActivityDetail>(`/api/oversight/activities/${id}`),
  });
  const a = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['oversight'] });
  const [done, setDone] = useState('');
  const next = a ? FLOW[FLOW.indexOf(a.status as (typeof FLOW)[number]) + 1] : undefined;
  const move = useMutation({
    mutationFn: () =>
      api(`/api/oversight/activities/${id}`, {
        method: 'PATCH',
        body: { status: next, version: a!.version, ...(next === 'held' && !a!.heldOn ? { heldOn: a!.scheduledOn } : {}) },
      }),
    onMutate: () => setDone(''),
    onSuccess: async () => {
      setDone(t('doneActivityAdvance', { title: a!.title, status: t(`ovSt_${next}` as MessageKey) }));
      await refresh();
    },
  });
  if (q.isLoading) return <Loading />;
  if (!a) return <ErrorAlert error={q.error} />;
  const manage = can('oversight.manage');
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/giam-sat?hdnd=${a.council.id}`}>{a.council.name}</Link>
      </p>
      <h1 data-testid="activity-title">{a.title}</h1>
      <OversightNav />
      <SuccessNotice>{done}</SuccessNotice>
      <ErrorAlert error={move.error} />
      <Card
        title={t(`ovKind_${a.kind}` as MessageKey)}
        actions={
          <>
            <StatusBadge prefix="ovSt_" status={a.status} />
            {manage && next && (next !== 'concluded' || a.conclusionText) && (
              <ConfirmButton
                variant="secondary"
                onConfirm={() => move.mutate()}
                disabled={move.isPending}
                title={t('cfActivityAdvanceTitle', { status: t(`ovSt_${next}` as MessageKey) })}
                body={
                  <p>
                    {t('cfActivityAdvanceBody', {
                      title: a.title,
                      council: a.council.name,
                      status: t(`ovSt_${next}` as MessageKey),
                    })}
                  </p>
                }
                testId="activity-advance"
              >
                {t('ovMoveTo', { status: t(`ovSt_${next}` as MessageKey) })}
              </ConfirmButton>
            )}
          </>
        }
      >
        <dl className="facts">
          <dt>{t('ovHeldOn')}</dt>
          <dd>{formatDateVi(a.heldOn ?? a.scheduledOn)}</dd>
          <dt>{t('legalBasis')}</dt>
          <dd>{t('ovLegalBasisLaw', { code: a.legalBasis })}</dd>
          {a.chair && (
            <>
              <dt>{t('ovChair')}</dt>
              <dd>{a.chair}</dd>
            </>
          )}
          {a.leadBody && (
            <>
              <dt>{t('ovLeadBody')}</dt>
              <dd>{a.leadBody.name}</dd>
            </>
          )}
          <dt>{t('ovExplaining')}</dt>
          <dd>{a.explainingBodies.join('; ') || '—'}</dd>
          <dt>{t('ovInvitees')}</dt>
          <dd>{a.invitees.join('; ') || '—'}</dd>
        </dl>
        <p>{a.topic}</p>
        {a.plan && (
          <p className="muted">
            {t('ovPlan')}: {a.plan}
          </p>
        )}
      </Card>
      <SnapshotCard a={a} />
      <Conclusion a={a} />
      <Recommendations a={a} />
      <Documents a={a} />
      {a.siblings.length > 0 && <CompareLink a={a} />}
    </>
  );
}

function SnapshotCard({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const latest = a.snapshots[0];
  const [asOf, setAsOf] = useState((a.heldOn ?? a.scheduledOn) < todayVn() ? (a.heldOn ?? a.scheduledOn) : todayVn());
  const snap = useQuery({
    queryKey: ['oversight', 'snapshot', latest?.id],
    queryFn: () => api<{ data: SnapshotData }>(`/api/oversight/snapshots/${latest!.id}`),
    enabled: Boolean(latest),
  });
  const [done, setDone] = useState('');
  const freeze = useMutation({
    mutationFn: () => api(`/api/oversight/activities/${a.id}/snapshots`, { method: 'POST', body: { asOf } }),
    onMutate: () => setDone(''),
    onSuccess: async () => {
      setDone(t('doneFreeze', { date: formatDateVi(asOf) }));
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  const d = snap.data?.data;
  const avg = (n: number | null) => (n === null ? '—' : formatNumberVi(n, 2));
  return (
    <Card title={t('ovSnapshot')}>
      <SuccessNotice>{done}</SuccessNotice>
      <ErrorAlert error={freeze.error ?? snap.error} />
      {!latest && <p className="muted">{t('ovNoSnapshot')}</p>}
      {latest && d && (
        <div data-testid="snapshot">
          <p className="muted">
            {t('ovSnapshotAsOf', { date: formatDateVi(latest.asOf), at: formatDateTimeVi(latest.frozenAt) })}
            {a.snapshots.length > 1 && ` · ${t('ovSnapshotsCount', { n: a.snapshots.length })}`}
          </p>
          <p className="lead" data-testid="snapshot-criteria">
            {t('ovCommunesAvg', {
              assessed: d.criteria.assessedCount,
              total: d.criteria.unitCount,
              criteria: `${avg(d.criteria.averageCriteria)}/${d.criteria.criteriaTotal ?? '—'}`,
              indicators: `${avg(d.criteria.averageIndicators)}/${d.criteria.indicatorsTotal ?? '—'}`,
            })}
          </p>
          <div className="cards">
            <div className="stat">
              <span className="stat-label">{t('ovNewProducts')}</span>
              <strong>
                {d.ocop.actual.newProducts}
                {d.ocop.targets ? `/${d.ocop.targets.newProducts}` : ''}
              </strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('ovNewRated')}</span>
              <strong>
                {d.ocop.actual.newRated34}
                {d.ocop.targets ? `/${d.ocop.targets.newRated34}` : ''}
              </strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('ovNewOrgs')}</span>
              <strong>
                {d.ocop.actual.newOrganisations}
                {d.ocop.targets ? `/${d.ocop.targets.newOrganisations}` : ''}
              </strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('ovDisbursed')}</span>
              <strong>
                {money(d.capital.disbursed)} / {money(d.capital.allocated)}
              </strong>
            </div>
          </div>
          <p>
            {t('ovPack')}:{' '}
            {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
              <a
                key={f}
                className="btn btn-secondary"
                href={`/api/oversight/snapshots/${latest.id}/pack.${f}`}
                download
                data-testid={`pack-${f}`}
              >
                {f.toUpperCase()}
              </a>
            ))}
          </p>
        </div>
      )}
      {can('oversight.manage') && (
        <div className="toolbar">
          <label>
            {t('ovAsOf')} <DateInput label={t('ovAsOf')} value={asOf} onChange={setAsOf} />
          </label>
          <ConfirmButton
            onConfirm={() => freeze.mutate()}
            disabled={freeze.isPending}
            title={t('cfFreezeTitle')}
            body={<p>{t('cfFreezeBody', { date: formatDateVi(asOf), title: a.title })}</p>}
            testId="freeze"
          >
            {t('ovFreeze')}
          </ConfirmButton>
        </div>
      )}
    </Card>
  );
}

function Conclusion({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const schema = z.object({
    conclusionNo: z.string().trim().max(100),
    conclusionDate: z.string().refine((s) => parseDateVi(s) !== null, 'dd/mm/yyyy'),
    conclusionText: z.string().trim().min(10).max(20000),
  });
  type In = z.input<typeof schema>;
  const form = useForm<In>({
    resolver: zodResolver(schema),
    defaultValues: {
      conclusionNo: a.conclusionNo ?? '',
      conclusionDate: formatDateVi(a.conclusionDate ?? a.heldOn ?? a.scheduledOn),
      conclusionText: a.conclusionText ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: In) =>
      api(`/api/oversight/activities/${a.id}`, {
        method: 'PATCH',
        body: {
          version: a.version,
          conclusionNo: v.conclusionNo || null,
          conclusionDate: parseDateVi(v.conclusionDate),
          conclusionText: v.conclusionText,
        },
      }),
    onSuccess: async () => {
      setEditing(false);
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  const e = form.formState.errors;
  return (
    <Card
      title={t('ovConclusion')}
      actions={
        can('oversight.manage') &&
        a.status !== 'planned' &&
        !editing && (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('ovRecordConclusion')}
          </Button>
        )
      }
    >
      {a.conclusionText && !editing && (
        <>
          <p className="muted">
            {a.conclusionNo && `${t('ovConclusionNo')}: ${a.conclusionNo} · `}
            {formatDateVi(a.conclusionDate)}
          </p>
          <p data-testid="conclusion-text">{a.conclusionText}</p>
        </>
      )}
      {editing && (
        <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
          <ErrorAlert error={save.error} />
          <Field label={t('ovConclusionNo')}>{(id) => <TextInput id={id} {...form.register('conclusionNo')} />}</Field>
          <Field label={t('ovConclusionDate')} error={e.conclusionDate?.message}>
            {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('conclusionDate')} />}
          </Field>
          <Field label={t('ovConclusion')} error={e.conclusionText?.message}>
            {(id) => <textarea id={id} className="input" rows={6} {...form.register('conclusionText')} />}
          </Field>
          <Button type="submit" disabled={save.isPending}>
            {t('save')}
          </Button>
        </form>
      )}
    </Card>
  );
}

function Recommendations({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const today = todayVn();
  return (
    <Card title={t('ovRecommendations')}>
      <table className="table" data-testid="recommendations">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('ovRecText')}</th>
            <th>{t('ovAddressee')}</th>
            <th>{t('deadline')}</th>
            <th>{t('status')}</th>
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
                {r.status !== 'accepted' && r.deadline < today && <Badge tone="danger">{t('ovOverdue')}</Badge>}
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

function NewRecommendation({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const day = a.heldOn ?? a.scheduledOn;
  const units = useQuery({
    queryKey: ['units', 'asOf', day],
    queryFn: () => api<{ items: Unit[] }>(`/api/units?asOf=${day}`),
    select: (d) => {
      // The council's own unit first (the usual addressee), then the units below it.
      const all = unitsUnder(d.items, a.council.unitId);
      const own = all.filter((u) => u.id === a.council.unitId);
      const below = all.filter((u) => u.id !== a.council.unitId && u.type !== 'village');
      return [...own, ...sortVi(below, (u) => u.name)];
    },
  });
  const schema = z.object({
    text: z.string().trim().min(5).max(4000),
    addresseeUnitId: z.coerce.number().int().positive(),
    addresseeLabel: z.string().trim().min(2).max(300),
    deadline: z.string().refine((s) => parseDateVi(s) !== null, 'dd/mm/yyyy'),
  });
  type In = z.input<typeof schema>;
  type Out = z.output<typeof schema>;
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(schema),
    defaultValues: { text: '', addresseeUnitId: a.council.unitId, addresseeLabel: `UBND ${a.council.unitName}`, deadline: '' },
  });
  const create = useMutation({
    mutationFn: (v: Out) =>
      api(`/api/oversight/activities/${a.id}/recommendations`, {
        method: 'POST',
        body: { ...v, deadline: parseDateVi(v.deadline) },
      }),
    onSuccess: async () => {
      form.reset({ text: '', addresseeUnitId: a.council.unitId, addresseeLabel: `UBND ${a.council.unitName}`, deadline: '' });
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  if (!can('oversight.manage') || a.status === 'planned') return null;
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate data-testid="new-recommendation" className="subform">
      <h3>{t('ovNewRecommendation')}</h3>
      <ErrorAlert error={create.error} />
      <Field label={t('ovRecText')} error={e.text?.message}>
        {(id) => <textarea id={id} className="input" rows={3} {...form.register('text')} />}
      </Field>
      <Field label={t('ovAddresseeUnit')}>
        {(id) => (
          <select id={id} className="input" {...form.register('addresseeUnitId')}>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('ovAddressee')} error={e.addresseeLabel?.message}>
        {(id) => <TextInput id={id} {...form.register('addresseeLabel')} />}
      </Field>
      <Field label={t('deadline')} error={e.deadline?.message}>
        {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('deadline')} />}
      </Field>
      <Button type="submit" disabled={create.isPending} data-testid="save-recommendation">
        {t('ovNewRecommendation')}
      </Button>
    </form>
  );
}

function Documents({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const [kind, setKind] = useState<(typeof DOC_KINDS)[number]>('explanatory_report');
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', file!);
      return api(`/api/oversight/activities/${a.id}/documents`, { method: 'POST', raw: form });
    },
    onSuccess: async () => {
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  return (
    <Card title={t('ovDocuments')}>
      <ErrorAlert error={upload.error} />
      <ul data-testid="documents">
        {a.documents.map((d) => (
          <li key={d.id}>
            <a href={`/api/oversight/documents/${d.id}/file`}>{d.title}</a> · {t('ovVersionN', { n: d.version })} · {d.fileName} ·{' '}
            {formatDateTimeVi(d.createdAt)}
          </li>
        ))}
      </ul>
      {can('oversight.manage') && (
        <div className="toolbar">
          <select className="input" aria-label={t('kind')} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {DOC_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ovDoc_${k}` as MessageKey)}
              </option>
            ))}
          </select>
          <FilePicker aria-label={t('ovUploadDocument')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <Button variant="secondary" disabled={!file || upload.isPending} onClick={() => upload.mutate()}>
            {t('ovUploadDocument')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function CompareLink({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const [other, setOther] = useState(a.siblings[0]!.id);
  return (
    <Card title={t('ovCompare')}>
      <div className="toolbar">
        <label>
          {t('ovCompareWith')}{' '}
          <select className="input" value={other} onChange={(e) => setOther(Number(e.target.value))}>
            {a.siblings.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDateVi(s.scheduledOn)} — {s.title}
              </option>
            ))}
          </select>
        </label>
        <Link className="btn btn-secondary" to={`/giam-sat/so-sanh?first=${a.id}&second=${other}`} data-testid="compare-link">
          {t('ovCompare')}
        </Link>
      </div>
    </Card>
  );
}
