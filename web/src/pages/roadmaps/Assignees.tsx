import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { LeadAgency } from './types';

/**
 * Who can take on a unit's work — its lead agencies and the people who can be in charge — and what the
 * picked ones are called; `nobody` when the picked agency has nobody who would be told.
 */
export function useAssignees(unitId: number | string, lead: string, person: string) {
  const agencies = useQuery({
    queryKey: ['agencies', String(unitId)],
    queryFn: () => call('GET /api/roadmaps/agencies', { query: { unitId: Number(unitId) } }),
  });
  const people = useQuery({
    queryKey: ['roadmap-people', String(unitId)],
    queryFn: () => call('GET /api/roadmaps/people', { query: { unitId: Number(unitId) } }),
  });
  const leadAgency = agencies.data?.items.find((a) => String(a.id) === lead);
  return {
    agencies: agencies.data?.items ?? [],
    people: people.data?.items ?? [],
    leadAgency,
    leadName: leadAgency?.name ?? '',
    personName: people.data?.items.find((p) => String(p.id) === person)?.name ?? '',
    nobody: leadAgency !== undefined && leadAgency.reachable === 0,
  };
}

/** The lead agency and person-in-charge pickers, the same on the board and on an item's page. */
export function AssigneeFields({
  assignees,
  lead,
  setLead,
  person,
  setPerson,
  testIds,
}: {
  assignees: ReturnType<typeof useAssignees>;
  lead: string;
  setLead: (v: string) => void;
  person: string;
  setPerson: (v: string) => void;
  testIds: { lead: string; person: string };
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('roadmaps.leadAgency')}>
        {(fid) => (
          <select id={fid} className="input" value={lead} onChange={(e) => setLead(e.target.value)} data-testid={testIds.lead}>
            <option value="">—</option>
            {assignees.agencies.map((a) => (
              <LeadAgencyOption key={a.id} agency={a} />
            ))}
          </select>
        )}
      </Field>
      <Field label={t('roadmaps.responsible')}>
        {(fid) => (
          <select
            id={fid}
            className="input"
            value={person}
            onChange={(e) => setPerson(e.target.value)}
            data-testid={testIds.person}
          >
            <option value="">{t('roadmaps.responsibleNone')}</option>
            {assignees.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

/** An agency in a picker, marked when nobody there has an account (nobody would be told). */
export function LeadAgencyOption({ agency }: { agency: LeadAgency }) {
  const { t } = useI18n();
  return (
    <option value={agency.id}>{agency.reachable > 0 ? agency.name : `${agency.name} ${t('roadmaps.agencyNoAccounts')}`}</option>
  );
}

/** Said plainly in a confirmation when the chosen lead agency has nobody who would be notified. */
export function NobodyNotified({ agency, personName }: { agency: LeadAgency | undefined; personName: string }) {
  const { t } = useI18n();
  if (!agency || agency.reachable > 0) return null;
  return (
    <p className="alert alert-warning" role="alert" data-testid="lead-nobody">
      {personName
        ? t('roadmaps.cfLeadNobodyPerson', { lead: agency.name, person: personName })
        : t('roadmaps.cfLeadNobody', { lead: agency.name })}
    </p>
  );
}
