import { useI18n } from '../../i18n';
import type { LeadAgency } from './types';

/** An agency in a picker, marked when nobody there has an account (nobody would be told). */
export function LeadAgencyOption({ agency }: { agency: LeadAgency }) {
  const { t } = useI18n();
  return <option value={agency.id}>{agency.reachable > 0 ? agency.name : `${agency.name} ${t('agencyNoAccounts')}`}</option>;
}

/** Said plainly in a confirmation when the chosen lead agency has nobody who would be notified. */
export function NobodyNotified({ agency, personName }: { agency: LeadAgency | undefined; personName: string }) {
  const { t } = useI18n();
  if (!agency || agency.reachable > 0) return null;
  return (
    <p className="alert alert-warning" role="alert" data-testid="lead-nobody">
      {personName ? t('cfLeadNobodyPerson', { lead: agency.name, person: personName }) : t('cfLeadNobody', { lead: agency.name })}
    </p>
  );
}
