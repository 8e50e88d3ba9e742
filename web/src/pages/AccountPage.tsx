import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { call, type Answer } from '../api/client';
import { useSession } from '../auth/session';
import { roleLabel } from '../components/labels';
import { Button, Card, ErrorAlert, Field, TextInput } from '../components/ui';
import { useI18n } from '../i18n';

const schema = z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(10) });
type Form = z.infer<typeof schema>;

export function AccountPage() {
  const { t, lang } = useI18n();
  const user = useSession().data?.user;
  const form = useForm<Form>({ resolver: zodResolver(schema), defaultValues: { currentPassword: '', newPassword: '' } });
  const change = useMutation({
    mutationFn: (v: Form) => call('POST /api/auth/password', { body: v }),
    onSuccess: () => form.reset(),
  });
  if (!user) return null;
  return (
    <>
      <h1>{user.fullName}</h1>
      <Card>
        <dl className="facts">
          <dt>{t('common.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('common.homeUnit')}</dt>
          <dd>{user.homeUnitName}</dd>
          <dt>{t('common.roles')}</dt>
          <dd>{user.grants.map((g) => `${roleLabel(g.role, lang)} — ${g.unitName}`).join('; ')}</dd>
        </dl>
      </Card>
      <Preferences />
      <Card title={t('account.changePassword')}>
        <form onSubmit={form.handleSubmit((v) => change.mutate(v))} className="form-narrow" noValidate>
          <ErrorAlert error={change.error} />
          {change.isSuccess && <p className="alert alert-success">{t('account.passwordChanged')}</p>}
          <Field label={t('account.currentPassword')}>
            {(id) => <TextInput id={id} type="password" autoComplete="current-password" {...form.register('currentPassword')} />}
          </Field>
          <Field
            label={t('common.newPassword')}
            hint={t('common.passwordHint')}
            error={form.formState.errors.newPassword ? t('common.passwordHint') : undefined}
          >
            {(id) => <TextInput id={id} type="password" autoComplete="new-password" {...form.register('newPassword')} />}
          </Field>
          <Button type="submit" disabled={change.isPending}>
            {t('common.save')}
          </Button>
        </form>
      </Card>
    </>
  );
}

type Prefs = Answer<'GET /api/notifications/preferences'>;

function Preferences() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: ['prefs'], queryFn: () => call('GET /api/notifications/preferences') });
  const save = useMutation({
    mutationFn: (p: Prefs) => call('PUT /api/notifications/preferences', { body: p }),
    onSuccess: (p) => qc.setQueryData(['prefs'], p),
  });
  if (!prefs.data) return null;
  const p = prefs.data;
  return (
    <Card title={t('account.prefsTitle')}>
      <ErrorAlert error={save.error} />
      <label className="checkbox">
        <input type="checkbox" checked={p.email} onChange={(e) => save.mutate({ ...p, email: e.target.checked })} />{' '}
        {t('account.prefEmail')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={p.digest} onChange={(e) => save.mutate({ ...p, digest: e.target.checked })} />{' '}
        {t('account.prefDigest')}
      </label>
    </Card>
  );
}
