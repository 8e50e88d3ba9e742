import { zodResolver } from '@hookform/resolvers/zod';
import { unitOptionLabel } from '../../components/labels';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { call, type Answer, type Body } from '../../api/client';
import { useCan } from '../../auth/session';
import { bp } from '../../components/money';
import { Button, Card, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateVi, parseDateVi, sortVi, todayVn } from '../../../../src/shared/vi';
import { OversightNav, StatusBadge, unitsUnder, type CouncilRow } from './common';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';

const SOURCES = ['voter_meeting', 'portal', 'delegate', 'other'] as const;
const CATEGORIES = ['economy_budget', 'legal', 'culture_social', 'ethnic', 'urban', 'other'] as const;

type Petition = Answer<'GET /api/oversight/petitions'>['items'][number];

/** Voters' petitions: what was received, who answers, what was answered; the resolution rate. */
export function PetitionsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['oversight', 'petitions', q],
    queryFn: () => call('GET /api/oversight/petitions', { query: { q } }),
  });
  const councils = useQuery({
    queryKey: ['oversight', 'councils'],
    queryFn: () => call('GET /api/oversight/councils'),
  });
  const s = list.data?.stats;
  return (
    <>
      <h1>{t('oversight.ovPetitions')}</h1>
      <OversightNav />
      {s && (
        <div className="cards" data-testid="petition-stats">
          <div className="stat">
            <span className="stat-label">{t('oversight.ovReceived')}</span>
            <strong>{s.total}</strong>
          </div>
          <div className="stat">
            <span className="stat-label">{t('oversight.ovAnswered')}</span>
            <strong>{s.answered}</strong>
          </div>
          <div className="stat">
            <span className="stat-label">{t('oversight.ovResolved')}</span>
            <strong>{s.resolved}</strong>
          </div>
          <div className="stat">
            <span className="stat-label">{t('oversight.ovRate')}</span>
            <strong>{bp(s.rateBp, lang)}</strong>
          </div>
        </div>
      )}
      <div className="toolbar">
        <input
          className="input"
          type="search"
          aria-label={t('common.search')}
          placeholder={t('common.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {list.isLoading && <Loading />}
      <ErrorAlert error={list.error} />
      <table className="table" data-testid="petitions">
        <thead>
          <tr>
            <th>{t('oversight.ovReceivedOn')}</th>
            <th>{t('oversight.ovArea')}</th>
            <th>{t('oversight.ovPetitionText')}</th>
            <th>{t('oversight.ovAddressee')}</th>
            <th>{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((p) => (
            <PetitionRow key={p.id} p={p} />
          ))}
        </tbody>
      </table>
      {can('oversight.manage') && councils.data && councils.data.items.length > 0 && (
        <NewPetition councils={councils.data.items} />
      )}
    </>
  );
}

function PetitionRow({ p }: { p: Petition }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [answer, setAnswer] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['oversight', 'petitions'] });
  const [done, setDone] = useState('');
  const manage = useMutation({
    mutationFn: ({ body }: { body: Omit<Body<'PATCH /api/oversight/petitions/{id}'>, 'version'>; done: string }) =>
      call('PATCH /api/oversight/petitions/{id}', { params: { id: p.id }, body: { ...body, version: p.version } }),
    onMutate: () => setDone(''),
    onSuccess: async (_r, v) => {
      setDone(v.done);
      await refresh();
    },
  });
  const reply = useMutation({
    mutationFn: () =>
      call('POST /api/oversight/petitions/{id}/answer', { params: { id: p.id }, body: { answer, version: p.version } }),
    onMutate: () => setDone(''),
    onSuccess: async () => {
      setDone(t('oversight.donePetitionAnswer'));
      await refresh();
    },
  });
  const assignee = `UBND ${p.unitName}`;
  const deadline = in30Days();
  const about = { unit: p.unitName, received: formatDateVi(p.receivedOn) };
  return (
    <tr>
      <td>
        {formatDateVi(p.receivedOn)}
        <br />
        <small className="muted">{t(`oversight.ovSrc_${p.source}` as MessageKey)}</small>
      </td>
      <td>{p.unitName}</td>
      <td>
        {p.text}
        {p.category && (
          <>
            <br />
            <small className="muted">{t(`oversight.ovCat_${p.category}` as MessageKey)}</small>
          </>
        )}
        {p.answer && (
          <p className="muted">
            {t('oversight.ovAnswer')} ({formatDateVi(p.answeredOn)}): {p.answer}
          </p>
        )}
        <SuccessNotice>{done}</SuccessNotice>
        <ErrorAlert error={manage.error ?? reply.error} />
        {p.actions.includes('answer') && (
          <div className="toolbar">
            <TextInput aria-label={t('oversight.ovAnswerText')} value={answer} onChange={(e) => setAnswer(e.target.value)} />
            <ConfirmButton
              variant="secondary"
              disabled={answer.trim().length < 3 || reply.isPending}
              onConfirm={() => reply.mutate()}
              title={t('oversight.cfPetitionAnswerTitle')}
              body={<p>{t('oversight.cfPetitionAnswerBody', about)}</p>}
            >
              {t('oversight.ovAnswer')}
            </ConfirmButton>
          </div>
        )}
        {p.actions.includes('assign') && p.status === 'received' && (
          <div className="toolbar">
            <ConfirmButton
              variant="secondary"
              disabled={manage.isPending}
              onConfirm={() =>
                manage.mutate({
                  body: { assigneeUnitId: p.unitId, assigneeLabel: assignee, deadline },
                  done: t('oversight.donePetitionAssign', { to: assignee, date: formatDateVi(deadline) }),
                })
              }
              title={t('oversight.cfPetitionAssignTitle')}
              body={<p>{t('oversight.cfPetitionAssignBody', { ...about, to: assignee, date: formatDateVi(deadline) })}</p>}
            >
              {t('oversight.ovAssign')}: {assignee}
            </ConfirmButton>
          </div>
        )}
        {(p.actions.includes('resolve') || p.actions.includes('roadmap')) && (
          <div className="toolbar">
            {p.actions.includes('resolve') && (
              <ConfirmButton
                variant="secondary"
                disabled={manage.isPending}
                onConfirm={() => manage.mutate({ body: { status: 'resolved' }, done: t('oversight.donePetitionResolved') })}
                title={t('oversight.cfPetitionResolvedTitle')}
                body={<p>{t('oversight.cfPetitionResolvedBody', about)}</p>}
              >
                {t('oversight.ovMarkResolved')}
              </ConfirmButton>
            )}
            {p.actions.includes('roadmap') && (
              <ConfirmButton
                variant="secondary"
                disabled={manage.isPending}
                onConfirm={() => manage.mutate({ body: { status: 'roadmap' }, done: t('oversight.donePetitionRoadmap') })}
                title={t('oversight.cfPetitionRoadmapTitle')}
                body={<p>{t('oversight.cfPetitionRoadmapBody', about)}</p>}
              >
                {t('oversight.ovMarkRoadmap')}
              </ConfirmButton>
            )}
          </div>
        )}
      </td>
      <td>
        {p.assigneeLabel ?? '—'}
        {p.deadline && (
          <>
            <br />
            <small className="muted">
              {t('common.deadline')} {formatDateVi(p.deadline)}
            </small>
          </>
        )}
      </td>
      <td>
        <StatusBadge prefix="ovPs_" status={p.status} />
      </td>
    </tr>
  );
}

