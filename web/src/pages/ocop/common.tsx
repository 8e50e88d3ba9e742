import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/vi';
import type { ScoringSheetDoc } from '../../../../src/domain/ocop/schema';
import type { Role } from '../../../../src/shared/roles';
import { roleLabel } from '../../components/labels';

export type Stage =
  | 'awareness'
  | 'idea_registered'
  | 'idea_returned'
  | 'plan_submitted'
  | 'plan_returned'
  | 'implementing'
  | 'evaluation'
  | 'promotion';
export const STAGES: Stage[] = [
  'awareness',
  'idea_registered',
  'idea_returned',
  'plan_submitted',
  'plan_returned',
  'implementing',
  'evaluation',
  'promotion',
];

export type CertificateRef = { id: number; number: string; star: number; validFrom: string; validTo: string };
export type ProductRow = {
  id: number;
  code: string;
  name: string;
  unitId: number;
  unitName: string;
  producerId: number;
  producerName: string;
  groupName: string;
  setNo: number;
  stage: Stage;
  step: number;
  cycleYear: number;
  published: boolean;
  version: number;
  star: number | null;
  certificateStatus: 'valid' | 'expired' | 'none';
  daysLeft: number | null;
  certificate: CertificateRef | null;
};
export type ProducerRow = {
  id: number;
  name: string;
  kind: 'enterprise' | 'cooperative' | 'coop_group' | 'household';
  unitId: number;
  unitName: string;
  taxCode: string | null;
  registrationNo: string | null;
  registeredOn: string | null;
  phone: string | null;
  address: string | null;
  womenLed: boolean;
  ethnicMinorityLed: boolean;
  products: number;
  version: number;
};
export type Catalogue = {
  groups: string[];
  sets: { no: number; name: string; group: string; verified: boolean }[];
  documents: Record<string, { vi: string; en: string }>;
  sheets: {
    id: number;
    code: string;
    version: number;
    setNo: number;
    regime: string;
    verified: boolean;
    status: 'draft' | 'published';
  }[];
  setsWithSheet: number[];
  sheetPublishers: Role[];
};
/** A product set with no published scoring sheet: the council cannot score it yet. */
export type SheetWarning = { rule: string; setNo: number; message: string };

/** Tells, before anything is saved, that the chosen set has no published sheet and who can publish one. */
export function NoSheetWarning({ catalogue, setNo }: { catalogue: Catalogue | undefined; setNo: number }) {
  const { t, lang } = useI18n();
  if (!catalogue || catalogue.setsWithSheet.includes(setNo)) return null;
  const set = catalogue.sets.find((s) => s.no === setNo);
  if (!set) return null;
  return (
    <div className="alert alert-warning" role="status" data-testid="ocop-no-sheet-warning">
      {t('ocopNoSheetWarning', {
        set: `${set.no}. ${set.name}`,
        who: catalogue.sheetPublishers.map((r) => roleLabel(r, lang)).join(', '),
      })}
    </div>
  );
}

/** The server's warnings, in the language the request was made in. */
export function Warnings({ warnings }: { warnings: SheetWarning[] | undefined }) {
  if (!warnings?.length) return null;
  return (
    <>
      {warnings.map((w) => (
        <div key={`${w.rule}-${w.setNo}`} className="alert alert-warning" role="status" data-testid="ocop-sheet-warning">
          {w.message}
        </div>
      ))}
    </>
  );
}
export type RoundRow = {
  id: number;
  unitId: number;
  name: string;
  level: 'district' | 'province' | 'central';
  year: number;
  quorum: number;
  spreadLimit: number;
  status: 'open' | 'closed';
  regime: string;
  member: boolean;
};
export type RoundProduct = {
  productId: number;
  status: 'scoring' | 'rescore' | 'decided';
  scoreX100: number | null;
  star: number | null;
  forwarded: boolean;
  recognised: boolean;
  rescoreCount: number;
  product: {
    id: number;
    name: string;
    code: string;
    stage: Stage;
    setNo: number;
    groupName: string;
    unitName: string;
    producerName: string;
  };
  sheet: { id: number; code: string; version: number; verified: boolean; document: ScoringSheetDoc };
  submitted: number;
  myAnswers: Record<string, number> | null;
  myTotal: number | null;
  totals: { userId: number; fullName: string; total: number }[] | null;
  preview: { meanX100: number; spread: number; needsRescore: boolean } | null;
  certificate: { id: number; number: string; star: number; validTo: string } | null;
};
export type RoundDetail = {
  round: RoundRow;
  members: { userId: number; role: 'chair' | 'member'; fullName: string }[];
  me: { role: 'chair' | 'member' } | null;
  canManage: boolean;
  canDecide: boolean;
  products: RoundProduct[];
};

export function useCatalogue() {
  return useQuery({ queryKey: ['ocop', 'catalogue'], queryFn: () => api<Catalogue>('/api/ocop/catalogue'), staleTime: 600_000 });
}

export function Stars({ star, testId }: { star: number | null; testId?: string }) {
  const { t } = useI18n();
  if (!star)
    return (
      <span className="muted" data-testid={testId} data-star="0">
        {t('noStar')}
      </span>
    );
  return (
    <span
      className="stars"
      data-testid={testId}
      data-star={star}
      aria-label={`${star} ${t('star')}`}
      title={`${star} ${t('star')}`}
    >
      {'★'.repeat(star)}
      <span className="stars-off">{'☆'.repeat(5 - star)}</span>
    </span>
  );
}

export function useStageLabel() {
  const { t } = useI18n();
  return (s: string) => t(`stage_${s}` as MessageKey);
}

export function useActionLabel() {
  const { t } = useI18n();
  return (a: string) => t(`act_${a}` as MessageKey);
}

/** Score in hundredths → "74,33". */
export const scoreText = (x100: number | null | undefined) =>
  x100 === null || x100 === undefined ? '—' : (x100 / 100).toFixed(2).replace('.', ',');
