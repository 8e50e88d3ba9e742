import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call, type Answer, type Query } from '../api/client';
import { useCan } from '../auth/session';
import { unitOptionLabel } from '../components/labels';
import { Button, Card, DateInput, ErrorAlert, Loading } from '../components/ui';
import { useI18n } from '../i18n';
import { AUDIT_ACTION_GROUPS, auditActionLabel, auditObjectLabel } from '../../../src/shared/audit-actions';
import { formatDateTimeVi, sortVi } from '../../../src/shared/vi';
import { changedFields } from '../../../src/shared/audit-fields';

type Verify = Answer<'GET /api/audit/verify'>;

const PROBLEM_LABEL = {
  edited: 'audit.problemEdited',
  deleted: 'audit.problemDeleted',
  inserted: 'audit.problemInserted',
  head_mismatch: 'audit.problemHeadMismatch',
} as const;

/** The verification in words: the first problem in the trail, then forged checkpoints. */
function verifyText(v: Verify, t: ReturnType<typeof useI18n>['t']): string {
  const seq = v.seq ?? 0;
  const lines: string[] = [];
  if (!v.problem) lines.push(`${t('audit.chainOk', { n: v.events })} ${t('audit.chainCheckpoints', { n: v.checkpoints })}`);
  else if (v.problem === 'truncated') lines.push(t('audit.chainTruncated', { seq, last: v.lastCheckpointSeq ?? 0 }));
  else if (v.problem === 'not_signed') lines.push(t('audit.chainNotSigned', { seq }));
  else if (v.problem === 'checkpoint_mismatch') lines.push(t('audit.chainCheckpointMismatch', { seq }));
  else lines.push(t('audit.chainBroken', { seq, problem: t(PROBLEM_LABEL[v.problem]) }));
  if (v.forgedCheckpoints.length)
    lines.push(
      t('audit.chainForged', { n: v.forgedCheckpoints.length, lines: v.forgedCheckpoints.map((f) => f.line).join(', ') }),
    );
  return lines.join(' ');
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<number | null>(null);
  /** URL words → the API's filters. */
  const filters = {
    from: 'from',
    to: 'to',
    nguoi: 'actorUserId',
    'don-vi': 'unitId',
    loai: 'kind',
    'thao-tac': 'action',
  } as const;
  const query: Record<string, string> = {};
  for (const [k, name] of Object.entries(filters)) if (params.get(k)) query[name] = params.get(k)!;
  const setParam = (k: keyof typeof filters, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const events = useInfiniteQuery({
    queryKey: ['audit', query],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      call('GET /api/audit', { query: { ...(query as Query<'GET /api/audit'>), beforeSeq: pageParam || undefined } }),
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
  const actors = useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: () => call('GET /api/audit/actors'),
  });
  const units = useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => call('GET /api/units'),
    select: (d) =>
      sortVi(
        d.items.filter((u) => u.type !== 'village'),
        (u) => u.name,
      ),
  });
  const verify = useMutation({ mutationFn: () => call('GET /api/audit/verify') });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const kindValue = params.get('thao-tac') ? `a:${params.get('thao-tac')}` : params.get('loai') ? `k:${params.get('loai')}` : '';
  const setKind = (v: string) => {
    const next = new URLSearchParams(params);
    next.delete('loai');
    next.delete('thao-tac');
    if (v.startsWith('k:')) next.set('loai', v.slice(2));
    if (v.startsWith('a:')) next.set('thao-tac', v.slice(2));
    setParams(next, { replace: true });
  };
  const actionText = (a: string) => auditActionLabel(a, lang) ?? t('audit.auditOtherAction');

  return (
    <>
      <h1>{t('common.auditTitle')}</h1>
      <div className="toolbar audit-filters" data-testid="audit-filters">
        <label>
          {t('audit.from')}{' '}
          <DateInput label={t('audit.from')} value={params.get('from') ?? ''} onChange={(v) => setParam('from', v)} />
        </label>
        <label>
          {t('audit.to')} <DateInput label={t('audit.to')} value={params.get('to') ?? ''} onChange={(v) => setParam('to', v)} />
        </label>
        <label>
          {t('audit.actor')}{' '}
          <select
            className="input"
            data-testid="audit-person"
            value={params.get('nguoi') ?? ''}
            onChange={(e) => setParam('nguoi', e.target.value)}
          >
            <option value="">{t('audit.auditEveryone')}</option>
            {actors.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.unit')}{' '}
          <select
            className="input"
            data-testid="audit-unit"
            value={params.get('don-vi') ?? ''}
            onChange={(e) => setParam('don-vi', e.target.value)}
          >
            <option value="">{t('audit.auditAllUnits')}</option>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {unitOptionLabel(u, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}{' '}
          <select className="input" data-testid="audit-kind" value={kindValue} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('audit.auditAllActions')}</option>
            {AUDIT_ACTION_GROUPS.map((g) => (
              <optgroup key={g.object} label={auditObjectLabel(g.object, lang) ?? ''}>
                <option value={`k:${g.object}`}>{t('audit.auditAllOf', { what: auditObjectLabel(g.object, lang) ?? '' })}</option>
                {g.actions.map((a) => (
                  <option key={a} value={`a:${a}`}>
                    {actionText(a)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {can('audit.verify') && (
          <Button variant="secondary" onClick={() => verify.mutate()} data-testid="verify-chain">
            {t('audit.verifyChain')}
          </Button>
        )}
      </div>
      <ErrorAlert error={verify.error} />
      {verify.data && (
        <p className={`alert ${verify.data.ok ? 'alert-success' : 'alert-error'}`} role="status">
          {verifyText(verify.data, t)}
        </p>
      )}
      <Card>
        {events.isLoading && <Loading />}
        <ErrorAlert error={events.error} />
        {!events.isLoading && rows.length === 0 && <p className="muted">{t('audit.auditNone')}</p>}
        <div className="scroll-x">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('audit.time')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.entity')}</th>
                <th>{t('common.unit')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const fields = changedFields(e.before, e.after, lang, e.entityType);
                return (
                  <Fragment key={e.seq}>
                    <tr data-testid="audit-row">
                      <td className="nowrap">{formatDateTimeVi(e.at)}</td>
                      <td>{e.actorName}</td>
                      <td data-testid="audit-action">{actionText(e.action)}</td>
                      <td data-testid="audit-object">
                        <span className="muted">{auditObjectLabel(e.entityType, lang) ?? ''}</span>
                        {e.objectName && <> {e.objectLink ? <Link to={e.objectLink}>{e.objectName}</Link> : e.objectName}</>}
                      </td>
                      <td>{e.unitName ?? '—'}</td>
                      <td>
                        <Button
                          variant="link"
                          onClick={() => setOpen(open === e.seq ? null : e.seq)}
                          aria-expanded={open === e.seq}
                        >
                          {t('audit.details')}
                        </Button>
                      </td>
                    </tr>
                    {open === e.seq && (
                      <tr className="detail-row">
                        <td colSpan={6}>
                          {fields.shown.length > 0 ? (
                            <table className="table compact" data-testid="audit-fields">
                              <thead>
                                <tr>
                                  <th>{t('audit.auditField')}</th>
                                  <th>{t('common.before')}</th>
                                  <th>{t('common.after')}</th>
                                </tr>
                              </thead>
                              <tbody>
                                {fields.shown.map((f) => (
                                  <tr key={f.label}>
                                    <td>{f.label}</td>
                                    <td>{f.before}</td>
                                    <td>{f.after}</td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          ) : (
                            <p className="muted">{t('audit.auditNoFields')}</p>
                          )}
                          <details className="technical">
                            <summary>{t('audit.auditTechnical')}</summary>
                            <div className="grid-2">
                              <div>
                                <strong>{t('common.before')}</strong>
                                <pre>{JSON.stringify(e.before, null, 2)}</pre>
                              </div>
                              <div>
                                <strong>{t('common.after')}</strong>
                                <pre>{JSON.stringify(e.after, null, 2)}</pre>
                              </div>
                            </div>
                            <small className="muted">
                              #{e.seq} · {t('audit.auditRequest')} {e.requestId} · IP {e.ip ?? '—'} · {t('audit.auditHash')}{' '}
                              {e.hash.slice(0, 16)}…
                            </small>
                          </details>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
        {events.hasNextPage && (
          <Button variant="secondary" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {t('audit.loadMore')}
          </Button>
        )}
      </Card>
    </>
  );
}
