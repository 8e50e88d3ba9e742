import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { call, type Body, type Unit, type UnitType } from '../api/client';
import { UNIT_TYPE_LABELS } from '../components/labels';
import { Button, Card, ErrorAlert, Field, TextInput } from '../components/ui';
import { useI18n } from '../i18n';
import { parseDateVi, todayVn, formatDateVi } from '../../../src/shared/vi';
import { UNIT_TYPES } from '../../../src/shared/roles';

const dateVi = z.string().refine((s) => parseDateVi(s) !== null, 'dd/mm/yyyy');
/** Every kind of unit but the country, which is the root and never created. */
const CHILD_TYPES = UNIT_TYPES.filter((u): u is Exclude<UnitType, 'country'> => u !== 'country');

export function EditUnit({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const schema = z.object({
    name: z.string().trim().min(2),
    code: z.string().trim().min(1),
    verified: z.boolean(),
    sourceNote: z.string(),
  });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    values: { name: unit.name, code: unit.code, verified: unit.verified, sourceNote: unit.sourceNote ?? '' },
  });
  const save = useMutation({
    mutationFn: (v: Form) =>
      call('PATCH /api/units/{id}', {
        params: { id: unit.id },
        body: { ...v, sourceNote: v.sourceNote || null, version: unit.version },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['unit'] }),
  });
  return (
    <Card title={t('units.editUnit')}>
      <p className="muted">{t('units.editUnitHint')}</p>
      <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
        <ErrorAlert error={save.error} />
        {save.isSuccess && <p className="alert alert-success">{t('common.saved')}</p>}
        <Field label={t('common.name')}>{(id) => <TextInput id={id} {...form.register('name')} />}</Field>
        <Field label={t('units.code')}>{(id) => <TextInput id={id} {...form.register('code')} />}</Field>
        <Field label={t('units.sourceNote')}>{(id) => <TextInput id={id} {...form.register('sourceNote')} />}</Field>
        <label className="checkbox">
          <input type="checkbox" {...form.register('verified')} /> {t('common.verified')}
        </label>
        <Button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </Button>
      </form>
    </Card>
  );
}

export function AddChildUnit({ parent }: { parent: Unit }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const schema = z.object({
    name: z.string().trim().min(2),
    code: z.string().trim().min(1),
    type: z.enum(CHILD_TYPES),
    effectiveFrom: dateVi,
  });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', code: '', type: 'village', effectiveFrom: formatDateVi(todayVn()) },
  });
  const create = useMutation({
    mutationFn: (v: Form) =>
      call('POST /api/units', { body: { ...v, parentId: parent.id, effectiveFrom: parseDateVi(v.effectiveFrom) ?? '' } }),
    onSuccess: async () => {
      form.reset();
      await qc.invalidateQueries({ queryKey: ['unit'] });
      await qc.invalidateQueries({ queryKey: ['units'] });
    },
  });
  return (
    <Card title={t('units.addUnit')}>
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate>
        <ErrorAlert error={create.error} />
        <Field label={t('common.name')}>{(id) => <TextInput id={id} {...form.register('name')} />}</Field>
        <Field label={t('units.code')}>{(id) => <TextInput id={id} {...form.register('code')} />}</Field>
        <Field label={t('units.type')}>
          {(id) => (
            <select id={id} className="input" {...form.register('type')}>
              {CHILD_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {UNIT_TYPE_LABELS[ty][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.effectiveFrom')} error={form.formState.errors.effectiveFrom ? 'dd/mm/yyyy' : undefined}>
          {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('effectiveFrom')} />}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {t('common.save')}
        </Button>
      </form>
    </Card>
  );
}

/** Rename, reclassify (commune → ward) or merge with other units into a new one. */
export function RecordSuccession({ unit, parentId }: { unit: Unit; parentId: number }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const schema = z.object({
    kind: z.enum(['rename', 'reclassify', 'merge']),
    date: dateVi,
    otherIds: z.string(),
    name: z.string().trim().min(2),
    code: z.string().trim().min(1),
    type: z.enum(CHILD_TYPES),
    legalBasis: z.string().trim().min(3),
  });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: {
      kind: 'rename',
      date: '',
      otherIds: '',
      name: unit.name,
      code: unit.code,
      type: unit.type === 'country' ? 'province' : unit.type,
      legalBasis: '',
    },
  });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const submit = useMutation({
    mutationFn: (v: Form) => {
      const date = parseDateVi(v.date)!;
      const newUnit = { key: 'new', code: v.code, name: v.name, type: v.type, parentId };
      const others = v.otherIds
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number);
      const command: Body<'POST /api/units/successions'>['command'] =
        v.kind === 'merge'
          ? { kind: 'merge', date, from: [unit.id, ...others], newUnit }
          : { kind: v.kind, date, from: [unit.id], newUnit };
      return call('POST /api/units/successions', { body: { command, legalBasis: v.legalBasis } });
    },
    onSuccess: async (res) => {
      await qc.invalidateQueries();
      if (res.newUnitIds[0]) await navigate(`/don-vi/${res.newUnitIds[0]}`);
    },
  });
  return (
    <Card title={t('units.recordSuccession')}>
      <form onSubmit={form.handleSubmit((v) => submit.mutate(v))} noValidate>
        <ErrorAlert error={submit.error} />
        <Field label={t('common.kind')}>
          {(id) => (
            <select id={id} className="input" {...form.register('kind')}>
              <option value="rename">{lang === 'vi' ? 'Đổi tên' : 'Rename'}</option>
              <option value="reclassify">{lang === 'vi' ? 'Chuyển loại (xã → phường)' : 'Reclassify'}</option>
              <option value="merge">{lang === 'vi' ? 'Sáp nhập thành đơn vị mới' : 'Merge into a new unit'}</option>
            </select>
          )}
        </Field>
        <Field label={t('common.date')} error={form.formState.errors.date ? 'dd/mm/yyyy' : undefined}>
          {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('date')} />}
        </Field>
        {kind === 'merge' && (
          <Field label={`${t('units.mergeWith')} (ID)`} hint="12, 15">
            {(id) => <TextInput id={id} {...form.register('otherIds')} />}
          </Field>
        )}
        <Field label={t('units.newUnitName')}>{(id) => <TextInput id={id} {...form.register('name')} />}</Field>
        <Field label={t('units.newUnitCode')}>{(id) => <TextInput id={id} {...form.register('code')} />}</Field>
        <Field label={t('units.newUnitType')}>
          {(id) => (
            <select id={id} className="input" {...form.register('type')}>
              {CHILD_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {UNIT_TYPE_LABELS[ty][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.legalBasis')}>
          {(id) => <TextInput id={id} placeholder="Nghị quyết …/NQ-UBTVQH15" {...form.register('legalBasis')} />}
        </Field>
        <Button type="submit" disabled={submit.isPending}>
          {t('common.save')}
        </Button>
      </form>
    </Card>
  );
}
