import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { currentLang, I18nProvider } from './i18n';
import { Shell } from './Shell';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { UnitDetailPage } from './pages/UnitDetailPage';
import { TodoPage } from './pages/TodoPage';
import { UnitsPage } from './pages/UnitsPage';
import { UsersPage } from './pages/UsersPage';
import { InboxPage, OutboxPage } from './pages/InboxPage';
import { BoardPage } from './pages/roadmaps/BoardPage';
import { BudgetPage } from './pages/roadmaps/BudgetPage';
import { ItemPage } from './pages/roadmaps/ItemPage';
import { AssessmentPage } from './pages/assessment/AssessmentPage';
import { CriteriaDetailPage, CriteriaListPage } from './pages/CriteriaPages';
import { ProducersPage } from './pages/ocop/ProducersPage';
import { ProductPage } from './pages/ocop/ProductPage';
import { ProductsPage } from './pages/ocop/ProductsPage';
import { RoundPage } from './pages/ocop/RoundPage';
import { RoundsPage } from './pages/ocop/RoundsPage';
import { SheetsPage } from './pages/ocop/SheetsPage';
import { ActivityPage } from './pages/oversight/activity/ActivityPage';
import { PortalAdminPage } from './pages/PortalAdminPage';
import { ComparePage } from './pages/oversight/ComparePage';
import { OversightPage } from './pages/oversight/OversightPage';
import { PetitionsPage } from './pages/oversight/PetitionsPage';
import { RecommendationPage, RecommendationsPage } from './pages/oversight/RecommendationPages';
import { registerServiceWorker } from './offline/register';
import './styles.css';

// Charts (ECharts) load only with the pages that draw them.
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const CapitalPage = lazy(() => import('./pages/capital/CapitalPage').then((m) => ({ default: m.CapitalPage })));
const ProjectPage = lazy(() => import('./pages/capital/ProjectPage').then((m) => ({ default: m.ProjectPage })));
const PlanPage = lazy(() => import('./pages/capital/PlanPage').then((m) => ({ default: m.PlanPage })));
const OcopDashboardPage = lazy(() => import('./pages/ocop/OcopDashboardPage').then((m) => ({ default: m.OcopDashboardPage })));
const ScorecardPage = lazy(() => import('./pages/ScorecardPage').then((m) => ({ default: m.ScorecardPage })));
const withSuspense = (node: ReactNode) => <Suspense fallback={<p className="muted">…</p>}>{node}</Suspense>;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      // Without a connection a query still asks once, so the service worker can answer from what it kept.
      networkMode: 'offlineFirst',
    },
  },
});

const router = createBrowserRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <TodoPage /> },
      { path: 'don-vi', element: <UnitsPage /> },
      { path: 'don-vi/:id', element: <UnitDetailPage /> },
      { path: 'tong-quan', element: withSuspense(<DashboardPage />) },
      { path: 'kiem-dem/:id', element: <AssessmentPage /> },
      { path: 'bang-theo-doi/:unitId', element: withSuspense(<ScorecardPage />) },
      { path: 'bo-tieu-chi', element: <CriteriaListPage /> },
      { path: 'bo-tieu-chi/:id', element: <CriteriaDetailPage /> },
      { path: 'von', element: withSuspense(<CapitalPage />) },
      { path: 'von/du-an/:id', element: withSuspense(<ProjectPage />) },
      { path: 'von/ke-hoach/:id', element: withSuspense(<PlanPage />) },
      { path: 'ocop', element: withSuspense(<OcopDashboardPage />) },
      { path: 'ocop/san-pham', element: <ProductsPage /> },
      { path: 'ocop/san-pham/:id', element: <ProductPage /> },
      { path: 'ocop/chu-the', element: <ProducersPage /> },
      { path: 'ocop/hoi-dong', element: <RoundsPage /> },
      { path: 'ocop/hoi-dong/:id', element: <RoundPage /> },
      { path: 'ocop/phieu-cham', element: <SheetsPage /> },
      { path: 'giam-sat', element: <OversightPage /> },
      { path: 'cong-khai-quan-ly', element: <PortalAdminPage /> },
      { path: 'giam-sat/hoat-dong/:id', element: <ActivityPage /> },
      { path: 'giam-sat/kien-nghi', element: <RecommendationsPage /> },
      { path: 'giam-sat/kien-nghi/:id', element: <RecommendationPage /> },
      { path: 'giam-sat/so-sanh', element: <ComparePage /> },
      { path: 'giam-sat/kien-nghi-cu-tri', element: <PetitionsPage /> },
      { path: 'viec', element: <BoardPage /> },
      { path: 'viec/:id', element: <ItemPage /> },
      { path: 'de-xuat-ngan-sach', element: <BudgetPage /> },
      { path: 'thong-bao', element: <InboxPage /> },
      { path: 'hop-thu-di', element: <OutboxPage /> },
      { path: 'nguoi-dung', element: <UsersPage /> },
      { path: 'nhat-ky', element: <AuditPage /> },
      { path: 'tai-khoan', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

document.documentElement.lang = currentLang();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
