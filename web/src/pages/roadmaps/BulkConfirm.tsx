import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';
import { formatMonthVi, MonthInput } from '../../components/MonthInput';
import { Card, ErrorAlert, Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { LeadAgencyOption, NobodyNotified } from './LeadAgencyOption';
import type { LeadAgency, RoadmapItem } from './types';

type Person = { id: number; name: string };

/**
 * Confirming the suggestions picked on the board in one step: one lead agency (the commune's People's
 * Committee first), optionally one person in charge, one month — all of them or none.
 */
export function BulkConfirm({ unitId, picked, onDone }: { unitId: string; picked: RoadmapItem[]; onDone: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [lead, setLead] = useState('');
  const [person, setPerson] = useState('');
  const [month, setMonth] = useState('');
  const [done, setDone] = useState('');
  const agencies = useQuery({
    queryKey: ['agencies', unitId],
    queryFn: () => api<{ items: LeadAgency[] }>(`/api/roadmaps/agencies?unitId=${unitId}`),
  });
  const people = useQuery({
    queryKey: ['roadmap-people', unitId],
    queryFn: () => api<{ items: Person[] }>(`/api/roadmaps/people?unitId=${unitId}`),
  });
  const leadAgency = agencies.data?.items.find((a) => String(a.id) === lead);
  const leadName = leadAgency?.name ?? '';
  const personName = people.data?.items.find((p) => String(p.id) === person)?.name ?? '';
  const nobody = leadAgency !== undefined && leadAgency.reachable === 0;
  const confirm = useMutation({
    mutationFn: () =>
      api<{ confirmed: number }>('/api/roadmaps/confirm', {
        method: 'POST',
        body: {
          items: picked.map((i) => ({ id: i.id, version: i.version })),
          leadAgencyId: Number(lead),
          ...(person ? { leadUserId: Number(person) } : {}),
          targetMonth: month,
        },
      }),
    onMutate: () => setDone(''),
    onSuccess: async (r) => {
      setDone(t(nobody ? 'doneBulkConfirmNobody' : 'doneBulkConfirm', { n: r.confirmed, lead: leadName }));
      onDone();
      await qc.invalidateQueries({ queryKey: ['roadmaps'] });
    },
  });
  if (!picked.length && !done) return null;
  return (
    <Card title={t('bulkTitle', { n: picked.length })}>
      <ErrorAlert error={confirm.error} />
      <SuccessNotice>{done}</SuccessNotice>
      {picked.length > 0 && (
        <>
          <div className="grid-2">
            <Field label={t('leadAgency')}>
              {(fid) => (
                <select id={fid} className="input" value={lead} onChange={(e) => setLead(e.target.value)} data-testid="bulk-lead">
                  <option value="">—</option>
                  {agencies.data?.items.map((a) => (
                    <LeadAgencyOption key={a.id} agency={a} />
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('responsible')}>
              {(fid) => (
                <select
                  id={fid}
                  className="input"
                  value={person}
                  onChange={(e) => setPerson(e.target.value)}
                  data-testid="bulk-person"
                >
                  <option value="">{t('responsibleNone')}</option>
                  {people.data?.items.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('deadline')}>
              {(fid) => <MonthInput id={fid} value={month} onChange={setMonth} testId="bulk-month" />}
            </Field>
          </div>
          <ConfirmButton
            onConfirm={() => confirm.mutate()}
            disabled={confirm.isPending || !lead || !month}
            title={t('cfBulkTitle', { n: picked.length })}
            body={
              <>
                <p>
                  {t(nobody ? 'cfBulkBodyNobody' : 'cfBulkBody', { n: picked.length, lead: leadName, m: formatMonthVi(month) })}
                </p>
                <NobodyNotified agency={leadAgency} personName={personName} />
                <ul className="plain-list">
                  {picked.map((i) => (
                    <li key={i.id}>
                      <strong>{i.indicatorCode}</strong> {i.title}
                    </li>
                  ))}
                </ul>
              </>
            }
            testId="bulk-confirm"
          >
            {t('bulkConfirm', { n: picked.length })}
          </ConfirmButton>
        </>
      )}
    </Card>
  );
}
