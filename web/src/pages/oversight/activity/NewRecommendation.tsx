import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { call } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { Button, ErrorAlert, Field, TextInput } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { parseDateVi, sortVi } from '../../../../../src/shared/vi';
import { unitsUnder, type ActivityDetail } from '../common';

/** Records a recommendation: the text, the addressee (the council's unit first) and the deadline. */
export function NewRecommendation({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const day = a.heldOn ?? a.scheduledOn;
  const units = useQuery({
    queryKey: ['units', 'asOf', day],
    queryFn: () => call('GET /api/units', { query: { asOf: day } }),
    select: (d) => {
      // The council's own unit first (the usual addressee), then the units below it.
      const all = unitsUnder(d.items, a.council.unitId);
      const own = all.filter((u) => u.id === a.council.unitId);
      const below = all.filter((u) => u.id !== a.council.unitId && u.type !== 'village');
      return [...own, ...sortVi(below, (u) => u.name)];
    },
  });
  const schema = z.object({
    text: z.string().trim().min(5).max(4000),
    addresseeUnitId: z.coerce.number().int().positive(),
    addresseeLabel: z.string().trim().min(2).max(300),
    deadline: z.string().refine((s) => parseDateVi(s) !== null, 'dd/mm/yyyy'),
  });
  type In = z.input<typeof schema>;
  type Out = z.output<typeof schema>;
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(schema),
    defaultValues: { text: '', addresseeUnitId: a.council.unitId, addresseeLabel: `UBND ${a.council.unitName}`, deadline: '' },
  });
  const create = useMutation({
    mutationFn: (v: Out) =>
      call('POST /api/oversight/activities/{id}/recommendations', {
        params: { id: a.id },
        body: { ...v, deadline: parseDateVi(v.deadline) ?? '' },
      }),
    onSuccess: async () => {
      form.reset({ text: '', addresseeUnitId: a.council.unitId, addresseeLabel: `UBND ${a.council.unitName}`, deadline: '' });
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  if (!can('oversight.manage') || a.status === 'planned') return null;
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate data-testid="new-recommendation" className="subform">
      <h3>{t('oversight.ovNewRecommendation')}</h3>
      <ErrorAlert error={create.error} />
      <Field label={t('oversight.ovRecText')} error={e.text?.message}>
        {(id) => <textarea id={id} className="input" rows={3} {...form.register('text')} />}
      </Field>
      <Field label={t('oversight.ovAddresseeUnit')}>
        {(id) => (
          <select id={id} className="input" {...form.register('addresseeUnitId')}>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('oversight.ovAddressee')} error={e.addresseeLabel?.message}>
        {(id) => <TextInput id={id} {...form.register('addresseeLabel')} />}
      </Field>
      <Field label={t('common.deadline')} error={e.deadline?.message}>
        {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('deadline')} />}
      </Field>
      <Button type="submit" disabled={create.isPending} data-testid="save-recommendation">
        {t('oversight.ovNewRecommendation')}
      </Button>
    </form>
  );
}
