import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { call } from '../../api/client';
import { useCan, useSession } from '../../auth/session';
import { Badge, Button, Card, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { sortVi, todayVn } from '../../../../src/shared/vi';
import { OcopNav } from './OcopNav';

export function RoundsPage() {
  const { t } = useI18n();
  const can = useCan();
  const rounds = useQuery({ queryKey: ['ocop', 'rounds'], queryFn: () => call('GET /api/ocop/rounds') });
  return (
    <>
      <h1>{t('ocop.ocopRounds')}</h1>
      <OcopNav />
      {rounds.isLoading && <Loading />}
      <ErrorAlert error={rounds.error} />
      <table className="table" data-testid="ocop-rounds">
        <thead>
          <tr>
            <th>{t('ocop.roundName')}</th>
            <th>{t('ocop.level')}</th>
            <th>{t('common.year')}</th>
            <th>{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rounds.data?.items.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/ocop/hoi-dong/${r.id}`}>{r.name}</Link> {r.member && <Badge tone="info">{t('ocop.member')}</Badge>}
              </td>
              <td>{t(`ocop.lv_${r.level}` as MessageKey)}</td>
              <td>{r.year}</td>
              <td>{r.status === 'open' ? t('ocop.roundOpen') : t('ocop.roundClosed')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('ocop.manage') && <NewRound />}
    </>
  );
}

const SCORERS = new Set(['agency', 'coordination_office', 'system_admin']);

function NewRound() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const user = useSession().data?.user;
  const users = useQuery({
    queryKey: ['users', 'scorers'],
    queryFn: () => call('GET /api/users'),
    select: (d) =>
      sortVi(
        d.items.filter((u) => u.active && u.grants.some((g) => SCORERS.has(g.role))),
        (u) => u.fullName,
      ),
  });
  const [name, setName] = useState('');
  const [level, setLevel] = useState<'province' | 'central' | 'district'>('province');
  const [quorum, setQuorum] = useState('2');
  const [spread, setSpread] = useState('10');
  const [picked, setPicked] = useState<number[]>([]);
  const [chair, setChair] = useState<number | null>(null);
  const create = useMutation({
    mutationFn: () =>
      call('POST /api/ocop/rounds', {
        body: {
          unitId:
            user!.grants.find((g) => g.role === 'coordination_office' || g.role === 'system_admin')?.unitId ??
            user!.grants[0]!.unitId,
          level,
          name,
          year: Number(todayVn().slice(0, 4)),
          quorum: Number(quorum),
          spreadLimit: Number(spread),
          members: picked.map((userId) => ({ userId, role: userId === chair ? 'chair' : 'member' })),
        },
      }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['ocop'] });
      await navigate(`/ocop/hoi-dong/${r.id}`);
    },
  });
  return (
    <Card title={t('ocop.newRound')}>
      <ErrorAlert error={create.error} />
      <Field label={t('ocop.roundName')}>
        {(id) => <TextInput id={id} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('ocop.level')}>
        {(id) => (
          <select id={id} className="input" value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
            <option value="province">{t('ocop.lv_province')}</option>
            <option value="central">{t('ocop.lv_central')}</option>
          </select>
        )}
      </Field>
      <Field label={t('ocop.quorum')}>
        {(id) => <TextInput id={id} inputMode="numeric" value={quorum} onChange={(e) => setQuorum(e.target.value)} />}
      </Field>
      <Field label={t('ocop.spreadLimit')}>
        {(id) => <TextInput id={id} inputMode="numeric" value={spread} onChange={(e) => setSpread(e.target.value)} />}
      </Field>
      <fieldset>
        <legend>{t('ocop.members')}</legend>
        {users.data?.map((u) => (
          <div key={u.id}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={picked.includes(u.id)}
                onChange={(e) => setPicked(e.target.checked ? [...picked, u.id] : picked.filter((x) => x !== u.id))}
              />{' '}
              {u.fullName} <small className="muted">{u.title ?? u.username}</small>
            </label>{' '}
            {picked.includes(u.id) && (
              <label>
                <input type="radio" name="chair" checked={chair === u.id} onChange={() => setChair(u.id)} /> {t('ocop.chair')}
              </label>
            )}
          </div>
        ))}
      </fieldset>
      <Button onClick={() => create.mutate()} disabled={create.isPending || !name || !picked.length}>
        {t('ocop.newRound')}
      </Button>
    </Card>
  );
}
