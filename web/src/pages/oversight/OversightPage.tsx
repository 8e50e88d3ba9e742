import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { call } from '../../api/client';
import { useCan } from '../../auth/session';
import { Badge, Button, Card, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateVi, parseDateVi } from '../../../../src/shared/vi';
import { OversightNav, StatusBadge, type CouncilDetail } from './common';

const KINDS = ['explanatory_session', 'thematic_supervision', 'questioning', 'plenary_item'] as const;

/** Councils the user may read, and the chosen council's bodies, delegates and supervision activities. */
export function OversightPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const councils = useQuery({
    queryKey: ['oversight', 'councils'],
    queryFn: () => call('GET /api/oversight/councils'),
  });
  const chosen =
    Number(params.get('hdnd')) || councils.data?.items.find((c) => !c.historic)?.id || councils.data?.items[0]?.id || null;
  const detail = useQuery({
    queryKey: ['oversight', 'council', chosen],
    queryFn: () => call('GET /api/oversight/councils/{id}', { params: { id: chosen ?? 0 } }),
    enabled: chosen !== null,
  });
  const d = detail.data;
  return (
    <>
      <h1>{t('common.navOversight')}</h1>
      <OversightNav />
      {councils.isLoading && <Loading />}
      <ErrorAlert error={councils.error ?? detail.error} />
      <div className="toolbar">
        <label>
          {t('oversight.ovCouncil')}{' '}
          <select
            className="input"
            data-testid="council-picker"
            value={chosen ?? ''}
            onChange={(e) => setParams({ hdnd: e.target.value }, { replace: true })}
          >
            {councils.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.term}){c.historic ? ` — ${t('oversight.ovHistoricCouncil')}` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {d && (
        <>
          {d.endedOn && (
            <div className="alert alert-info" data-testid="council-ended">
              <p>
                {t('oversight.ovCouncilEnded', { date: formatDateVi(d.endedOn) })}{' '}
                {d.handover
                  ? t('oversight.ovCouncilHandedOver', {
                      to: d.handover.toCouncil?.name ?? '—',
                      date: formatDateVi(d.handover.handedOverOn),
                      handed: d.handover.handedOver,
                      closed: d.handover.closed,
                    })
                  : t('oversight.ovCouncilNotHandedOver')}
              </p>
              {d.handover && (
                <p className="muted">
                  {t('common.legalBasis')}: {d.handover.legalBasis}
                  {d.handover.note ? ` — ${d.handover.note}` : ''}
                </p>
              )}
            </div>
          )}
          <Card title={t('oversight.ovActivities')}>
            <table className="table" data-testid="oversight-activities">
              <thead>
                <tr>
                  <th>{t('common.date')}</th>
                  <th>{t('common.kind')}</th>
                  <th>{t('common.title')}</th>
                  <th>{t('common.legalBasis')}</th>
                  <th>{t('common.status')}</th>
                </tr>
              </thead>
              <tbody>
                {d.activities.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDateVi(a.heldOn ?? a.scheduledOn)}</td>
                    <td>{t(`oversight.ovKind_${a.kind}` as MessageKey)}</td>
                    <td>
                      <Link to={`/giam-sat/hoat-dong/${a.id}`}>{a.title}</Link>
                    </td>
                    <td>{a.legalBasis}</td>
                    <td>
                      <StatusBadge prefix="ovSt_" status={a.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <div className="grid-2">
            <Card title={t('oversight.ovBodies')}>
              <ul>
                {d.bodies.map((b) => (
                  <li key={b.id}>{b.name}</li>
                ))}
              </ul>
            </Card>
            <Card title={t('oversight.ovDelegates')}>
              <ul>
                {d.delegates.map((x) => (
                  <li key={x.id}>
                    {x.fullName}
                    {x.position ? ` — ${x.position}` : ''}{' '}
                    {x.bodyIds.map((b) => (
                      <Badge key={b}>{d.bodies.find((y) => y.id === b)?.name}</Badge>
                    ))}
                  </li>
                ))}
              </ul>
            </Card>
          </div>
          <NewActivity council={d} />
        </>
      )}
    </>
  );
}

function NewActivity({ council }: { council: CouncilDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const schema = z.object({
    kind: z.enum(KINDS),
    title: z.string().trim().min(5).max(300),
    topic: z.string().trim().min(5).max(4000),
    scheduledOn: z.string().refine((s) => parseDateVi(s) !== null, 'dd/mm/yyyy'),
    leadBodyId: z.string(),
    explaining: z.string().max(2000),
  });
  type In = z.input<typeof schema>;
  const form = useForm<In>({
    resolver: zodResolver(schema),
    defaultValues: { kind: 'explanatory_session', title: '', topic: '', scheduledOn: '', leadBodyId: '', explaining: '' },
  });
  const create = useMutation({
    mutationFn: (v: In) =>
      call('POST /api/oversight/councils/{id}/activities', {
        params: { id: council.id },
        body: {
          kind: v.kind,
          title: v.title,
          topic: v.topic,
          scheduledOn: parseDateVi(v.scheduledOn) ?? '',
          leadBodyId: v.leadBodyId ? Number(v.leadBodyId) : null,
          explainingBodies: v.explaining
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['oversight'] });
      await navigate(`/giam-sat/hoat-dong/${r.id}`);
    },
  });
  if (!can('oversight.manage')) return null;
  const e = form.formState.errors;
  return (
    <Card title={t('oversight.ovNewActivity')}>
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate data-testid="new-activity">
        <ErrorAlert error={create.error} />
        <Field label={t('common.kind')}>
          {(id) => (
            <select id={id} className="input" {...form.register('kind')}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`oversight.ovKind_${k}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.title')} error={e.title?.message}>
          {(id) => <TextInput id={id} {...form.register('title')} />}
        </Field>
        <Field label={t('oversight.ovTopic')} error={e.topic?.message}>
          {(id) => <textarea id={id} className="input" rows={3} {...form.register('topic')} />}
        </Field>
        <Field label={t('oversight.ovScheduledOn')} error={e.scheduledOn?.message}>
          {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('scheduledOn')} />}
        </Field>
        <Field label={t('oversight.ovLeadBody')}>
          {(id) => (
            <select id={id} className="input" {...form.register('leadBodyId')}>
              <option value="">—</option>
              {council.bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('oversight.ovExplaining')} hint={t('oversight.ovOnePerLine')}>
          {(id) => <textarea id={id} className="input" rows={3} {...form.register('explaining')} />}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {t('oversight.ovNewActivity')}
        </Button>
      </form>
    </Card>
  );
}
