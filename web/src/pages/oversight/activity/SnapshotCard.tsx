import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { formatNumber, money } from '../../../components/money';
import { Card, DateInput, ErrorAlert } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { formatDateTimeVi, formatDateVi, todayVn } from '../../../../../src/shared/vi';
import { type ActivityDetail } from '../common';
import { ConfirmButton, SuccessNotice } from '../../../components/confirm';

/** The figures frozen for the briefing, their packs, and freezing them as of a day. */
export function SnapshotCard({ a }: { a: ActivityDetail }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const latest = a.snapshots[0];
  const [asOf, setAsOf] = useState((a.heldOn ?? a.scheduledOn) < todayVn() ? (a.heldOn ?? a.scheduledOn) : todayVn());
  const snap = useQuery({
    queryKey: ['oversight', 'snapshot', latest?.id],
    queryFn: () => call('GET /api/oversight/snapshots/{id}', { params: { id: latest!.id } }),
    enabled: Boolean(latest),
  });
  const [done, setDone] = useState('');
  const freeze = useMutation({
    mutationFn: () => call('POST /api/oversight/activities/{id}/snapshots', { params: { id: a.id }, body: { asOf } }),
    onMutate: () => setDone(''),
    onSuccess: async () => {
      setDone(t('oversight.doneFreeze', { date: formatDateVi(asOf) }));
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  const d = snap.data?.data;
  const avg = (n: number | null) => (n === null ? '—' : formatNumber(n, 2, lang));
  return (
    <Card title={t('oversight.ovSnapshot')}>
      <SuccessNotice>{done}</SuccessNotice>
      <ErrorAlert error={freeze.error ?? snap.error} />
      {!latest && <p className="muted">{t('oversight.ovNoSnapshot')}</p>}
      {latest && d && (
        <div data-testid="snapshot">
          <p className="muted">
            {t('oversight.ovSnapshotAsOf', { date: formatDateVi(latest.asOf), at: formatDateTimeVi(latest.frozenAt) })}
            {a.snapshots.length > 1 && ` · ${t('oversight.ovSnapshotsCount', { n: a.snapshots.length })}`}
          </p>
          <p className="lead" data-testid="snapshot-criteria">
            {t('oversight.ovCommunesAvg', {
              assessed: d.criteria.assessedCount,
              total: d.criteria.unitCount,
              criteria: `${avg(d.criteria.averageCriteria)}/${d.criteria.criteriaTotal ?? '—'}`,
              indicators: `${avg(d.criteria.averageIndicators)}/${d.criteria.indicatorsTotal ?? '—'}`,
            })}
          </p>
          <div className="cards">
            <div className="stat">
              <span className="stat-label">{t('oversight.ovNewProducts')}</span>
              <strong>
                {d.ocop.actual.newProducts}
                {d.ocop.targets ? `/${d.ocop.targets.newProducts}` : ''}
              </strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('oversight.ovNewRated')}</span>
              <strong>
                {d.ocop.actual.newRated34}
                {d.ocop.targets ? `/${d.ocop.targets.newRated34}` : ''}
              </strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('oversight.ovNewOrgs')}</span>
              <strong>
                {d.ocop.actual.newOrganisations}
                {d.ocop.targets ? `/${d.ocop.targets.newOrganisations}` : ''}
              </strong>
            </div>
            <div className="stat">
              <span className="stat-label">{t('oversight.ovDisbursed')}</span>
              <strong>
                {money(d.capital.disbursed, lang)} / {money(d.capital.allocated, lang)}
              </strong>
            </div>
          </div>
          <p>
            {t('oversight.ovPack')}:{' '}
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
            {t('oversight.ovAsOf')} <DateInput label={t('oversight.ovAsOf')} value={asOf} onChange={setAsOf} />
          </label>
          <ConfirmButton
            onConfirm={() => freeze.mutate()}
            disabled={freeze.isPending}
            title={t('oversight.cfFreezeTitle')}
            body={<p>{t('oversight.cfFreezeBody', { date: formatDateVi(asOf), title: a.title })}</p>}
            testId="freeze"
          >
            {t('oversight.ovFreeze')}
          </ConfirmButton>
        </div>
      )}
    </Card>
  );
}
