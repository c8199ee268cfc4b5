import type { ComponentType } from 'react';
import { Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import { Loading } from '../components/feedback';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';

/**
 * Every page is its own chunk, loaded by the router before it commits the navigation: the URL
 * changes when the new page is ready (never an old page under a new URL), and the first page
 * loads only the shell and itself.
 */
const page = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const router = createBrowserRouter([
  {
    element: <Layout />,
    // Shown only while the first page's chunk loads.
    hydrateFallbackElement: <Loading />,
    children: [
      { path: '/login', ...page(() => import('../modules/auth/login.page')) },
      { path: '/invitation', ...page(() => import('../modules/auth/invitation.page')) },
      {
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        children: [
          { path: '/', ...page(() => import('../modules/home/home.page')) },
          {
            path: '/organizations',
            ...page(() => import('../modules/organizations/organization-list.page')),
          },
          {
            path: '/organizations/new',
            ...page(() => import('../modules/organizations/organization-create.page')),
          },
          {
            path: '/organizations/:id',
            ...page(() => import('../modules/organizations/organization-detail.page')),
          },
          {
            path: '/organizations/:id/edit',
            ...page(() => import('../modules/organizations/organization-edit.page')),
          },
          {
            path: '/organizations/:id/offices/new',
            ...page(() => import('../modules/organizations/office-create.page')),
          },
          { path: '/account/password', ...page(() => import('../modules/auth/password.page')) },
          { path: '/caseload', ...page(() => import('../modules/caseload/caseload.page')) },
          { path: '/people', ...page(() => import('../modules/people/people-list.page')) },
          { path: '/people/new', ...page(() => import('../modules/people/person-create.page')) },
          { path: '/people/import', ...page(() => import('../modules/people/people-import.page')) },
          { path: '/people/:id/:tab?', ...page(() => import('../modules/people/person-file.page')) },
          { path: '/referrals', ...page(() => import('../modules/referrals/referrals.page')) },
          { path: '/crises', ...page(() => import('../modules/crises/crises-list.page')) },
          { path: '/crises/new', ...page(() => import('../modules/crises/crisis-create.page')) },
          { path: '/crises/:id/:tab?', ...page(() => import('../modules/crises/crisis.page')) },
          { path: '/me/path', ...page(() => import('../modules/people/my-path.page')) },
          { path: '/vacancies', ...page(() => import('../modules/vacancies/vacancy-list.page')) },
          { path: '/vacancies/new', ...page(() => import('../modules/vacancies/vacancy-create.page')) },
          { path: '/vacancies/:id', ...page(() => import('../modules/vacancies/vacancy-detail.page')) },
          { path: '/vacancies/:id/edit', ...page(() => import('../modules/vacancies/vacancy-edit.page')) },
          {
            path: '/vacancies/:id/candidates',
            ...page(() => import('../modules/vacancies/vacancy-candidates.page')),
          },
          { path: '/candidatures', ...page(() => import('../modules/candidatures/candidatures.page')) },
          { path: '/my-company', ...page(() => import('../modules/companies/my-company.page')) },
          { path: '/pledges', ...page(() => import('../modules/companies/pledges.page')) },
          {
            path: '/analytics/skills-gap',
            ...page(() => import('../modules/analytics/skills-gap.page')),
          },
        ],
      },
      {
        element: (
          <RequireAuth role="platform_admin">
            <Outlet />
          </RequireAuth>
        ),
        children: [{ path: '/audit', ...page(() => import('../modules/audit/audit.page')) }],
      },
      { path: '*', ...page(() => import('./not-found.page')) },
    ],
  },
]);
