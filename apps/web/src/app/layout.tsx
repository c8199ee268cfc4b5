import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigation } from 'react-router';
import { Loading } from '../components/feedback';
import { adoptUserLocale } from '../i18n';
import { useMe } from '../modules/auth/auth.queries';
import { AppFooter } from './app-footer';
import { AppHeader } from './app-header';

/** Skip link, header with navigation, main content, footer: the same landmarks on every page. */
export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigation = useNavigation();
  const locale = me.data?.user.locale;
  useEffect(() => {
    if (locale) void adoptUserLocale(locale);
  }, [locale]);

  return (
    <>
      <div className="skiplinks">
        <a
          className="visually-hidden-focusable"
          href="#main-content"
          onClick={(e) => {
            e.preventDefault();
            document.getElementById('main-content')?.focus();
          }}
        >
          {t('common.skipToContent')}
        </a>
      </div>
      <AppHeader me={me.data ?? null} />
      {navigation.state === 'loading' && <div className="trama-nav-progress" aria-hidden="true" />}
      <main
        id="main-content"
        tabIndex={-1}
        className="container-xxl py-4 trama-main"
        aria-busy={navigation.state === 'loading' || undefined}
      >
        <div className="row">
          <div className="col-12">
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </div>
        </div>
      </main>
      <AppFooter />
    </>
  );
}
