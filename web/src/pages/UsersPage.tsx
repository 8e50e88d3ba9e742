import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { call, type Role, type User } from '../api/client';
import { useCan } from '../auth/session';
import { ROLE_LABELS, roleLabel } from '../components/labels';
import { Badge, Button, Card, ErrorAlert, Field, Loading, TextInput } from '../components/ui';
import { useI18n } from '../i18n';
import { formatDateTimeVi, sortVi, todayVn } from '../../../src/shared/vi';
import { ROLES } from '../../../src/shared/roles';
import { ConfirmButton, SuccessNotice } from '../components/confirm';

const ROLE_LIST = Object.keys(ROLE_LABELS) as Role[];

function useActiveUnits() {
  const today = todayVn();
  return useQuery({
    queryKey: ['units', 'active', today],
    queryFn: () => call('GET /api/units', { query: { asOf: today } }),
    select: (d) => sortVi(d.items, (u) => u.name),
  });
}

export function UsersPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const selected = Number(params.get('id') ?? 0);
  const users = useQuery({
    queryKey: ['users', q],
    queryFn: () => call('GET /api/users', { query: { q } }),
  });
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const current = users.data?.items.find((u) => u.id === selected);
  return (
    <>
      <h1>{t('users.usersTitle')}</h1>
      <div className="toolbar">
        <label className="grow">
          {t('common.search')}{' '}
          <TextInput
            type="search"
            value={q}
            placeholder={t('common.searchPlaceholder')}
            onChange={(e) => setParam('q', e.target.value)}
          />
        </label>
      </div>
      <div className="grid-2">
        <Card>
          {users.isLoading && <Loading />}
          <ErrorAlert error={users.error} />
          <table className="table">
            <thead>
              <tr>
                <th>{t('users.fullName')}</th>
                <th>{t('common.homeUnit')}</th>
                <th>{t('common.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data?.items.map((u) => (
                <tr key={u.id} className={u.id === selected ? 'selected' : ''}>
                  <td>
                    <button type="button" className="btn btn-link" onClick={() => setParam('id', String(u.id))}>
                      {u.fullName}
                    </button>
                    <small className="muted block">{u.username}</small>
                    {!u.active && <Badge tone="danger">{t('users.inactive')}</Badge>}{' '}
                    {u.locked && <Badge tone="warning">{t('users.locked')}</Badge>}
                  </td>
                  <td>{u.homeUnitName}</td>
                  <td>{u.grants.map((g) => roleLabel(g.role, lang)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <div>
          {current && <UserDetail user={current} />}
          {can('user.manage') && <CreateUser />}
        </div>
      </div>
    </>
  );
}

function UserDetail({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const units = useActiveUnits();
  const [role, setRole] = useState<Role>('viewer');
  const [unitId, setUnitId] = useState('');
  const [password, setPassword] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const action = useMutation({
    mutationFn: (req: { run: () => Promise<unknown>; done?: string }) => req.run(),
    onSuccess: refresh,
  });
  const person = `${user.fullName} (${user.username})`;
  const manage = can('user.manage');
  return (
    <Card title={user.fullName}>
      <ErrorAlert error={action.error} />
      {action.isSuccess && <SuccessNotice>{action.variables.done ?? t('common.saved')}</SuccessNotice>}
      <dl className="facts">
        <dt>{t('common.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('common.title')}</dt>
        <dd>{user.title ?? '—'}</dd>
        <dt>{t('common.homeUnit')}</dt>
        <dd>{user.homeUnitName}</dd>
        <dt>{t('users.lastLogin')}</dt>
        <dd>{formatDateTimeVi(user.lastLoginAt) || '—'}</dd>
      </dl>
      <h3>{t('common.roles')}</h3>
      <ul className="plain-list">
        {user.grants.map((g) => (
          <li key={g.id}>
            {roleLabel(g.role, lang)} — {g.unitName}{' '}
            {manage && (
              <ConfirmButton
                variant="danger"
                disabled={action.isPending}
                onConfirm={() =>
                  action.mutate({
                    run: () => call('DELETE /api/users/{id}/grants/{grantId}', { params: { id: user.id, grantId: g.id } }),
                    done: t('users.doneRevoke', { person, role: roleLabel(g.role, lang), unit: g.unitName }),
                  })
                }
                title={t('users.cfRevokeTitle')}
                body={<p>{t('users.cfRevokeBody', { person, role: roleLabel(g.role, lang), unit: g.unitName })}</p>}
              >
                {t('users.revoke')}
              </ConfirmButton>
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <>
          <div className="toolbar">
            <select className="input" aria-label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLE_LIST.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r, lang)}
                </option>
              ))}
            </select>
            <select className="input" aria-label={t('users.onUnit')} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('users.onUnit')}…</option>
              {units.data?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            <Button
              disabled={!unitId}
              onClick={() =>
                action.mutate({
                  run: () =>
                    call('POST /api/users/{id}/grants', { params: { id: user.id }, body: { role, unitId: Number(unitId) } }),
                })
              }
            >
              {t('users.grantRole')}
            </Button>
          </div>
          <div className="toolbar">
            {user.locked && (
              <ConfirmButton
                disabled={action.isPending}
                onConfirm={() =>
                  action.mutate({
                    run: () => call('POST /api/users/{id}/unlock', { params: { id: user.id } }),
                    done: t('users.doneUnlock', { person }),
                  })
                }
                title={t('users.cfUnlockTitle')}
                body={<p>{t('users.cfUnlockBody', { person })}</p>}
              >
                {t('users.unlock')}
              </ConfirmButton>
            )}
            <ConfirmButton
              variant={user.active ? 'danger' : 'secondary'}
              disabled={action.isPending}
              onConfirm={() =>
                action.mutate({
                  run: () =>
                    call('PATCH /api/users/{id}', {
                      params: { id: user.id },
                      body: { version: user.version, active: !user.active },
                    }),
                  done: t(user.active ? 'users.doneDeactivate' : 'users.doneActivate', { person }),
                })
              }
              title={t(user.active ? 'users.cfDeactivateTitle' : 'users.cfActivateTitle')}
              body={<p>{t(user.active ? 'users.cfDeactivateBody' : 'users.cfActivateBody', { person })}</p>}
            >
              {user.active ? t('users.deactivate') : t('users.activate')}
            </ConfirmButton>
          </div>
          <div className="toolbar">
            <TextInput
              type="password"
              aria-label={t('common.newPassword')}
              placeholder={t('common.newPassword')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
            />
            <Button
              variant="secondary"
              disabled={!password}
              onClick={() =>
                action.mutate({
                  run: () => call('POST /api/users/{id}/password', { params: { id: user.id }, body: { password } }),
                })
              }
            >
              {t('users.resetPassword')}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}

const createSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,50}$/),
  fullName: z.string().trim().min(2),
  title: z.string(),
  email: z.union([z.literal(''), z.email()]),
  homeUnitId: z.string().min(1),
  role: z.enum(ROLES),
  password: z.string().min(10),
});
type CreateForm = z.infer<typeof createSchema>;

function CreateUser() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const units = useActiveUnits();
  const form = useForm<CreateForm>({
    resolver: zodResolver(createSchema),
    defaultValues: { username: '', fullName: '', title: '', email: '', homeUnitId: '', role: 'commune_officer', password: '' },
  });
  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      call('POST /api/users', {
        body: {
          username: v.username,
          fullName: v.fullName,
          title: v.title || null,
          email: v.email || null,
          homeUnitId: Number(v.homeUnitId),
          password: v.password,
          grants: [{ role: v.role, unitId: Number(v.homeUnitId) }],
        },
      }),
    onSuccess: async () => {
      form.reset();
      await qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const err = (k: keyof CreateForm) => (form.formState.errors[k] ? (lang === 'vi' ? 'Chưa hợp lệ' : 'Invalid') : undefined);
  return (
    <Card title={t('users.newUser')}>
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} noValidate>
        <ErrorAlert error={create.error} />
        {create.isSuccess && <p className="alert alert-success">{t('common.saved')}</p>}
        <Field label={t('common.username')} error={err('username')}>
          {(id) => <TextInput id={id} autoComplete="off" {...form.register('username')} />}
        </Field>
        <Field label={t('users.fullName')} error={err('fullName')}>
          {(id) => <TextInput id={id} {...form.register('fullName')} />}
        </Field>
        <Field label={t('common.title')}>{(id) => <TextInput id={id} {...form.register('title')} />}</Field>
        <Field label={t('users.email')} error={err('email')}>
          {(id) => <TextInput id={id} type="email" {...form.register('email')} />}
        </Field>
        <Field label={t('common.homeUnit')} error={err('homeUnitId')}>
          {(id) => (
            <select id={id} className="input" {...form.register('homeUnitId')}>
              <option value="">…</option>
              {units.data?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('users.role')}>
          {(id) => (
            <select id={id} className="input" {...form.register('role')}>
              {ROLE_LIST.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.password')} hint={t('common.passwordHint')} error={err('password')}>
          {(id) => <TextInput id={id} type="password" autoComplete="new-password" {...form.register('password')} />}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {t('users.createUser')}
        </Button>
      </form>
    </Card>
  );
}
