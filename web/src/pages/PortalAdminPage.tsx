import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unitOptionLabel } from '../components/labels';
import { useState } from 'react';
import { call, type Answer, type Body } from '../api/client';

type Publication = Answer<'GET /api/portal/publications'>['items'][number];
type Feedback = Answer<'GET /api/portal/feedback'>['items'][number];
import { useCan, useSession } from '../auth/session';
import { Badge, Card, ErrorAlert, Loading, TextInput } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateTimeVi, sortVi, todayVn } from '../../../src/shared/vi';
import { formatMonthVi, MonthInput } from '../components/MonthInput';
import { ConfirmButton, SuccessNotice } from '../components/confirm';

/** What the office publishes on the public portal, and citizens' feedback waiting for an answer. */
export function PortalAdminPage() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <>
      <h1>{t('portal.portalAdmin')}</h1>
      <p>
        <a href="/cong-khai" target="_blank" rel="noreferrer">
          {t('portal.portalOpen')}
        </a>
      </p>
      {can('portal.publish') && <Publications />}
      {can('portal.moderate') && <Moderation />}
    </>
  );
}

function Publications() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const user = useSession().data?.user;
  const root = user?.grants.find((g) => g.role === 'coordination_office' || g.role === 'system_admin')?.unitId ?? null;
  const list = useQuery({
    queryKey: ['portal', 'publications'],
    queryFn: () => call('GET /api/portal/publications'),
  });
  const units = useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => call('GET /api/units'),
    select: (d) =>
      sortVi(
        d.items.filter((u) => u.type !== 'village' && u.type !== 'country'),
        (u) => u.name,
      ),
  });
  const projects = useQuery({
    queryKey: ['capital', 'projects', root],
    queryFn: () => call('GET /api/capital/projects', { query: { unitId: root ?? 0 } }),
    enabled: root !== null,
  });
  const [unitId, setUnitId] = useState<number>(root ?? 0);
  const [month, setMonth] = useState(todayVn().slice(0, 7));
  const [projectId, setProjectId] = useState(0);
  const refresh = () => qc.invalidateQueries({ queryKey: ['portal'] });
  const [done, setDone] = useState('');
  const publish = useMutation({
    mutationFn: ({ body }: { body: Body<'POST /api/portal/publications'>; what: string }) =>
      call('POST /api/portal/publications', { body }),
    onMutate: () => setDone(''),
    onSuccess: async (_r, v) => {
      setDone(t('portal.donePortalPublish', { what: v.what }));
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: ({ id }: { id: number; what: string }) => call('DELETE /api/portal/publications/{id}', { params: { id } }),
    onMutate: () => setDone(''),
    onSuccess: async (_r, v) => {
      setDone(t('portal.donePortalRemove', { what: v.what }));
      await refresh();
    },
  });
  const unitName = units.data?.find((u) => u.id === unitId)?.name ?? '';
  const project = projects.data?.items.find((p) => p.id === projectId);
  const periodWhat = t('portal.portalWhatPeriod', { unit: unitName, m: formatMonthVi(month) });
  const projectWhat = project ? `${project.code} — ${project.name}` : '';
  const whatOf = (p: Publication) =>
    p.kind === 'period'
      ? t('portal.portalWhatPeriod', { unit: p.unitName, m: formatMonthVi(p.period!.slice(0, 7)) })
      : `${p.projectCode} — ${p.projectName}`;
  return (
    <Card title={t('portal.portalPublished')}>
      <SuccessNotice>{done}</SuccessNotice>
      <ErrorAlert error={list.error ?? publish.error ?? remove.error} />
      {list.isLoading && <Loading />}
      <table className="table" data-testid="publications">
        <thead>
          <tr>
            <th>{t('common.kind')}</th>
            <th>{t('common.unit')}</th>
            <th>{t('portal.portalWhat')}</th>
            <th>{t('portal.portalPublishedAt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((p) => (
            <tr key={p.id}>
              <td>{p.kind === 'period' ? t('portal.portalPeriod') : t('portal.portalProject')}</td>
              <td>{p.unitName}</td>
              <td>{p.kind === 'period' ? formatMonthVi(p.period!.slice(0, 7)) : `${p.projectCode} — ${p.projectName}`}</td>
              <td>{formatDateTimeVi(p.publishedAt)}</td>
              <td>
                <ConfirmButton
                  variant="danger"
                  onConfirm={() => remove.mutate({ id: p.id, what: whatOf(p) })}
                  disabled={remove.isPending}
                  title={t('portal.cfPortalRemoveTitle')}
                  body={<p>{t('portal.cfPortalRemoveBody', { what: whatOf(p) })}</p>}
                >
                  {t('portal.portalUnpublish')}
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <select
          className="input"
          aria-label={t('common.unit')}
          value={unitId}
          onChange={(e) => setUnitId(Number(e.target.value))}
        >
          <option value={0}>—</option>
          {units.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {unitOptionLabel(u, lang)}
            </option>
          ))}
        </select>
        <MonthInput label={t('common.month')} value={month} onChange={setMonth} />
        <ConfirmButton
          disabled={!unitId || !month || publish.isPending}
          onConfirm={() => publish.mutate({ body: { kind: 'period', unitId, month }, what: periodWhat })}
          title={t('portal.cfPortalPublishTitle')}
          body={<p>{t('portal.cfPortalPublishPeriodBody', { unit: unitName, m: formatMonthVi(month) })}</p>}
        >
          {t('portal.portalPublishPeriod')}
        </ConfirmButton>
      </div>
      <div className="toolbar">
        <select
          className="input"
          aria-label={t('portal.portalProject')}
          value={projectId}
          onChange={(e) => setProjectId(Number(e.target.value))}
        >
          <option value={0}>—</option>
          {projects.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} — {p.name}
            </option>
          ))}
        </select>
        <ConfirmButton
          disabled={!projectId || publish.isPending}
          onConfirm={() => publish.mutate({ body: { kind: 'project', projectId }, what: projectWhat })}
          title={t('portal.cfPortalPublishTitle')}
          body={<p>{t('portal.cfPortalPublishProjectBody', { what: projectWhat })}</p>}
        >
          {t('portal.portalPublishProject')}
        </ConfirmButton>
      </div>
    </Card>
  );
}

