import { Button } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, useLocation, useRouteError } from 'react-router';
import { ErrorState, LoadingState, PageResult } from '../components/states';
import LoginPage from '../pages/login/LoginPage';
import { useAuth } from './auth';
import { useVisiblePages } from './nav';
import { type PageEntry, pages } from './pages';
import { Shell } from './Shell';

/** Only logged-in accounts pass; others go to the login page and come back afterwards. */
function RequireLogin({ children }: { children: ReactNode }) {
  const { me, isLoading, error, retry } = useAuth();
  const location = useLocation();
  if (isLoading) return <LoadingState />;
  if (error) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorState error={error} onRetry={retry} />
      </div>
    );
  }
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <PageResult
      status={403}
      title={t('page.forbidden.title')}
      subTitle={t('page.forbidden.body')}
      extra={
        <Link to="/">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <PageResult
      status={404}
      title={t('page.notFound.title')}
      subTitle={t('page.notFound.body')}
      extra={
        <Link to="/">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** A page the account may not use is not rendered at all (the server would refuse its data anyway). */
function Guarded({ page }: { page: PageEntry }) {
  const { can } = useAuth();
  const Component = components.get(page.id)!;
  if (!can(page.permission)) return <Forbidden />;
  return <Component />;
}

/** `/` opens the first page the account may use (the commander's overview when allowed). */
function Start() {
  const visible = useVisiblePages();
  const first = visible[0];
  return first ? <Navigate to={`/${first.path}`} replace /> : <Forbidden />;
}

function RouteError() {
  const error = useRouteError();
  return (
    <div style={{ padding: 24 }}>
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </div>
  );
}

const components = new Map(pages.map((p) => [p.id, lazy(p.load)]));
// The public transparency page lives outside the authenticated shell: anyone may read and verify.
const TransparencyPage = lazy(() => import('../pages/transparency/TransparencyPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/transparency',
    element: (
      <Suspense fallback={<LoadingState />}>
        <TransparencyPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: (
      <RequireLogin>
        <Shell />
      </RequireLogin>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Start /> },
      ...pages.map((page) => ({
        path: page.path,
        element: <Guarded page={page} />,
        errorElement: <RouteError />,
      })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);
