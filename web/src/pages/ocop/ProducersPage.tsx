import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { call } from '../../api/client';
import { useCan, useSession } from '../../auth/session';
import { Badge, Button, Card, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateVi, parseDateVi, sortVi, todayVn } from '../../../../src/shared/vi';
import { OcopNav } from './OcopNav';

const KINDS = ['enterprise', 'cooperative', 'coop_group', 'household'] as const;

export function ProducersPage() {
  const { t } = useI18n();
  const can = useCan();
  const producers = useQuery({
    queryKey: ['ocop', 'producers'],
    queryFn: () => call('GET /api/ocop/producers'),
  });
  const isProducer = can('ocop.own') && !can('ocop.intake');
  return (
    <>
      <h1>{t('ocop.ocopProducers')}</h1>
      <OcopNav />
      {producers.isLoading && <Loading />}
      <ErrorAlert error={producers.error} />
      <table className="table" data-testid="ocop-producers">
        <thead>
          <tr>
            <th>{t('common.name')}</th>
            <th>{t('ocop.producerKind')}</th>
            <th>{t('common.unit')}</th>
            <th>{t('ocop.taxCode')}</th>
            <th>{t('ocop.registeredOn')}</th>
            <th className="num">{t('ocop.ocopProducts')}</th>
          </tr>
        </thead>
        <tbody>
          {producers.data?.items.map((p) => (
            <tr key={p.id}>
              <td>
                {p.name} {p.womenLed && <Badge tone="info">{t('ocop.womenLed')}</Badge>}{' '}
                {p.ethnicMinorityLed && <Badge tone="info">{t('ocop.ethnicMinorityLed')}</Badge>}
              </td>
              <td>{t(`ocop.pk_${p.kind}` as MessageKey)}</td>
              <td>{p.unitName}</td>
              <td>{p.taxCode ?? '—'}</td>
              <td>{formatDateVi(p.registeredOn)}</td>
              <td className="num">{p.products}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(can('ocop.intake') || (isProducer && producers.data?.items.length === 0)) && (
        <Card title={t('ocop.newProducer')}>
          <ProducerForm />
        </Card>
      )}
    </>
  );
}

/** Registers a producer: an official picks the commune; a producer account registers itself where it was granted. */
export function ProducerForm() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const user = useSession().data?.user;
  const today = todayVn();
  const units = useQuery({
    queryKey: ['units', 'active', today],
    queryFn: () => call('GET /api/units', { query: { asOf: today } }),
    select: (d) =>
      sortVi(
        d.items.filter((u) => ['commune', 'ward', 'township', 'special_zone'].includes(u.type)),
        (u) => u.name,
      ),
  });
  const schema = z.object({
    unitId: z.coerce.number().int().positive(),
    name: z.string().trim().min(2).max(300),
    kind: z.enum(KINDS),
    taxCode: z
      .string()
      .trim()
      .refine((s) => !s || /^\d{10}(-\d{3})?$/.test(s), 'mã số thuế 10 chữ số'),
    registeredOn: z.string().refine((s) => !s || parseDateVi(s) !== null, 'dd/mm/yyyy'),
    address: z.string().max(500),
    phone: z
      .string()
      .trim()
      .refine((s) => !s || /^[0-9 +().-]{6,20}$/.test(s), 'số điện thoại'),
    womenLed: z.boolean(),
    ethnicMinorityLed: z.boolean(),
  });
  type Out = z.output<typeof schema>;
  const form = useForm<z.input<typeof schema>, unknown, Out>({
    resolver: zodResolver(schema),
    defaultValues: {
      unitId: user?.grants[0]?.unitId ?? 0,
      name: '',
      kind: 'cooperative',
      taxCode: '',
      registeredOn: '',
      address: '',
      phone: '',
      womenLed: false,
      ethnicMinorityLed: false,
    },
  });
  const create = useMutation({
    mutationFn: (v: Out) =>
      call('POST /api/ocop/producers', {
        body: {
          ...v,
          taxCode: v.taxCode || null,
          registeredOn: v.registeredOn ? parseDateVi(v.registeredOn) : null,
          address: v.address || null,
          phone: v.phone || null,
        },
      }),
    onSuccess: async () => {
      form.reset();
      await qc.invalidateQueries({ queryKey: ['ocop'] });
    },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate data-testid="ocop-producer-form">
      <ErrorAlert error={create.error} />
      {create.isSuccess && <p className="alert alert-success">{t('common.saved')}</p>}
      <Field label={t('common.unit')}>
        {(id) => (
          <select id={id} className="input" {...form.register('unitId')}>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('common.name')} error={e.name?.message}>
        {(id) => <TextInput id={id} {...form.register('name')} />}
      </Field>
      <Field label={t('ocop.producerKind')}>
        {(id) => (
          <select id={id} className="input" {...form.register('kind')}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ocop.pk_${k}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('ocop.taxCode')} error={e.taxCode?.message}>
        {(id) => <TextInput id={id} inputMode="numeric" {...form.register('taxCode')} />}
      </Field>
      <Field label={t('ocop.registeredOn')} error={e.registeredOn?.message}>
        {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('registeredOn')} />}
      </Field>
      <Field label={t('ocop.address')}>{(id) => <TextInput id={id} {...form.register('address')} />}</Field>
      <Field label={t('ocop.phone')} error={e.phone?.message}>
        {(id) => <TextInput id={id} {...form.register('phone')} />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" {...form.register('womenLed')} /> {t('ocop.womenLed')}
      </label>
      <label className="checkbox">
        <input type="checkbox" {...form.register('ethnicMinorityLed')} /> {t('ocop.ethnicMinorityLed')}
      </label>
      <Button type="submit" disabled={create.isPending}>
        {t('ocop.newProducer')}
      </Button>
    </form>
  );
}
