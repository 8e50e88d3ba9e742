import { useQuery } from '@tanstack/react-query';
import { call, type Answer } from '../../api/client';
import type { Stage } from '../../../../src/domain/ocop/cycle';
import type {
  OcopCatalogue,
  OcopProducerListItem,
  OcopProductDetail,
  OcopProductListItem,
  OcopRoundDetail,
} from '../../../../src/shared/api.gen';
import { useI18n, type MessageKey } from '../../i18n';
import { roleLabel } from '../../components/labels';

export type { Stage };
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

export type ProductRow = OcopProductListItem;
export type ProducerRow = OcopProducerListItem;
export type Catalogue = OcopCatalogue;
/** A product set with no published scoring sheet: the council cannot score it yet. */
export type SheetWarning = OcopProductDetail['warnings'][number];

/** Tells, before anything is saved, that the chosen set has no published sheet and who can publish one. */
export function NoSheetWarning({ catalogue, setNo }: { catalogue: Catalogue | undefined; setNo: number }) {
  const { t, lang } = useI18n();
  if (!catalogue || catalogue.setsWithSheet.includes(setNo)) return null;
  const set = catalogue.sets.find((s) => s.no === setNo);
  if (!set) return null;
  return (
    <div className="alert alert-warning" role="status" data-testid="ocop-no-sheet-warning">
      {t('ocop.ocopNoSheetWarning', {
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
export type RoundRow = Answer<'GET /api/ocop/rounds'>['items'][number];
export type RoundDetail = OcopRoundDetail;
export type RoundProduct = OcopRoundDetail['products'][number];

export function useCatalogue() {
  return useQuery({ queryKey: ['ocop', 'catalogue'], queryFn: () => call('GET /api/ocop/catalogue'), staleTime: 600_000 });
}

export function Stars({ star, testId }: { star: number | null; testId?: string }) {
  const { t } = useI18n();
  if (!star)
    return (
      <span className="muted" data-testid={testId} data-star="0">
        {t('ocop.noStar')}
      </span>
    );
  return (
    <span
      className="stars"
      data-testid={testId}
      data-star={star}
      aria-label={`${star} ${t('ocop.star')}`}
      title={`${star} ${t('ocop.star')}`}
    >
      {'★'.repeat(star)}
      <span className="stars-off">{'☆'.repeat(5 - star)}</span>
    </span>
  );
}

export function useStageLabel() {
  const { t } = useI18n();
  return (s: string) => t(`ocop.stage_${s}` as MessageKey);
}

export function useActionLabel() {
  const { t } = useI18n();
  return (a: string) => t(`common.act_${a}` as MessageKey);
}

/** Score in hundredths → "74,33". */
export const scoreText = (x100: number | null | undefined) =>
  x100 === null || x100 === undefined ? '—' : (x100 / 100).toFixed(2).replace('.', ',');
