import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { call } from './api/client';
import { useCan, useSession, useUnauthenticatedListener } from './auth/session';
import { roleLabel } from './components/labels';
import { BellIcon, CloseIcon, MenuIcon } from './components/icons';
import { Loading } from './components/ui';
import { useIsPhone } from './components/useMediaQuery';
import { useI18n } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { useInbox } from './pages/InboxPage';
import { useTodo } from './pages/TodoPage';
import { sortVi, todayVn } from '../../src/shared/vi';
import { OfflineStatus, useOfflineQueueFor } from './offline/OfflineStatus';
import { SignOutButton } from './auth/SignOutButton';
import { watchPendingLogout } from './auth/signout';

export function Shell() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const can = useCan();
  useUnauthenticatedListener();
  const phone = useIsPhone();
  const location = useLocation();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  // The drawer belongs to the page it was opened on: any navigation closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = phone && openOn === location.key;
  const setMenuOpen = (open: boolean) => setOpenOn(open ? location.key : null);
  const closeMenu = useCallback(() => setOpenOn(null), []);
  useDrawerFocus(menuOpen, navRef, buttonRef, closeMenu);
  useOfflineQueueFor(session.data?.user?.id ?? null);
  // A sign-out made without a connection reaches the server when it can, signed in again or not.
  useEffect(() => watchPendingLogout(), []);

  if (session.isLoading) return <Loading />;
  const user = session.data?.user;
  if (!user) return <LoginPage />;

  const userChip = (
    <NavLink to="/tai-khoan" className="user-chip" data-testid="current-user">
      {user.fullName}
      <small>{user.grants.map((g) => `${roleLabel(g.role, lang)} · ${g.unitName}`).join('; ')}</small>
    </NavLink>
  );
  const langSwitch = (
    <button type="button" className="btn btn-link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
      {lang === 'vi' ? t('common.switchToEnglish') : t('common.switchToVietnamese')}
    </button>
  );
  const logoutButton = <SignOutButton />;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        {phone && (
          <button
            type="button"
            ref={buttonRef}
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-menu"
            aria-label={menuOpen ? t('shell.closeMenu') : t('shell.openMenu')}
            onClick={() => setMenuOpen(!menuOpen)}
            data-testid="menu-button"
          >
            {menuOpen ? <CloseIcon /> : <MenuIcon />}
          </button>
        )}
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ĐL
          </span>
          <div>
            <strong>{t('common.appName')}</strong>
            <small>{t('common.appTagline')}</small>
          </div>
        </div>
        {!phone && <UnitSwitcher />}
        <div className="topbar-right">
          {!phone && langSwitch}
          <OfflineStatus />
          <InboxBell />
          {!phone && userChip}
          {!phone && logoutButton}
        </div>
      </header>
      {phone && menuOpen && <div className="drawer-backdrop" onClick={() => setMenuOpen(false)} />}
      <nav
        id="main-menu"
        ref={navRef}
        className={`sidenav ${phone ? 'drawer' : ''} ${menuOpen ? 'open' : ''}`}
        aria-label="Menu"
        data-testid="main-menu"
      >
        {phone && <div className="drawer-account">{userChip}</div>}
        <NavLink to="/" end data-testid="nav-todo">
          {t('shell.navTodo')}
          <TodoCount />
        </NavLink>
        {can('assessment.read') && <NavLink to="/tong-quan">{t('common.navDashboard')}</NavLink>}
        <NavLink to="/don-vi">{t('common.navUnits')}</NavLink>
        {can('criteria.read') && <NavLink to="/bo-tieu-chi">{t('shell.navCriteria')}</NavLink>}
        {can('roadmap.read') && <NavLink to="/viec">{t('common.navRoadmaps')}</NavLink>}
        {can('roadmap.read') && <NavLink to="/de-xuat-ngan-sach">{t('common.navBudget')}</NavLink>}
        {can('capital.read') && <NavLink to="/von">{t('common.navCapital')}</NavLink>}
        {(can('ocop.read') || can('ocop.own') || can('ocop.score')) && (
          <NavLink to={can('ocop.read') ? '/ocop' : '/ocop/san-pham'}>{t('common.navOcop')}</NavLink>
        )}
        {(can('oversight.read') || can('oversight.respond')) && (
          <NavLink to={can('oversight.read') ? '/giam-sat' : '/giam-sat/kien-nghi?cua-toi=1'}>{t('common.navOversight')}</NavLink>
        )}
        {(can('portal.publish') || can('portal.moderate')) && <NavLink to="/cong-khai-quan-ly">{t('shell.navPortal')}</NavLink>}
        {can('outbox.read') && <NavLink to="/hop-thu-di">{t('shell.navOutbox')}</NavLink>}
        {can('user.read') && <NavLink to="/nguoi-dung">{t('shell.navUsers')}</NavLink>}
        {can('audit.read') && <NavLink to="/nhat-ky">{t('shell.navAudit')}</NavLink>}
        {phone && (
          <div className="drawer-footer">
            <UnitSwitcher />
            {langSwitch}
            {logoutButton}
          </div>
        )}
      </nav>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}

/**
 * The phone menu drawer: opening moves focus to its first link; Escape closes it and gives focus back
 * to the menu button.
 */
function useDrawerFocus(
  open: boolean,
  navRef: RefObject<HTMLElement | null>,
  buttonRef: RefObject<HTMLButtonElement | null>,
  close: () => void,
) {
  useEffect(() => {
    if (!open) return;
    navRef.current?.querySelector<HTMLElement>('a, button, select')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, navRef, buttonRef, close]);
}

/** Jump to any unit in scope that is active today. */
function UnitSwitcher() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = todayVn();
  const units = useQuery({
    queryKey: ['units', 'active', today],
    queryFn: () => call('GET /api/units', { query: { asOf: today } }),
  });
  const items = sortVi(
    (units.data?.items ?? []).filter((u) => u.type !== 'village' && u.type !== 'country'),
    (u) => u.name,
  );
  return (
    <label className="unit-switcher">
      <span>{t('shell.workingUnit')}</span>
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

/** The number of things waiting, next to the home link (shared with the home page's query). */
function TodoCount() {
  const todo = useTodo();
  const n = todo.data?.groups.reduce((sum, g) => sum + g.total, 0) ?? 0;
  return n > 0 ? <span className="badge badge-info nav-count">{n}</span> : null;
}

function InboxBell() {
  const { t } = useI18n();
  const inbox = useInbox();
  const unread = inbox.data?.unread ?? 0;
  return (
    <NavLink to="/thong-bao" className="bell" aria-label={`${t('shell.navInbox')}: ${unread}`} data-testid="inbox-bell">
      <BellIcon />
      {unread > 0 && (
        <span className="bell-count" data-testid="unread-count">
          {unread}
        </span>
      )}
    </NavLink>
  );
}
