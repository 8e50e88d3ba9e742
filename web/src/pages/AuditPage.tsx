import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type AuditEvent } from '../api/client';
import { useCan } from '../auth/session';
import { Button, Card, DateInput, ErrorAlert, Loading, TextInput } from '../components/ui';
import { useI18n } from '../i18n';
import { formatDateTimeVi } from '../../../src/shared/vi';

type Page = { items: AuditEvent[]; nextBeforeSeq: number | null };
type Verify = {
  ok: boolean;
  events: number;
  checkpoints: number;
  lastCheckpointSeq: number | null;
  forgedCheckpoints: { line: number; seq: number | null }[];
  seq?: number;
  problem?: 'edited' | 'deleted' | 'inserted' | 'head_mismatch' | 'not_signed' | 'truncated' | 'checkpoint_mismatch';
};

const PROBLEM_LABEL = {
  edited: 'problemEdited',
  deleted: 'problemDeleted',
  inserted: 'problemInserted',
  head_mismatch: 'problemHeadMismatch',
} as const;

/** The verification in words: the first problem in the trail, then forged checkpoints. */
function verifyText(v: Verify, t: ReturnType<typeof useI18n>['t']): string {
  const seq = v.seq ?? 0;
  const lines: string[] = [];
  if (!v.problem) lines.push(`${t('chainOk', { n: v.events })} ${t('chainCheckpoints', { n: v.checkpoints })}`);
  else if (v.problem === 'truncated') lines.push(t('chainTruncated', { seq, last: v.lastCheckpointSeq ?? 0 }));
  else if (v.problem === 'not_signed') lines.push(t('chainNotSigned', { seq }));
  else if (v.problem === 'checkpoint_mismatch') lines.push(t('chainCheckpointMismatch', { seq }));
  else lines.push(t('chainBroken', { seq, problem: t(PROBLEM_LABEL[v.problem]) }));
  if (v.forgedCheckpoints.length)
    lines.push(t('chainForged', { n: v.forgedCheckpoints.length, lines: v.forgedCheckpoints.map((f) => f.line).join(', ') }));
  return lines.join(' ');
}

export function AuditPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<number | null>(null);
  const filters = ['from', 'to', 'action', 'entityType'] as const;
  const query = new URLSearchParams();
  for (const f of filters) if (params.get(f)) query.set(f, params.get(f)!);
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const events = useInfiniteQuery({
    queryKey: ['audit', query.toString()],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => api<Page>(`/api/audit?${query.toString()}${pageParam ? `&beforeSeq=${pageParam}` : ''}`),
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => api<Verify>('/api/audit/verify') });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1>{t('auditTitle')}</h1>
      <div className="toolbar">
        <label>
          {t('from')} <DateInput label={t('from')} value={params.get('from') ?? ''} onChange={(v) => setParam('from', v)} />
        </label>
        <label>
          {t('to')} <DateInput label={t('to')} value={params.get('to') ?? ''} onChange={(v) => setParam('to', v)} />
        </label>
        <label>
          {t('action')}{' '}
          <TextInput
            value={params.get('action') ?? ''}
            placeholder="unit., user., auth."
            onChange={(e) => setParam('action', e.target.value)}
          />
        </label>
        {can('audit.verify') && (
          <Button variant="secondary" onClick={() => verify.mutate()} data-testid="verify-chain">
            {t('verifyChain')}
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
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('time')}</th>
              <th>{t('actor')}</th>
              <th>{t('action')}</th>
              <th>{t('entity')}</th>
              <th>{t('unit')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <Fragment key={e.seq}>
                <tr>
                  <td>{e.seq}</td>
                  <td>{formatDateTimeVi(e.at)}</td>
                  <td>{e.actorName}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entityType}
                    {e.entityId && ` #${e.entityId}`}
                  </td>
                  <td>{e.unitName ?? '—'}</td>
                  <td>
                    <Button variant="link" onClick={() => setOpen(open === e.seq ? null : e.seq)} aria-expanded={open === e.seq}>
                      {t('details')}
                    </Button>
                  </td>
                </tr>
                {open === e.seq && (
                  <tr className="detail-row">
                    <td colSpan={7}>
                      <div className="grid-2">
                        <div>
                          <strong>{t('before')}</strong>
                          <pre>{JSON.stringify(e.before, null, 2)}</pre>
                        </div>
                        <div>
                          <strong>{t('after')}</strong>
                          <pre>{JSON.stringify(e.after, null, 2)}</pre>
                        </div>
                      </div>
                      <small className="muted">
                        request {e.requestId} · IP {e.ip} · hash {e.hash.slice(0, 16)}…
                      </small>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
        {events.hasNextPage && (
          <Button variant="secondary" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        )}
      </Card>
    </>
  );
}
