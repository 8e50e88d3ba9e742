import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { call } from '../api/client';
import { Button, ErrorAlert, Field, TextInput } from '../components/ui';
import { useI18n } from '../i18n';
import { clearApiCache } from '../offline/register';
import { flushLogout } from '../auth/signout';

const schema = z.object({ username: z.string().trim().min(1), password: z.string().min(1) });
type Form = z.infer<typeof schema>;

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const qc = useQueryClient();
  const form = useForm<Form>({ resolver: zodResolver(schema), defaultValues: { username: '', password: '' } });
  const login = useMutation({
    mutationFn: async (values: Form) => {
      // A sign-out made without a connection ends the old session first.
      await flushLogout();
      return call('POST /api/auth/login', { body: values });
    },
    onSuccess: async (session) => {
      // Whatever was kept for offline use belonged to the previous session.
      await clearApiCache();
      qc.setQueryData(['session'], session);
    },
  });
  const required = lang === 'vi' ? 'Không được để trống' : 'Required';
  return (
    <div className="login-page">
      <form className="login-card" onSubmit={form.handleSubmit((v) => login.mutate(v))} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ĐL
          </span>
          <div>
            <h1>{t('common.appName')}</h1>
            <small>{t('common.appTagline')}</small>
          </div>
        </div>
        <h2>{t('auth.loginTitle')}</h2>
        <ErrorAlert error={login.error} />
        <Field label={t('common.username')} error={form.formState.errors.username ? required : undefined}>
          {(id) => <TextInput id={id} autoComplete="username" autoFocus {...form.register('username')} />}
        </Field>
        <Field label={t('common.password')} error={form.formState.errors.password ? required : undefined}>
          {(id) => <TextInput id={id} type="password" autoComplete="current-password" {...form.register('password')} />}
        </Field>
        <Button type="submit" disabled={login.isPending} data-testid="login-submit">
          {t('auth.loginButton')}
        </Button>
        <button type="button" className="btn btn-link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {lang === 'vi' ? t('common.switchToEnglish') : t('common.switchToVietnamese')}
        </button>
      </form>
    </div>
  );
}