function in30Days() {
  const d = new Date(`${todayVn()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
}

function NewPetition({ councils }: { councils: CouncilRow[] }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const first = councils.find((c) => !c.historic) ?? councils[0]!;
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => call('GET /api/units') });
  const schema = z.object({
    councilId: z.coerce.number().int().positive(),
    unitId: z.coerce.number().int().positive(),
    source: z.enum(SOURCES),
    category: z.enum(CATEGORIES),
    receivedOn: z.string().refine((s) => parseDateVi(s) !== null && parseDateVi(s)! <= todayVn(), 'dd/mm/yyyy'),
    text: z.string().trim().min(5).max(4000),
  });
  type In = z.input<typeof schema>;
  type Out = z.output<typeof schema>;
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(schema),
    defaultValues: {
      councilId: first.id,
      unitId: 0,
      source: 'voter_meeting',
      category: 'economy_budget',
      receivedOn: '',
      text: '',
    },
  });
  const councilId = Number(useWatch({ control: form.control, name: 'councilId' }));
  const council = councils.find((c) => c.id === councilId);
  const options = (() => {
    if (!units.data || !council) return [];
    return sortVi(
      unitsUnder(units.data.items, council.unitId).filter((u) =>
        ['commune', 'ward', 'township', 'special_zone'].includes(u.type),
      ),
      (u) => u.name,
    );
  })();
  const create = useMutation({
    mutationFn: (v: Out) =>
      call('POST /api/oversight/councils/{id}/petitions', {
        params: { id: v.councilId },
        body: {
          unitId: v.unitId,
          source: v.source,
          category: v.category,
          receivedOn: parseDateVi(v.receivedOn) ?? '',
          text: v.text,
        },
      }),
    onSuccess: async () => {
      form.reset({
        councilId: first.id,
        unitId: 0,
        source: 'voter_meeting',
        category: 'economy_budget',
        receivedOn: '',
        text: '',
      });
      await qc.invalidateQueries({ queryKey: ['oversight', 'petitions'] });
    },
  });
  const e = form.formState.errors;
  return (
    <Card title={t('oversight.ovNewPetition')}>
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate data-testid="new-petition">
        <ErrorAlert error={create.error} />
        <Field label={t('oversight.ovCouncil')}>
          {(id) => (
            <select id={id} className="input" {...form.register('councilId')}>
              {councils.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('oversight.ovArea')} error={e.unitId ? t('oversight.ovArea') : undefined}>
          {(id) => (
            <select id={id} className="input" {...form.register('unitId')}>
              <option value={0}>—</option>
              {options.map((u) => (
                <option key={u.id} value={u.id}>
                  {unitOptionLabel(u, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('oversight.ovSource')}>
          {(id) => (
            <select id={id} className="input" {...form.register('source')}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`oversight.ovSrc_${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('oversight.ovCategory')}>
          {(id) => (
            <select id={id} className="input" {...form.register('category')}>
              {CATEGORIES.map((s) => (
                <option key={s} value={s}>
                  {t(`oversight.ovCat_${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('oversight.ovReceivedOn')} error={e.receivedOn?.message}>
          {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" {...form.register('receivedOn')} />}
        </Field>
        <Field label={t('oversight.ovPetitionText')} error={e.text?.message}>
          {(id) => <textarea id={id} className="input" rows={3} {...form.register('text')} />}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {t('oversight.ovNewPetition')}
        </Button>
      </form>
    </Card>
  );
}
