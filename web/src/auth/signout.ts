/**
 * Signing out takes effect on the device at once, with or without a connection: the session the page
 * knows, the API answers kept for offline use and the cached data are dropped, and the queue of edits
 * stops showing the person's entries (they stay tied to that person in the device's store). Ending the
 * session on the server needs the network: until it answers, a pending-logout mark stays in the
 * browser's storage and is sent at the next moment the server can be reached (the `online` event, any
 * answered call, a new load of the app, before signing in again), so the old session cookie never
 * outlives the sign-out for long. The mark holds no data — only that this device owes the server a
 * sign-out — so it cannot live in the database, which is out of reach exactly when it is set.
 */
import type { QueryClient } from '@tanstack/react-query';
import { call, ApiError, type Session } from '../api/client';
import { offlineQueue } from '../offline/store';
import { clearApiCache } from '../offline/register';

const PENDING_KEY = 'dl-logout-pending';
const RETRY_MS = 30_000;

/** What the page knows after signing out: nobody. */
export const SIGNED_OUT: Session = { user: null, csrfToken: '' };

export function logoutPending(): boolean {
  try {
    return localStorage.getItem(PENDING_KEY) !== null;
  } catch {
    return false;
  }
}

function setPending(on: boolean) {
  try {
    if (on) localStorage.setItem(PENDING_KEY, new Date().toISOString());
    else localStorage.removeItem(PENDING_KEY);
  } catch {
    // Storage refused (private mode): the sign-out is still sent now when the network allows.
  }
}

let flushing: Promise<boolean> | null = null;

/**
 * Sends a pending sign-out to the server. True when the server session is over (signed out now, or
 * already gone: 401); false when the server could not be reached or failed, and the mark stays.
 */
export function flushLogout(): Promise<boolean> {
  if (!logoutPending()) return Promise.resolve(true);
  flushing ??= (async () => {
    try {
      await call('POST /api/auth/logout');
      setPending(false);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) {
        setPending(false);
        return true;
      }
      return false;
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** Signs out on this device now and ends the server session as soon as the server can be reached. */
export async function signOut(qc: QueryClient) {
  setPending(true);
  await offlineQueue.setUser(null);
  await qc.cancelQueries();
  qc.setQueryData(['session'], SIGNED_OUT);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  qc.getMutationCache().clear();
  await clearApiCache();
  // An answer in flight when signing out may still be kept: once the server has ended the session,
  // the kept answers are emptied again.
  void flushLogout().then((ended) => (ended ? clearApiCache() : undefined));
}

/** Sends a pending sign-out whenever the connection or the server comes back; returns the clean-up. */
export function watchPendingLogout(): () => void {
  const retry = () => {
    if (logoutPending()) void flushLogout();
  };
  const onNetwork = (e: Event) => {
    if ((e as CustomEvent<boolean>).detail) retry();
  };
  window.addEventListener('online', retry);
  window.addEventListener('dl:network', onNetwork);
  const timer = window.setInterval(retry, RETRY_MS);
  retry();
  return () => {
    window.removeEventListener('online', retry);
    window.removeEventListener('dl:network', onNetwork);
    window.clearInterval(timer);
  };
}