function Moderation() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const queue = useQuery({ queryKey: ['portal', 'feedback'], queryFn: () => call('GET /api/portal/feedback') });
  const [done, setDone] = useState('');
  const onDone = async (message: string) => {
    setDone(message);
    await qc.invalidateQueries({ queryKey: ['portal'] });
  };
  return (
    <Card title={t('portal.portalFeedback')}>
      <SuccessNotice>{done}</SuccessNotice>
      <ErrorAlert error={queue.error} />
      {queue.data?.items.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="plain" data-testid="feedback-queue">
        {queue.data?.items.map((f) => (
          <FeedbackItem key={f.id} f={f} onDone={(m) => void onDone(m)} />
        ))}
      </ul>
    </Card>
  );
}

function FeedbackItem({ f, onDone }: { f: Feedback; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState('');
  const [toPetition, setToPetition] = useState(false);
  const moderate = useMutation({
    mutationFn: (decision: 'publish' | 'reject') =>
      call('POST /api/portal/feedback/{id}/moderate', {
        params: { id: f.id },
        body: { decision, answer: answer || null, toPetition, version: f.version },
      }),
    onSuccess: (_r, decision) =>
      onDone(decision === 'publish' ? t('portal.doneModeratePublish') : t('portal.doneModerateReject')),
  });
  const whose = { on: f.targetTitle, unit: f.unitName };
  return (
    <li className="card">
      <p>
        <Badge>{t(`portal.fbCat_${f.category}` as MessageKey)}</Badge> <strong>{f.targetTitle}</strong> · {f.unitName} ·{' '}
        <small className="muted">{formatDateTimeVi(f.createdAt)}</small>
      </p>
      <p>{f.text}</p>
      {(f.contactName || f.contact) && (
        <p className="muted">
          {t('portal.portalContact')}: {f.contactName} {f.contact}
        </p>
      )}
      <ErrorAlert error={moderate.error} />
      <TextInput
        aria-label={t('portal.portalAnswer')}
        placeholder={t('portal.portalAnswer')}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={toPetition} onChange={(e) => setToPetition(e.target.checked)} />{' '}
        {t('portal.portalToPetition')}
      </label>
      <div className="toolbar">
        <ConfirmButton
          onConfirm={() => moderate.mutate('publish')}
          disabled={moderate.isPending}
          title={t('portal.cfModeratePublishTitle')}
          body={
            <p>
              {t('portal.cfModeratePublishBody', whose)}
              {toPetition && ` ${t('portal.cfModerateToPetition')}`}
            </p>
          }
        >
          {t('portal.portalPublishAnswer')}
        </ConfirmButton>
        <ConfirmButton
          variant="secondary"
          onConfirm={() => moderate.mutate('reject')}
          disabled={moderate.isPending}
          title={t('portal.cfModerateRejectTitle')}
          body={
            <p>
              {t('portal.cfModerateRejectBody', whose)}
              {toPetition && ` ${t('portal.cfModerateToPetition')}`}
            </p>
          }
        >
          {t('portal.portalReject')}
        </ConfirmButton>
      </div>
    </li>
  );
}
