import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call, type Query } from '../../api/client';
import { useCan, useSession } from '../../auth/session';
import { Button, Card, ErrorAlert, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { sortVi } from '../../../../src/shared/vi';
import { BulkConfirm } from './BulkConfirm';
import { ItemBadges } from './ItemBadges';
import { monthVi } from './types';

/** The roadmap board: by area, by agency or my own work; every filter and the sort live in the URL. */
export function BoardPage() {
  const { t } = useI18n();
  const can = useCan();
  const user = useSession().data?.user;
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const view = params.get('xem') ?? (params.get('cua-toi') ? 'mine' : 'unit');
  const unitId = params.get('don-vi') ?? String(user?.grants[0]?.unitId ?? '');
  const agencyId = params.get('co-quan') ?? '';
  const status = params.get('trang-thai') ?? '';
  const cost = params.get('kinh-phi') ?? '';
  const overdue = params.get('qua-han') === '1';
  const sorts = ['easy', 'target', 'priority'] as const;
  const sort = sorts.find((s) => s === params.get('sap-xep')) ?? 'easy';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const query: Query<'GET /api/roadmaps'> = { sort };
  if (view === 'mine') query.mine = '1';
  else if (view === 'agency' && agencyId) query.agencyId = Number(agencyId);
  else if (unitId) query.unitId = Number(unitId);
  if (status) query.status = status;
  if (cost) query.cost = cost;
  if (overdue) query.overdue = '1';
  const board = useQuery({
    queryKey: ['roadmaps', query],
    queryFn: () => call('GET /api/roadmaps', { query }),
  });
  const units = useQuery({
    queryKey: ['units', 'all'],
    queryFn: () => call('GET /api/units'),
    select: (d) =>
      sortVi(
        d.items.filter((u) => !u.effectiveTo && u.type !== 'village'),
        (u) => u.name,
      ),
  });
  const agencies = useQuery({
    queryKey: ['agencies', unitId],
    queryFn: () => call('GET /api/roadmaps/agencies', { query: { unitId: Number(unitId) } }),
    enabled: Boolean(unitId),
  });
  const suggest = useMutation({
    mutationFn: () => call('POST /api/roadmaps/suggest', { body: { unitId: Number(unitId) } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['roadmaps'] }),
  });
  const items = useMemo(() => board.data?.items ?? [], [board.data]);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  // Suggestions the caller may confirm (the items' own `actions`), picked on a unit's board.
  const canPick = view === 'unit';
  const suggestions = items.filter((i) => i.actions.includes('confirm'));
  const togglePick = (id: number, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const timeline = useMemo(() => {
    const by = new Map<string, number>();
    for (const i of items) if (i.targetMonth && i.status !== 'done') by.set(i.targetMonth, (by.get(i.targetMonth) ?? 0) + 1);
    return [...by].sort(([a], [b]) => a.localeCompare(b));
  }, [items]);

  return (
    <>
      <h1>{t('roadmaps.boardTitle')}</h1>
      <div className="tabs" role="tablist">
        {(['unit', 'agency', 'mine'] as const).map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className={`tab ${view === v ? 'active' : ''}`}
            onClick={() => set('xem', v)}
            data-testid={`tab-${v}`}
          >
            {t(v === 'unit' ? 'roadmaps.byUnit' : v === 'agency' ? 'roadmaps.byAgency' : 'roadmaps.myWork')}
          </button>
        ))}
      </div>
      <div className="toolbar">
        {view !== 'mine' && (
          <label>
            {t('common.unitPick')}
            <select className="input" value={unitId} onChange={(e) => set('don-vi', e.target.value)} data-testid="board-unit">
              {units.data?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'agency' && (
          <label>
            {t('roadmaps.leadAgency')}
            <select className="input" value={agencyId} onChange={(e) => set('co-quan', e.target.value)}>
              <option value="">—</option>
              {agencies.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('common.status')}
          <select className="input" value={status} onChange={(e) => set('trang-thai', e.target.value)}>
            <option value="">—</option>
            <option value="not_started,in_progress,at_risk">
              {t('roadmaps.rs_not_started')} / {t('roadmaps.rs_in_progress')} / {t('roadmaps.rs_at_risk')}
            </option>
            {(['not_started', 'in_progress', 'at_risk', 'done'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`roadmaps.rs_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('roadmaps.costClass')}
          <select className="input" value={cost} onChange={(e) => set('kinh-phi', e.target.value)}>
            <option value="">—</option>
            {(['none', 'budget', 'investment'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`roadmaps.cost_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sắp xếp
          <select className="input" value={sort} onChange={(e) => set('sap-xep', e.target.value)}>
            <option value="easy">{t('roadmaps.sortEasy')}</option>
            <option value="target">{t('roadmaps.sortTarget')}</option>
            <option value="priority">{t('roadmaps.sortPriority')}</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={overdue} onChange={(e) => set('qua-han', e.target.checked ? '1' : '')} />{' '}
          {t('roadmaps.onlyOverdue')}
        </label>
        {view === 'unit' && can('roadmap.manage') && unitId && (
          <Button variant="secondary" onClick={() => suggest.mutate()} disabled={suggest.isPending} data-testid="suggest-items">
            {t('roadmaps.suggestFromGaps')}
          </Button>
        )}
        {unitId && view === 'unit' && <Link to={`/de-xuat-ngan-sach?don-vi=${unitId}`}>{t('common.navBudget')}</Link>}
      </div>
      <ErrorAlert error={suggest.error} />
      {suggest.isSuccess && <p className="alert alert-success">{t('roadmaps.suggested', { n: suggest.data.created })}</p>}
      {canPick && suggestions.length > 1 && (
        <div className="toolbar">
          <Button
            variant="secondary"
            onClick={() => setPicked(new Set(suggestions.map((i) => i.id)))}
            data-testid="pick-all-suggestions"
          >
            {t('roadmaps.bulkPickAll', { n: suggestions.length })}
          </Button>
        </div>
      )}
      {canPick && unitId && (
        <BulkConfirm unitId={unitId} picked={suggestions.filter((i) => picked.has(i.id))} onDone={() => setPicked(new Set())} />
      )}
      {timeline.length > 0 && (
        <Card title={t('roadmaps.timeline')}>
          <div className="timeline" data-testid="timeline">
            {timeline.map(([m, n]) => (
              <div key={m} className="timeline-month">
                <strong>{monthVi(m)}</strong>
                <span>{n}</span>
              </div>
            ))}
          </div>
        </Card>
      )}
      <Card>
        {board.isLoading && <Loading />}
        <ErrorAlert error={board.error} />
        {board.data && !items.length && <p className="muted">{t('common.noResults')}</p>}
        <table className="table" data-testid="roadmap-board">
          <thead>
            <tr>
              <th>{t('common.indicator')}</th>
              <th>{t('common.unit')}</th>
              <th>{t('roadmaps.leadAgency')}</th>
              <th>{t('common.deadline')}</th>
              <th>{t('roadmaps.costClass')}</th>
              <th>{t('roadmaps.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-testid={`item-${i.indicatorCode}`}>
                <td>
                  {canPick && i.actions.includes('confirm') && (
                    <label className="checkbox pick">
                      <input
                        type="checkbox"
                        checked={picked.has(i.id)}
                        onChange={(e) => togglePick(i.id, e.target.checked)}
                        aria-label={t('roadmaps.bulkPick', { code: i.indicatorCode })}
                        data-testid={`pick-${i.indicatorCode}`}
                      />
                    </label>
                  )}
                  <Link to={`/viec/${i.id}`}>
                    <strong>{i.indicatorCode}</strong> {i.title}
                  </Link>
                  {i.task && <div className="muted small">{i.task}</div>}
                  <div>
                    <ItemBadges item={i} />
                  </div>
                </td>
                <td>{i.unitName}</td>
                <td>{i.leadAgencyName ?? <span className="muted">{t('roadmaps.unassigned')}</span>}</td>
                <td>{monthVi(i.targetMonth)}</td>
                <td>{t(`roadmaps.cost_${i.costClass}`)}</td>
                <td>
                  <progress max={100} value={i.progress} aria-label={`${t('roadmaps.progress')} ${i.progress}%`} /> {i.progress}%
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
