import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { call } from '../../api/client';
import type { OversightRecommendationDetail as Detail } from '../../../../src/shared/api.gen';
import { useCan } from '../../auth/session';
import { Badge, Button, Card, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { useI18n } from '../../i18n';
import { formatDateTimeVi, formatDateVi } from '../../../../src/shared/vi';
import { OversightNav, RecommendationTableRow, StatusBadge } from './common';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';
import { FilePicker } from '../../components/FilePicker';

/** Recommendations across councils; an addressee's to-do list with "mine". */
export function RecommendationsPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const mine = params.get('cua-toi') === '1';
  const overdue = params.get('qua-han') === '1';
  const q = useQuery({
    queryKey: ['oversight', 'recommendations', mine, overdue],
    queryFn: () =>
      call('GET /api/oversight/recommendations', { query: { mine: mine ? '1' : undefined, overdue: overdue ? '1' : undefined } }),
  });
  const toggle = (k: string, on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set(k, '1');
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <h1>{t('oversight.ovRecommendations')}</h1>
      <OversightNav />
      <div className="toolbar">
        {can('oversight.respond') && (
          <label className="checkbox">
            <input type="checkbox" checked={mine} onChange={(e) => toggle('cua-toi', e.target.checked)} /> {t('oversight.ovMine')}
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={overdue} onChange={(e) => toggle('qua-han', e.target.checked)} />{' '}
          {t('oversight.ovOnlyOverdue')}
        </label>
      </div>
      {q.isLoading && <Loading />}
      <ErrorAlert error={q.error} />
      <table className="table" data-testid="recommendation-list">
        <thead>
          <tr>
            <th>{t('oversight.ovCouncil')}</th>
            <th>{t('oversight.ovRecText')}</th>
            <th>{t('oversight.ovAddressee')}</th>
            <th>{t('common.deadline')}</th>
            <th>{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data?.items.map((r) => (
            <RecommendationTableRow
              key={r.id}
              r={r}
              lead={
                <>
                  {r.councilName}
                  <br />
                  <small className="muted">{r.activityTitle}</small>
                </>
              }
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

export function RecommendationPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['oversight', 'recommendation', id],
    queryFn: () => call('GET /api/oversight/recommendations/{id}', { params: { id } }),
  });
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'accepted' | 'not_accepted') =>
      call('POST /api/oversight/recommendations/{id}/decision', {
        params: { id },
        body: { decision, note: note || null, version: q.data!.version },
      }),
    onMutate: () => setDone(''),
    onSuccess: async (_res, decision) => {
      const who = { n: q.data!.seq, to: q.data!.addresseeLabel };
      setDone(decision === 'accepted' ? t('oversight.doneAccept', who) : t('oversight.doneReject', who));
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  const r = q.data;
  if (q.isLoading) return <Loading />;
  if (!r) return <ErrorAlert error={q.error} />;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/giam-sat/hoat-dong/${r.activity.id}`}>{r.activity.title}</Link>
      </p>
      <h1>
        {t('oversight.ovRecommendations')} #{r.seq}
      </h1>
      <OversightNav />
      <SuccessNotice>{done}</SuccessNotice>
      <Card title={r.council.name} actions={<StatusBadge prefix="ovRs_" status={r.status} />}>
        <p className="lead" data-testid="recommendation-text">
          {r.text}
        </p>
        <dl className="facts">
          <dt>{t('oversight.ovAddressee')}</dt>
          <dd>
            {r.addresseeLabel} ({r.addresseeUnitName})
          </dd>
          <dt>{t('common.deadline')}</dt>
          <dd>
            {formatDateVi(r.deadline)} {r.overdue && <Badge tone="danger">{t('oversight.ovOverdue')}</Badge>}
          </dd>
          {r.links.length > 0 && (
            <>
              <dt>{t('oversight.ovLinks')}</dt>
              <dd>{r.links.map((l) => l.label).join('; ')}</dd>
            </>
          )}
          {r.decisionNote && (
            <>
              <dt>{t('oversight.ovDecisionNote')}</dt>
              <dd>{r.decisionNote}</dd>
            </>
          )}
          {r.handover && (
            <>
              <dt>{t('oversight.ovHandover')}</dt>
              <dd data-testid="handover-note">
                {t('oversight.ovHandoverFrom', {
                  from: r.handover.fromCouncilName,
                  to: r.handover.toCouncil?.name ?? '—',
                  date: formatDateVi(r.handover.handedOverOn),
                })}{' '}
                <small className="muted">({r.handover.legalBasis})</small>
              </dd>
            </>
          )}
        </dl>
      </Card>
      <Card title={t('oversight.ovReports')}>
        <ul data-testid="reports">
          {r.reports.map((x) => (
            <li key={x.id}>
              <strong>{formatDateVi(x.reportedOn)}</strong> — {x.text}{' '}
              {x.done && <Badge tone="success">{t('oversight.ovReportDone')}</Badge>}{' '}
              {x.fileName && <a href={`/api/oversight/reports/${x.id}/file`}>{x.fileName}</a>}{' '}
              <small className="muted">{formatDateTimeVi(x.createdAt)}</small>
            </li>
          ))}
        </ul>
        {(r.actions.includes('report_progress') || r.actions.includes('report_done')) && <ReportForm rec={r} />}
      </Card>
      {(r.actions.includes('accept') || r.actions.includes('not_accept')) && (
        <Card title={t('oversight.ovDecisionNote')}>
          <ErrorAlert error={decide.error} />
          <Field label={t('oversight.ovDecisionNote')}>
            {(fid) => <TextInput id={fid} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="toolbar">
            {r.actions.includes('accept') && (
              <ConfirmButton
                onConfirm={() => decide.mutate('accepted')}
                disabled={decide.isPending}
                title={t('oversight.confirmTitleAccept')}
                body={<p>{t('oversight.confirmBodyAccept', { n: r.seq, to: `${r.addresseeLabel} (${r.addresseeUnitName})` })}</p>}
                testId="accept"
              >
                {t('oversight.ovAccept')}
              </ConfirmButton>
            )}
            {r.actions.includes('not_accept') && (
              <ConfirmButton
                variant="danger"
                onConfirm={() => decide.mutate('not_accepted')}
                disabled={decide.isPending}
                title={t('oversight.confirmTitleReject')}
                body={<p>{t('oversight.confirmBodyReject', { n: r.seq, to: `${r.addresseeLabel} (${r.addresseeUnitName})` })}</p>}
              >
                {t('oversight.ovReject')}
              </ConfirmButton>
            )}
          </div>
        </Card>
      )}
    </>
  );
}

function ReportForm({ rec }: { rec: Detail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const schema = z.object({ text: z.string().trim().min(3).max(4000), done: z.boolean(), file: z.any() });
  type In = z.input<typeof schema>;
  const form = useForm<In>({ resolver: zodResolver(schema), defaultValues: { text: '', done: false } });
  const send = useMutation({
    mutationFn: (v: In) => {
      const body = new FormData();
      body.set('text', v.text);
      body.set('done', v.done ? '1' : '0');
      body.set('version', String(rec.version));
      const files = v.file as FileList | undefined;
      if (files?.[0]) body.set('file', files[0]);
      return call('POST /api/oversight/recommendations/{id}/reports', { params: { id: rec.id }, body });
    },
    onSuccess: async () => {
      form.reset();
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((v) => send.mutate(v))} noValidate data-testid="report-form" className="subform">
      <h3>{t('oversight.ovReport')}</h3>
      <ErrorAlert error={send.error} />
      <Field label={t('oversight.ovReportText')} error={e.text?.message}>
        {(id) => <textarea id={id} className="input" rows={3} {...form.register('text')} />}
      </Field>
      <Field label={t('oversight.ovEvidence')}>{(id) => <FilePicker id={id} {...form.register('file')} />}</Field>
      <label className="checkbox">
        <input type="checkbox" {...form.register('done')} /> {t('oversight.ovReportDone')}
      </label>
      <Button type="submit" disabled={send.isPending} data-testid="send-report">
        {t('oversight.ovReport')}
      </Button>
    </form>
  );
}
