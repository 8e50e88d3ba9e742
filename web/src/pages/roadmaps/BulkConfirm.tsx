import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../api/client';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';
import { formatMonthVi, MonthInput } from '../../components/MonthInput';
import { Card, ErrorAlert, Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { AssigneeFields, NobodyNotified, useAssignees } from './Assignees';
import type { RoadmapItem } from './types';

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
  const assignees = useAssignees(unitId, lead, person);
  const { leadAgency, leadName, personName, nobody } = assignees;
  const confirm = useMutation({
    mutationFn: () =>
      call('POST /api/roadmaps/confirm', {
        body: {
          items: picked.map((i) => ({ id: i.id, version: i.version })),
          leadAgencyId: Number(lead),
          ...(person ? { leadUserId: Number(person) } : {}),
          targetMonth: month,
        },
      }),
    onMutate: () => setDone(''),
    onSuccess: async (r) => {
      setDone(t(nobody ? 'roadmaps.doneBulkConfirmNobody' : 'roadmaps.doneBulkConfirm', { n: r.confirmed, lead: leadName }));
      onDone();
      await qc.invalidateQueries({ queryKey: ['roadmaps'] });
    },
  });
  if (!picked.length && !done) return null;
  return (
    <Card title={t('roadmaps.bulkTitle', { n: picked.length })}>
      <ErrorAlert error={confirm.error} />
      <SuccessNotice>{done}</SuccessNotice>
      {picked.length > 0 && (
        <>
          <div className="grid-2">
            <AssigneeFields
              assignees={assignees}
              lead={lead}
              setLead={setLead}
              person={person}
              setPerson={setPerson}
              testIds={{ lead: 'bulk-lead', person: 'bulk-person' }}
            />
            <Field label={t('common.deadline')}>
              {(fid) => <MonthInput id={fid} value={month} onChange={setMonth} testId="bulk-month" />}
            </Field>
          </div>
          <ConfirmButton
            onConfirm={() => confirm.mutate()}
            disabled={confirm.isPending || !lead || !month}
            title={t('roadmaps.cfBulkTitle', { n: picked.length })}
            body={
              <>
                <p>
                  {t(nobody ? 'roadmaps.cfBulkBodyNobody' : 'roadmaps.cfBulkBody', {
                    n: picked.length,
                    lead: leadName,
                    m: formatMonthVi(month),
                  })}
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
            {t('roadmaps.bulkConfirm', { n: picked.length })}
          </ConfirmButton>
        </>
      )}
    </Card>
  );
}
