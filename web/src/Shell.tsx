import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api, type Unit } from './api/client';
import { useCan, useSession, useUnauthenticatedListener } from './auth/session';
import { roleLabel } from './components/labels';
import { Loading } from './components/ui';
import { useI18n } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { useInbox } from './pages/InboxPage';
import { sortVi, todayVn } from '../../src/shared/vi';

export function Shell() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const can = useCan();
  useUnauthenticatedListener();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api('/api/auth/logout', { method: 'POST' }),
    onSettled: async () => {
      qc.clear();
      await qc.invalidateQueries({ queryKey: ['session'] });
      await navigate('/');
    },
  });

  if (session.isLoading) return <Loading />;
  const user = session.data?.user;
  if (!user) return <LoginPage />;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ĐL
          </span>
          <div>
            <strong>{t('appName')}</strong>
            <small>{t('appTagline')}</small>
          </div>
        </div>
        <UnitSwitcher />
        <div className="topbar-right">
          <button type="button" className="btn btn-link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {lang === 'vi' ? t('switchToEnglish') : t('switchToVietnamese')}
          </button>
          <InboxBell />
          <NavLink to="/tai-khoan" className="user-chip" data-testid="current-user">
            {user.fullName}
            <small>{user.grants.map((g) => `${roleLabel(g.role, lang)} · ${g.unitName}`).join('; ')}</small>
          </NavLink>
          <button type="button" className="btn btn-secondary" onClick={() => logout.mutate()} data-testid="logout">
            {t('logout')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Menu">
        {can('assessment.read') && <NavLink to="/tong-quan">{t('navDashboard')}</NavLink>}
        <NavLink to="/don-vi">{t('navUnits')}</NavLink>
        {can('criteria.read') && <NavLink to="/bo-tieu-chi">{t('navCriteria')}</NavLink>}
        {can('roadmap.read') && <NavLink to="/viec">{t('navRoadmaps')}</NavLink>}
        {can('roadmap.read') && <NavLink to="/de-xuat-ngan-sach">{t('navBudget')}</NavLink>}
        {can('capital.read') && <NavLink to="/von">{t('navCapital')}</NavLink>}
        {(can('ocop.read') || can('ocop.own') || can('ocop.score')) && (
          <NavLink to={can('ocop.read') ? '/ocop' : '/ocop/san-pham'}>{t('navOcop')}</NavLink>
        )}
        {(can('oversight.read') || can('oversight.respond')) && (
          <NavLink to={can('oversight.read') ? '/giam-sat' : '/giam-sat/kien-nghi?cua-toi=1'}>{t('navOversight')}</NavLink>
        )}
        {(can('portal.publish') || can('portal.moderate')) && <NavLink to="/cong-khai-quan-ly">{t('navPortal')}</NavLink>}
        {can('outbox.read') && <NavLink to="/hop-thu-di">{t('navOutbox')}</NavLink>}
        {can('user.read') && <NavLink to="/nguoi-dung">{t('navUsers')}</NavLink>}
        {can('audit.read') && <NavLink to="/nhat-ky">{t('navAudit')}</NavLink>}
      </nav>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}

/** Jump to any unit in scope that is active today. */
function UnitSwitcher() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = todayVn();
  const units = useQuery({
    queryKey: ['units', 'active', today],
    queryFn: () => api<{ items: Unit[] }>(`/api/units?asOf=${today}`),
  });
  const items = sortVi(
    (units.data?.items ?? []).filter((u) => u.type !== 'village' && u.type !== 'country'),
    (u) => u.name,
  );
  return (
    <label className="unit-switcher">
      <span>{t('workingUnit')}</span>
      <select
        data-testid="unit-switcher"
        defaultValue=""
        onChange={(e) => {
          if (e.target.value) void navigate(`/don-vi/${e.target.value}`);
        }}
      >
        <option value="">—</option>
        {items.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function InboxBell() {
  const { t } = useI18n();
  const inbox = useInbox();
  const unread = inbox.data?.unread ?? 0;
  return (
    <NavLink to="/thong-bao" className="bell" aria-label={`${t('navInbox')}: ${unread}`} data-testid="inbox-bell">
      🔔
      {unread > 0 && (
        <span className="bell-count" data-testid="unread-count">
          {unread}
        </span>
      )}
    </NavLink>
  );
}
