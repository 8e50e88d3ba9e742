import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { Button, ErrorAlert, TextInput } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { ReviewDecision } from './AssessmentPage';
import type { AssessmentView } from './types';

/** Submit, verify / return, reopen, and the Excel round trip — what each person may do now. */
export function AssessmentActions({
  view,
  dirty,
  review,
  onToggleDiff,
}: {
  view: AssessmentView;
  dirty: boolean;
  review: Record<string, ReviewDecision>;
  onToggleDiff: () => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const a = view.assessment;
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment', String(a.id)] });
  const act = useMutation({
    mutationFn: (req: { path: string; body?: unknown; raw?: BodyInit }) =>
      api<{ saved?: number }>(req.path, { method: 'POST', body: req.body, raw: req.raw }),
    onSuccess: async () => {
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
      {act.data?.saved !== undefined && <p className="alert alert-success">{t('importedCells', { n: act.data.saved })}</p>}
      <div className="toolbar">
        {view.permissions.canEdit && (
          <Button
            disabled={dirty || act.isPending}
            onClick={() => act.mutate({ path: `/api/assessments/${a.id}/submit`, body: { version: a.version } })}
            data-testid="submit-assessment"
          >
            {t('submit')}
          </Button>
        )}
        {a.status === 'submitted' && view.permissions.canVerify && (
          <>
            <Button
              disabled={returned.length > 0 || act.isPending}
              onClick={() =>
                act.mutate({ path: `/api/assessments/${a.id}/review`, body: { version: a.version, outcome: 'verify' } })
              }
              data-testid="verify-assessment"
            >
              {t('verify')}
            </Button>
            <TextInput
              aria-label={t('comment')}
              placeholder={t('comment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button
              variant="danger"
              disabled={act.isPending || (!returned.length && !comment.trim())}
              onClick={() =>
                act.mutate({
                  path: `/api/assessments/${a.id}/review`,
                  body: { version: a.version, outcome: 'return', comment: comment || null, indicators: returned },
                })
              }
              data-testid="return-assessment"
            >
              {t('returnWithComments')}
            </Button>
          </>
        )}
        {a.status === 'verified' && view.permissions.canVerify && (
          <>
            <TextInput
              aria-label={t('reason')}
              placeholder={t('reason')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button
              variant="secondary"
              disabled={comment.trim().length < 5}
              onClick={() =>
                act.mutate({ path: `/api/assessments/${a.id}/reopen`, body: { version: a.version, reason: comment } })
              }
            >
              {t('reopen')}
            </Button>
          </>
        )}
        <Button variant="secondary" onClick={onToggleDiff} data-testid="toggle-diff">
          {t('diffTitle')}
        </Button>
        <a className="btn btn-secondary" href={`/api/assessments/${a.id}/template.xlsx`}>
          {t('downloadTemplate')}
        </a>
        {view.permissions.canEdit && (
          <>
            <input
              type="file"
              accept=".xlsx"
              aria-label={t('importExcel')}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <Button
              variant="secondary"
              disabled={!file || dirty}
              onClick={() => {
                const form = new FormData();
                form.set('file', file!);
                act.mutate({ path: `/api/assessments/${a.id}/import`, raw: form });
              }}
            >
              {t('importExcel')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
