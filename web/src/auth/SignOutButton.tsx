import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Button } from '../components/ui';
import { ConfirmButton } from '../components/confirm';
import { useI18n } from '../i18n';
import { useOffline } from '../offline/store';
import { signOut } from './signout';

/**
 * "Đăng xuất": takes effect on this device at once, online or not. When the person still has edits
 * waiting on the phone (queued or in conflict) it first says so, with the choice to stay or to sign out
 * anyway; the edits stay on the phone for that person alone and are not shown to anyone signing in next.
 */
export function SignOutButton() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { entries } = useOffline();
  const run = () =>
    void (async () => {
      await signOut(qc);
      await navigate('/');
    })();
  const n = entries.length;
  if (!n)
    return (
      <Button variant="secondary" onClick={run} data-testid="logout">
        {t('auth.logout')}
      </Button>
    );
  const conflicts = entries.filter((e) => e.kind === 'cell' && e.state === 'conflict').length;
  return (
    <ConfirmButton
      variant="secondary"
      title={t('auth.signOutUnsyncedTitle')}
      body={
        <>
          <p data-testid="logout-unsynced">{t('auth.signOutUnsyncedBody', { n })}</p>
          {conflicts > 0 && <p>{t('auth.signOutConflicts', { n: conflicts })}</p>}
          <p>{t('auth.signOutUnsyncedKept')}</p>
        </>
      }
      confirmLabel={t('auth.signOutAnyway')}
      cancelLabel={t('auth.signOutStay')}
      onConfirm={run}
      testId="logout"
    >
      {t('auth.logout')}
    </ConfirmButton>
  );
}
