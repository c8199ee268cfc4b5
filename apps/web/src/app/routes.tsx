import { lazy, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';

// Every page is its own chunk: the first page loads only the shell and itself.
const LoginPage = lazy(() => import('../modules/auth/login.page'));
const InvitationPage = lazy(() => import('../modules/auth/invitation.page'));
const PasswordPage = lazy(() => import('../modules/auth/password.page'));
const HomePage = lazy(() => import('../modules/home/home.page'));
const OrganizationListPage = lazy(() => import('../modules/organizations/organization-list.page'));
const OrganizationDetailPage = lazy(() => import('../modules/organizations/organization-detail.page'));
const OrganizationCreatePage = lazy(() => import('../modules/organizations/organization-create.page'));
const OrganizationEditPage = lazy(() => import('../modules/organizations/organization-edit.page'));
const OfficeCreatePage = lazy(() => import('../modules/organizations/office-create.page'));
const AuditPage = lazy(() => import('../modules/audit/audit.page'));
const NotFoundPage = lazy(() => import('./not-found.page'));

const auth = (el: ReactNode) => <RequireAuth>{el}</RequireAuth>;

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/invitation', element: <InvitationPage /> },
      { path: '/', element: auth(<HomePage />) },
      { path: '/organizations', element: auth(<OrganizationListPage />) },
      { path: '/organizations/new', element: auth(<OrganizationCreatePage />) },
      { path: '/organizations/:id', element: auth(<OrganizationDetailPage />) },
      { path: '/organizations/:id/edit', element: auth(<OrganizationEditPage />) },
      { path: '/organizations/:id/offices/new', element: auth(<OfficeCreatePage />) },
      { path: '/account/password', element: auth(<PasswordPage />) },
      { path: '/audit', element: <RequireAuth role="platform_admin">{<AuditPage />}</RequireAuth> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
