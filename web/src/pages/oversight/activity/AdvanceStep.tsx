import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ACTIVITY_STEP_TO, ACTIVITY_STEPS } from '../../../../../src/domain/lifecycles/activity';
import { call } from '../../../api/client';
import { ConfirmButton } from '../../../components/confirm';
import { useI18n, type MessageKey } from '../../../i18n';
import type { ActivityDetail } from '../common';

/**
 * The step forward the answer offers (`actions`: an activity has at most one open), and taking it.
 * Holding sends the scheduled day when no other was recorded.
 */
export function useAdvanceStep(a: ActivityDetail | undefined, onDone: (message: string) => void) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const step = a && ACTIVITY_STEPS.find((s) => a.actions.includes(s));
  const next = step ? ACTIVITY_STEP_TO[step] : undefined;
  const move = useMutation({
    mutationFn: () =>
      call('PATCH /api/oversight/activities/{id}', {
        params: { id: a!.id },
        body: { status: next, version: a!.version, ...(step === 'hold' && !a!.heldOn ? { heldOn: a!.scheduledOn } : {}) },
      }),
    onMutate: () => onDone(''),
    onSuccess: async () => {
      onDone(t('oversight.doneActivityAdvance', { title: a!.title, status: t(`oversight.ovSt_${next}` as MessageKey) }));
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  return { step, next, move };
}

/** The button for the open step; concluding waits until the conclusion is recorded. */
export function AdvanceButton({ a, advance }: { a: ActivityDetail; advance: ReturnType<typeof useAdvanceStep> }) {
  const { t } = useI18n();
  const { step, next, move } = advance;
  if (!step || (step === 'conclude' && !a.conclusionText)) return null;
  const status = t(`oversight.ovSt_${next}` as MessageKey);
  return (
    <ConfirmButton
      variant="secondary"
      onConfirm={() => move.mutate()}
      disabled={move.isPending}
      title={t('oversight.cfActivityAdvanceTitle', { status })}
      body={<p>{t('oversight.cfActivityAdvanceBody', { title: a.title, council: a.council.name, status })}</p>}
      testId="activity-advance"
    >
      {t('oversight.ovMoveTo', { status })}
    </ConfirmButton>
  );
}
