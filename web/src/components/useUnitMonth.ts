import { useSearchParams } from 'react-router';
import { todayVn } from '../../../src/shared/vi';

/** The unit and month of a dashboard-like page, kept in the URL (?don-vi=…&thang=yyyy-mm). */
export function useUnitMonth(defaultUnit: number | null) {
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('don-vi') ?? defaultUnit ?? 0) || null;
  const month = params.get('thang') ?? todayVn().slice(0, 7);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return {
    unitId,
    month,
    setUnit: (id: number) => set('don-vi', String(id)),
    setMonth: (m: string) => set('thang', m),
    params,
    set,
  };
}
