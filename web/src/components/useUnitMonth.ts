import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { call } from '../api/client';
import { todayVn } from '../../../src/shared/vi';

/**
 * The latest month with data for the signed-in person (a verified count in their scope; for a
 * commune officer, any count of their commune): where period pickers open when the URL names none,
 * so a 2022 user does not land on an empty current month.
 */
export function useLatestMonth() {
  return useQuery({
    queryKey: ['me', 'periods'],
    queryFn: () => call('GET /api/me/periods'),
    staleTime: 60_000,
  });
}

/**
 * The unit and month of a dashboard-like page, kept in the URL (?don-vi=…&thang=yyyy-mm). Without a
 * month in the URL it is the person's latest month with data; `ready` turns true once that is known.
 */
export function useUnitMonth(defaultUnit: number | null) {
  const [params, setParams] = useSearchParams();
  const latest = useLatestMonth();
  const named = params.get('thang');
  const unitId = Number(params.get('don-vi') ?? defaultUnit ?? 0) || null;
  const month = named ?? latest.data?.latestMonth ?? todayVn().slice(0, 7);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return {
    unitId,
    month,
    ready: Boolean(named) || !latest.isLoading,
    setUnit: (id: number) => set('don-vi', String(id)),
    setMonth: (m: string) => set('thang', m),
    params,
    set,
  };
}
