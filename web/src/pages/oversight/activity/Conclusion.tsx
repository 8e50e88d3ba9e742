import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { call } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { Button, Card, ErrorAlert, Field, TextInput } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { formatDateVi, parseDateVi } from '../../../../../src/shared/vi';
import { type ActivityDetail } from '../common';

/** The chair's conclusion: shown, recorded and corrected by the council. */
export function Conclusion({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const schema = z.object({
    conclusionNo: z.string().trim().max(100),
    conclusionDate: z.string().refine((s) => parseDateVi(s) !== null, 'dd/mm/yyyy'),
    conclusionText: z.string().trim().min(10).max(20000),
  });
  type In = z.input<typeof schema>;
  const form = useForm<In>({
    resolver: zodResolver(schema),
    defaultValues: {
      conclusionNo: a.conclusionNo ?? '',
      conclusionDate: formatDateVi(a.conclusionDate ?? a.heldOn ?? a.scheduledOn),
      conclusionText: a.conclusionText ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: In) =>
      call('PATCH /api/oversight/activities/{id}', {
        params: { id: a.id },
        body: {
          version: a.version,
          conclusionNo: v.conclusionNo || null,
          conclusionDate: parseDateVi(v.conclusionDate),
          conclusionText: v.conclusionText,
        },
      }),
    onSuccess: async () => {
      setEditing(false);
      await qc.invalidateQueries({ queryKey: ['oversight'] });
    },
  });
  const e = form.formState.errors;
  return (
    <Card
      title={t('oversight.ovConclusion')}
      actions={
        can('oversight.manage') &&
        a.status !== 'planned' &&
        !editing && (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('oversight.ovRecordConclusion')}
          </Button>
        )
      }
    >
      {a.conclusionText && !editing && (
        <>
          <p className="muted">
            {a.conclusionNo && `${t('oversight.ovConclusionNo')}: ${a.conclusionNo} · `}
            {formatDateVi(a.conclusionDate)}
          </p>
          <p data-testid="conclusion-text">{a.conclusionText}</p>
        </>
      )}
      {editing && (
        <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
          <ErrorAlert error={save.error} />
          <Field label={t('oversight.ovConclusionNo')}>{(id) => <TextInput id={id} {...form.register('conclusionNo')} />}</Field>
          <Field label={t('oversight.ovConclusionDate')} error={e.conclusionDate?.message}>
            {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('conclusionDate')} />}
          </Field>
          <Field label={t('oversight.ovConclusion')} error={e.conclusionText?.message}>
            {(id) => <textarea id={id} className="input" rows={6} {...form.register('conclusionText')} />}
          </Field>
          <Button type="submit" disabled={save.isPending}>
            {t('common.save')}
          </Button>
        </form>
      )}
    </Card>
  );
}
