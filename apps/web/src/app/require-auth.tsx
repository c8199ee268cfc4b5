import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert, Loading } from '../components/feedback';
import { PageHeading } from '../components/page-heading';
import { useMe } from '../modules/auth/auth.queries';
import type { Role } from '@trama/contracts';

/** Signed-out visitors go to /login and come back here afterwards. */
export function RequireAuth({ children, role }: { children: ReactNode; role?: Role }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (role && me.data.activeMembership.role !== role) {
    return (
      <>
        <PageHeading title={t('errors.forbiddenTitle')}>{t('errors.forbiddenTitle')}</PageHeading>
        <p>{t('errors.auth.forbidden')}</p>
      </>
    );
  }
  return <>{children}</>;
}
