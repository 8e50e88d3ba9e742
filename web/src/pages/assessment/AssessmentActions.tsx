import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call, urlOf } from '../../api/client';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';
import { Button, ErrorAlert, TextInput } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { ReviewDecision } from './AssessmentPage';
import type { AssessmentView } from './types';
import { FilePicker } from '../../components/FilePicker';

/** Submit, verify / return, reopen (the steps the server lists in `actions`), and the Excel round trip. */
export function AssessmentActions({
  view,
  dirty,
  online,
  queued,
  review,
  onToggleDiff,
}: {
  view: AssessmentView;
  dirty: boolean;
  /** Sending, verifying and importing need the server: offline, or with edits still on the phone, they wait. */
  online: boolean;
  queued: number;
  review: Record<string, ReviewDecision>;
  onToggleDiff: () => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const a = view.assessment;
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState('');
  const where = { m: `${a.month.slice(5)}/${a.month.slice(0, 4)}`, unit: a.unitName };
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment', String(a.id)] });
  const can = (step: (typeof view.actions)[number]) => view.actions.includes(step);
  const params = { id: a.id };
  const act = useMutation({
    mutationFn: (req: { run: () => Promise<{ saved: number } | { ok: true }>; done?: string }) => req.run(),
    onMutate: () => setDone(''),
    onSuccess: async (_data, req) => {
      setDone(req.done ?? '');
      setComment('');
      setFile(null);
      await refresh();
      await qc.invalidateQueries({ queryKey: ['summary'] });
      await qc.invalidateQueries({ queryKey: ['heatmap'] });
    },
  });
  const returned = Object.entries(review)
    .filter(([, d]) => d.decision === 'return')
    .map(([code, d]) => ({ code, decision: 'return' as const, comment: d.comment }));

  return (
    <div className="card actions-bar">
      <ErrorAlert error={act.error} />
      <SuccessNotice>{done}</SuccessNotice>
      {act.data && 'saved' in act.data && (
        <p className="alert alert-success">{t('assessment.importedCells', { n: act.data.saved })}</p>
      )}
      {view.permissions.canEdit && (!online || queued > 0) && (
        <p className="alert alert-warning" data-testid="submit-needs-network">
          {!online ? t('assessment.submitNeedsNetwork') : t('assessment.submitNeedsSync')}
          {!online && ` ${t('assessment.importNeedsNetwork')}`}
        </p>
      )}
      <div className="toolbar">
        {can('submit') && (
          <ConfirmButton
            disabled={dirty || act.isPending || !online || queued > 0}
            title={t('assessment.confirmTitleSubmit')}
            body={<p>{t('assessment.confirmBodySubmit', where)}</p>}
            onConfirm={() =>
              act.mutate({
                run: () => call('POST /api/assessments/{id}/submit', { params, body: { version: a.version } }),
                done: t('assessment.doneSubmit', where),
              })
            }
            testId="submit-assessment"
          >
            {t('assessment.submit')}
          </ConfirmButton>
        )}
        {can('verify') && (
          <ConfirmButton
            disabled={returned.length > 0 || act.isPending}
            title={t('assessment.confirmTitleVerify')}
            body={<p>{t('assessment.confirmBodyVerify', where)}</p>}
            onConfirm={() =>
              act.mutate({
                run: () => call('POST /api/assessments/{id}/review', { params, body: { version: a.version, outcome: 'verify' } }),
                done: t('assessment.doneVerify', where),
              })
            }
            testId="verify-assessment"
          >
            {t('assessment.verify')}
          </ConfirmButton>
        )}
        {can('return') && (
          <>
            <TextInput
              aria-label={t('assessment.comment')}
              placeholder={t('assessment.comment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <ConfirmButton
              variant="danger"
              disabled={act.isPending || (!returned.length && !comment.trim())}
              title={t('assessment.confirmTitleReturn')}
              body={
                <>
                  <p>{t('assessment.confirmBodyReturn', { ...where, n: returned.length })}</p>
                  {comment.trim() && <blockquote className="quote">{comment.trim()}</blockquote>}
                </>
              }
              onConfirm={() =>
                act.mutate({
                  run: () =>
                    call('POST /api/assessments/{id}/review', {
                      params,
                      body: { version: a.version, outcome: 'return', comment: comment || null, indicators: returned },
                    }),
                  done: t('assessment.doneReturn', where),
                })
              }
              testId="return-assessment"
            >
              {t('assessment.returnWithComments')}
            </ConfirmButton>
          </>
        )}
        {can('reopen') && (
          <>
            <TextInput
              aria-label={t('common.reason')}
              placeholder={t('common.reason')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <ConfirmButton
              variant="secondary"
              disabled={comment.trim().length < 5 || act.isPending}
              title={t('assessment.confirmTitleReopen')}
              body={
                <>
                  <p>{t('assessment.confirmBodyReopen', where)}</p>
                  <blockquote className="quote">{comment.trim()}</blockquote>
                </>
              }
              onConfirm={() =>
                act.mutate({
                  run: () => call('POST /api/assessments/{id}/reopen', { params, body: { version: a.version, reason: comment } }),
                  done: t('assessment.doneReopen', where),
                })
              }
              testId="reopen-assessment"
            >
              {t('assessment.reopen')}
            </ConfirmButton>
          </>
        )}
        <Button variant="secondary" onClick={onToggleDiff} data-testid="toggle-diff">
          {t('assessment.diffTitle')}
        </Button>
        <a className="btn btn-secondary" href={urlOf('GET /api/assessments/{id}/template.xlsx', { params })}>
          {t('assessment.downloadTemplate')}
        </a>
        {view.permissions.canEdit && (
          <>
            <FilePicker
              accept=".xlsx"
              aria-label={t('assessment.importExcel')}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <Button
              variant="secondary"
              disabled={!file || dirty || !online}
              onClick={() => {
                const form = new FormData();
                form.set('file', file!);
                act.mutate({ run: () => call('POST /api/assessments/{id}/import', { params, body: form }) });
              }}
            >
              {t('assessment.importExcel')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
