import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { call } from '../../api/client';
import { useCan } from '../../auth/session';
import { Button, Card, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { useI18n } from '../../i18n';
import { searchKey, todayVn } from '../../../../src/shared/vi';
import { OcopNav } from './OcopNav';
import { ProducerForm } from './ProducersPage';
import { NoSheetWarning, STAGES, Stars, useCatalogue, useStageLabel, type ProducerRow } from './common';

export function ProductsPage() {
  const { t } = useI18n();
  const can = useCan();
  const stageLabel = useStageLabel();
  const [params, setParams] = useSearchParams();
  const view = params.get('xem') === 'bang' ? 'board' : 'list';
  const year = params.get('nam') ?? '';
  const [q, setQ] = useState('');
  const products = useQuery({
    queryKey: ['ocop', 'products', year],
    queryFn: () => call('GET /api/ocop/products', { query: { year: year ? Number(year) : null } }),
  });
  const producers = useQuery({
    queryKey: ['ocop', 'producers'],
    queryFn: () => call('GET /api/ocop/producers'),
  });
  const isProducer = can('ocop.own') && !can('ocop.intake');
  const needsOwnProducer = isProducer && producers.data?.items.length === 0;
  const items = (products.data?.items ?? []).filter((p) => !q || searchKey(`${p.name} ${p.producerName}`).includes(searchKey(q)));
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <>
      <h1>{t('ocop.ocopProducts')}</h1>
      <OcopNav />
      {needsOwnProducer && (
        <Card title={t('ocop.registerOwnProducer')}>
          <ProducerForm />
        </Card>
      )}
      <div className="toolbar">
        <input
          className="input"
          placeholder={t('common.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label={t('common.search')}
          data-testid="ocop-search"
        />
        <label>
          {t('ocop.cycleYear')}
          <input
            className="input num-input"
            type="number"
            value={year}
            min={2018}
            max={2100}
            onChange={(e) => set('nam', e.target.value)}
          />
        </label>
        <Button variant={view === 'list' ? 'primary' : 'secondary'} onClick={() => set('xem', '')}>
          {t('ocop.list')}
        </Button>
        <Button
          variant={view === 'board' ? 'primary' : 'secondary'}
          onClick={() => set('xem', 'bang')}
          data-testid="ocop-board-toggle"
        >
          {t('ocop.pipeline')}
        </Button>
      </div>
      {products.isLoading && <Loading />}
      <ErrorAlert error={products.error} />
      {view === 'list' ? (
        <table className="table" data-testid="ocop-products">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('ocop.producer')}</th>
              <th>{t('common.unit')}</th>
              <th>{t('ocop.productGroup')}</th>
              <th>{t('ocop.cycleStep')}</th>
              <th>{t('ocop.stars')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/ocop/san-pham/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.producerName}</td>
                <td>{p.unitName}</td>
                <td>{p.groupName}</td>
                <td>{stageLabel(p.stage)}</td>
                <td>
                  <Stars star={p.star} />
                  {p.certificateStatus === 'expired' && <small className="muted"> ({t('ocop.certExpired')})</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="pipeline" data-testid="ocop-pipeline">
          {STAGES.map((s) => (
            <section key={s} className="pipeline-col">
              <h3>
                {stageLabel(s)} ({items.filter((p) => p.stage === s).length})
              </h3>
              {items
                .filter((p) => p.stage === s)
                .map((p) => (
                  <Link key={p.id} to={`/ocop/san-pham/${p.id}`} className="pipeline-card">
                    <strong>{p.name}</strong>
                    <br />
                    <small>{p.producerName}</small>
                    {p.star && (
                      <>
                        <br />
                        <Stars star={p.star} />
                      </>
                    )}
                  </Link>
                ))}
            </section>
          ))}
        </div>
      )}
      {(can('ocop.intake') || (isProducer && !needsOwnProducer)) && producers.data && producers.data.items.length > 0 && (
        <NewProduct producers={producers.data.items} />
      )}
    </>
  );
}

function NewProduct({ producers }: { producers: ProducerRow[] }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const catalogue = useCatalogue();
  const schema = z.object({
    producerId: z.coerce.number().int().positive(),
    name: z.string().trim().min(2).max(300),
    setNo: z.coerce.number().int().min(1).max(26),
    cycleYear: z.coerce.number().int().min(2018).max(2100),
    description: z.string().max(4000),
    brandTags: z.string().max(2000),
  });
  type Form = z.input<typeof schema>;
  const form = useForm<Form, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      producerId: producers[0]!.id,
      name: '',
      setNo: 1,
      cycleYear: Number(todayVn().slice(0, 4)),
      description: '',
      brandTags: '',
    },
  });
  const create = useMutation({
    mutationFn: (v: z.output<typeof schema>) =>
      call('POST /api/ocop/products', {
        body: {
          ...v,
          description: v.description || null,
          brandTags: v.brandTags
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      }),
    onSuccess: async (row) => {
      await qc.invalidateQueries({ queryKey: ['ocop'] });
      await navigate(`/ocop/san-pham/${row.id}`);
    },
  });
  const e = form.formState.errors;
  const chosenSet = useWatch({ control: form.control, name: 'setNo' });
  return (
    <Card title={t('ocop.newProduct')}>
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate data-testid="ocop-new-product">
        <ErrorAlert error={create.error} />
        <Field label={t('ocop.producer')}>
          {(id) => (
            <select id={id} className="input" {...form.register('producerId')}>
              {producers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.name')} error={e.name?.message}>
          {(id) => <TextInput id={id} {...form.register('name')} />}
        </Field>
        <Field label={t('ocop.productSet')}>
          {(id) => (
            <select id={id} className="input" {...form.register('setNo')}>
              {catalogue.data?.groups.map((g) => (
                <optgroup key={g} label={g}>
                  {catalogue.data.sets
                    .filter((s) => s.group === g)
                    .map((s) => (
                      <option key={s.no} value={s.no}>
                        {s.no}. {s.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <NoSheetWarning catalogue={catalogue.data} setNo={Number(chosenSet)} />
        <Field label={t('ocop.cycleYear')} error={e.cycleYear?.message}>
          {(id) => <TextInput id={id} inputMode="numeric" {...form.register('cycleYear')} />}
        </Field>
        <Field label={t('ocop.description')}>
          {(id) => <textarea id={id} className="input" rows={3} {...form.register('description')} />}
        </Field>
        <Field label={t('ocop.brandTags')}>
          {(id) => <textarea id={id} className="input" rows={2} {...form.register('brandTags')} />}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {t('ocop.newProduct')}
        </Button>
      </form>
    </Card>
  );
}
