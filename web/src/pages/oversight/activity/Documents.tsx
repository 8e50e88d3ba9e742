import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { Button, Card, ErrorAlert } from '../../../components/ui';
import { useI18n, type MessageKey } from '../../../i18n';
import { formatDateTimeVi } from '../../../../../src/shared/vi';
import { type ActivityDetail } from '../common';
import { FilePicker } from '../../../components/FilePicker';

const DOC_KINDS = [
  'plan',
  'explanatory_report',
  'verification_report',
  'minutes',
  'conclusion',
  'follow_up_report',
  'other',
] as const;

/** The activity's documents in their versions, and filing another. */
export function Documents({ a }: { a: ActivityDetail }) {
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
      return call('POST /api/oversight/activities/{id}/documents', { params: { id: a.id }, body: form });
    },
    onSuccess: async () => {
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  return (
    <Card title={t('oversight.ovDocuments')}>
      <ErrorAlert error={upload.error} />
      <ul data-testid="documents">
        {a.documents.map((d) => (
          <li key={d.id}>
            <a href={`/api/oversight/documents/${d.id}/file`}>{d.title}</a> · {t('oversight.ovVersionN', { n: d.version })} ·{' '}
            {d.fileName} · {formatDateTimeVi(d.createdAt)}
          </li>
        ))}
      </ul>
      {can('oversight.manage') && (
        <div className="toolbar">
          <select
            className="input"
            aria-label={t('common.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
          >
            {DOC_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`oversight.ovDoc_${k}` as MessageKey)}
              </option>
            ))}
          </select>
          <FilePicker aria-label={t('oversight.ovUploadDocument')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <Button variant="secondary" disabled={!file || upload.isPending} onClick={() => upload.mutate()}>
            {t('oversight.ovUploadDocument')}
          </Button>
        </div>
      )}
    </Card>
  );
}
