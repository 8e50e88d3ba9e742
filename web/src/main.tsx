import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { currentLang, I18nProvider } from './i18n';
import { Shell } from './Shell';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { UnitDetailPage } from './pages/UnitDetailPage';
import { UnitsPage } from './pages/UnitsPage';
import { UsersPage } from './pages/UsersPage';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <UnitsPage /> },
      { path: 'don-vi', element: <UnitsPage /> },
      { path: 'don-vi/:id', element: <UnitDetailPage /> },
      { path: 'nguoi-dung', element: <UsersPage /> },
      { path: 'nhat-ky', element: <AuditPage /> },
      { path: 'tai-khoan', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

document.documentElement.lang = currentLang();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
