import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, type Action, type Session } from '../api/client';
import { flushLogout, logoutPending, SIGNED_OUT } from './signout';

/** The session; after a sign-out the server has not heard of yet, nobody (the sign-out is sent first). */
async function readSession(): Promise<Session> {
  if (logoutPending() && !(await flushLogout())) return SIGNED_OUT;
  return call('GET /api/auth/session');
}

export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: readSession, staleTime: 60_000 });
}

export function useCan() {
  const { data } = useSession();
  return (action: Action) => Boolean(data?.user?.permissions.includes(action));
}

/** When any call answers 401, the session is re-read and the login page takes over. */
export function useUnauthenticatedListener() {
  const qc = useQueryClient();
  useEffect(() => {
    const handler = () => void qc.invalidateQueries({ queryKey: ['session'] });
    window.addEventListener('dl:unauthenticated', handler);
    return () => window.removeEventListener('dl:unauthenticated', handler);
  }, [qc]);
}
