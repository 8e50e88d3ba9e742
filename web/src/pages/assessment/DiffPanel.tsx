import { useQuery } from '@tanstack/react-query';
import { formatDateTimeVi } from '../../../../src/shared/vi';
import { call } from '../../api/client';
import { Card, ErrorAlert, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { valueText } from './IndicatorInput';

export function DiffPanel({ id }: { id: number }) {
  const { t } = useI18n();
  const diff = useQuery({ queryKey: ['diff', id], queryFn: () => call('GET /api/assessments/{id}/diff', { params: { id } }) });
  if (diff.isLoading) return <Loading />;
  if (!diff.data) return <ErrorAlert error={diff.error} />;
  const d = diff.data;
  const label = (s: string | null) =>
    s === 'met' || s === 'unmet' || s === 'missing' || s === 'not_applicable' ? t(`common.${s}`) : '—';
  return (
    <Card title={`${t('assessment.diffTitle')} (${d.previousMonth ?? '—'} → ${d.month})`}>
      {d.counts.before && d.counts.after && (
        <p>
          {t('common.criteriaMetShort')}: {d.counts.before.criteriaMet} → {d.counts.after.criteriaMet} ·{' '}
          {t('common.indicatorsMetShort')}: {d.counts.before.indicatorsMet} → {d.counts.after.indicatorsMet}
        </p>
      )}
      {!d.changes.length && <p className="muted">{t('assessment.noChanges')}</p>}
      {d.changes.length > 0 && (
        <table className="table compact" data-testid="diff-table">
          <thead>
            <tr>
              <th>{t('common.indicator')}</th>
              <th>{t('common.before')}</th>
              <th>{t('common.after')}</th>
              <th>{t('assessment.lastChangedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {d.changes.map((c) => (
              <tr key={c.code}>
                <td>{c.code}</td>
                <td>
                  {valueText(c.before)} <small className="muted">({label(c.statusBefore)})</small>
                </td>
                <td>
                  {valueText(c.after)} <small className="muted">({label(c.statusAfter)})</small>
                </td>
                <td>
                  {c.changedBy ?? '—'} {c.changedAt && <small className="muted">{formatDateTimeVi(c.changedAt)}</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.evidenceAdded.length > 0 && (
        <p>
          {t('common.evidence')}: {d.evidenceAdded.map((e) => `${e.code}: ${e.name} (${e.by ?? ''})`).join('; ')}
        </p>
      )}
    </Card>
  );
}
