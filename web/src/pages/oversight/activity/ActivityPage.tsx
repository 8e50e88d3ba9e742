import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../../../api/client';
import { Card, ErrorAlert, Loading } from '../../../components/ui';
import { useI18n, type MessageKey } from '../../../i18n';
import { formatDateVi } from '../../../../../src/shared/vi';
import { OversightNav, StatusBadge } from '../common';
import { SuccessNotice } from '../../../components/confirm';
import { AdvanceButton, useAdvanceStep } from './AdvanceStep';
import { CompareLink } from './CompareLink';
import { Conclusion } from './Conclusion';
import { Documents } from './Documents';
import { Recommendations } from './Recommendations';
import { SnapshotCard } from './SnapshotCard';

/** A supervision activity: its facts and step, snapshot, conclusion, recommendations and documents. */
export function ActivityPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['oversight', 'activity', id],
    queryFn: () => call('GET /api/oversight/activities/{id}', { params: { id } }),
  });
  const a = q.data;
  const [done, setDone] = useState('');
  const advance = useAdvanceStep(a, setDone);
  if (q.isLoading) return <Loading />;
  if (!a) return <ErrorAlert error={q.error} />;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/giam-sat?hdnd=${a.council.id}`}>{a.council.name}</Link>
      </p>
      <h1 data-testid="activity-title">{a.title}</h1>
      <OversightNav />
      <SuccessNotice>{done}</SuccessNotice>
      <ErrorAlert error={advance.move.error} />
      <Card
        title={t(`oversight.ovKind_${a.kind}` as MessageKey)}
        actions={
          <>
            <StatusBadge prefix="ovSt_" status={a.status} />
            <AdvanceButton a={a} advance={advance} />
          </>
        }
      >
        <dl className="facts">
          <dt>{t('oversight.ovHeldOn')}</dt>
          <dd>{formatDateVi(a.heldOn ?? a.scheduledOn)}</dd>
          <dt>{t('common.legalBasis')}</dt>
          <dd>{t('oversight.ovLegalBasisLaw', { code: a.legalBasis })}</dd>
          {a.chair && (
            <>
              <dt>{t('oversight.ovChair')}</dt>
              <dd>{a.chair}</dd>
            </>
          )}
          {a.leadBody && (
            <>
              <dt>{t('oversight.ovLeadBody')}</dt>
              <dd>{a.leadBody.name}</dd>
            </>
          )}
          <dt>{t('oversight.ovExplaining')}</dt>
          <dd>{a.explainingBodies.join('; ') || '—'}</dd>
          <dt>{t('oversight.ovInvitees')}</dt>
          <dd>{a.invitees.join('; ') || '—'}</dd>
        </dl>
        <p>{a.topic}</p>
        {a.plan && (
          <p className="muted">
            {t('oversight.ovPlan')}: {a.plan}
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
