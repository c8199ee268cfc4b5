import { Collapse, Header, HeaderContent, HeaderRightZone, HeaderToggler, Headers } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { errorMessage } from '../api/messages';
import { canSeeCrises } from '../modules/crises/crises.permissions';
import { canWritePeople } from '../modules/people/people.permissions';
import { LANGUAGES, currentLanguage, setLanguage, type Language } from '../i18n';
import {
  isPlatformAdmin,
  useLogout,
  useSwitchMembership,
  type Me,
  type Membership,
} from '../modules/auth/auth.queries';

const LANGUAGE_NAMES: Record<Language, string> = { it: 'Italiano', en: 'English' };

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage();
  return (
    <div className="trama-lang-switch" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={`btn btn-sm trama-slim-button${l === i18n.language ? ' active' : ''}`}
          aria-pressed={l === lang}
          onClick={() => void setLanguage(l)}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

export function useMembershipLabel() {
  const { t } = useTranslation();
  return (m: Membership) => `${m.organizationName ?? t('header.platform')} · ${t(`roles.${m.role}`)}`;
}

function MembershipSwitcher({ me }: { me: Me }) {
  const { t } = useTranslation();
  const label = useMembershipLabel();
  const switchTo = useSwitchMembership();
  const navigate = useNavigate();
  const active = me.activeMembership;
  if (me.memberships.length < 2) {
    return <span className="trama-slim-text d-none d-md-inline">{label(active)}</span>;
  }
  return (
    <div className="trama-switcher">
      <label htmlFor="membership-switcher" className="trama-slim-text">
        {t('header.actingAs')}
      </label>
      <select
        id="membership-switcher"
        className="trama-slim-select"
        value={active.id}
        disabled={switchTo.isPending}
        onChange={(e) => switchTo.mutate(e.target.value, { onSuccess: () => navigate('/') })}
      >
        {me.memberships.map((m) => (
          <option key={m.id} value={m.id}>
            {label(m)}
          </option>
        ))}
      </select>
      {switchTo.error ? (
        <span role="alert" className="trama-slim-text ms-2">
          {errorMessage(t, switchTo.error)}
        </span>
      ) : null}
    </div>
  );
}

function LogoutButton({ className, onDone }: { className: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className={className}
      disabled={logout.isPending}
      onClick={() =>
        logout.mutate(undefined, {
          onSettled: () => {
            onDone?.();
            navigate('/login', { replace: true });
          },
        })
      }
    >
      <span>{t('nav.logout')}</span>
    </button>
  );
}

/** Large screens: the user's name, then their account links (in the menu on small screens). */
function AccountLinks({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <div className="trama-account d-none d-lg-flex">
      <span className="trama-user" data-testid="current-user">
        {me.user.displayName}
      </span>
      <NavLink to="/account/password" className="trama-account-link">
        {t('nav.password')}
      </NavLink>
      <LogoutButton className="btn btn-link trama-account-link" />
    </div>
  );
}

function MainNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const cls = ({ isActive }: { isActive: boolean }) => `nav-link${isActive ? ' active' : ''}`;
  const items = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/organizations', label: t('nav.organizations'), end: false },
    ...(isPlatformAdmin(me) ? [{ to: '/audit', label: t('nav.audit'), end: false }] : []),
    ...(me.activeMembership.role === 'operator_staff'
      ? [{ to: '/caseload', label: t('nav.caseload'), end: false }]
      : []),
    // Network coordinators are case workers too (they register and import people).
    ...(canWritePeople(me) ? [{ to: '/people', label: t('nav.people'), end: false }] : []),
    ...(canSeeCrises(me.activeMembership.role)
      ? [{ to: '/crises', label: t('nav.crises'), end: false }]
      : []),
    ...(me.activeMembership.role === 'citizen'
      ? [{ to: '/me/path', label: t('nav.myPath'), end: false }]
      : []),
    ...(me.activeMembership.role === 'company_staff'
      ? [
          { to: '/my-company', label: t('nav.myCompany'), end: false },
          { to: '/vacancies', label: t('nav.vacancies'), end: false },
        ]
      : []),
    ...(me.activeMembership.role === 'operator_staff'
      ? [
          { to: '/vacancies', label: t('nav.vacancies'), end: false },
          { to: '/candidatures', label: t('nav.candidatures'), end: false },
        ]
      : []),
    ...(['network_coordinator', 'regional_officer'].includes(me.activeMembership.role)
      ? [
          { to: '/vacancies', label: t('nav.vacancies'), end: false },
          { to: '/pledges', label: t('nav.pledges'), end: false },
        ]
      : []),
    ...(['regional_officer', 'network_coordinator', 'operator_staff', 'platform_admin'].includes(
      me.activeMembership.role,
    )
      ? [{ to: '/analytics/skills-gap', label: t('nav.skillsGap'), end: false }]
      : []),
  ];
  return (
    <Header type="navbar" theme="">
      <HeaderContent expand="lg" megamenu aria-label={t('nav.label')}>
        <HeaderToggler
          aria-controls="main-nav"
          aria-label={t('nav.toggle')}
          isOpen={open}
          onClick={() => setOpen((o) => !o)}
        >
          <svg className="icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
            <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" fill="currentColor" />
          </svg>
        </HeaderToggler>
        <Collapse
          isOpen={open}
          navbar
          header
          onOverlayClick={close}
          id="main-nav"
          closeSrText={t('nav.close')}
        >
          <div className="menu-wrapper">
            <ul className="navbar-nav">
              {items.map((i) => (
                <li className="nav-item" key={i.to}>
                  <NavLink to={i.to} end={i.end} className={cls} onClick={close}>
                    <span>{i.label}</span>
                  </NavLink>
                </li>
              ))}
              {/* On large screens the account links sit beside the user's name (AccountLinks). */}
              <li className="nav-item d-lg-none">
                <NavLink to="/account/password" className={cls} onClick={close}>
                  <span>{t('nav.password')}</span>
                </NavLink>
              </li>
              <li className="nav-item d-lg-none">
                <LogoutButton className="nav-link btn btn-link trama-nav-button" onDone={close} />
              </li>
            </ul>
          </div>
        </Collapse>
      </HeaderContent>
    </Header>
  );
}

/** Slim header (membership switcher, language), centre header (brand, user), then the navigation. */
export function AppHeader({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  return (
    <header>
      <Headers>
        <Header type="slim">
          <HeaderContent>
            <span className="navbar-brand trama-slim-text">{t('header.network')}</span>
            <HeaderRightZone>
              {me && <MembershipSwitcher me={me} />}
              <LanguageSwitch />
            </HeaderRightZone>
          </HeaderContent>
        </Header>
        <div className="it-nav-wrapper">
          <Header type="center" small={!me}>
            <HeaderContent>
              <div className="it-brand-wrapper">
                <Link to="/" aria-label={t('header.homeLink')}>
                  <svg
                    className="icon trama-logo"
                    aria-hidden="true"
                    viewBox="0 0 48 48"
                    width="48"
                    height="48"
                  >
                    <path
                      d="M6 10h36M6 24h36M6 38h36M10 6v36M24 6v36M38 6v36"
                      stroke="currentColor"
                      strokeWidth="3"
                      fill="none"
                      strokeLinecap="round"
                    />
                  </svg>
                  <div className="it-brand-text">
                    <div className="it-brand-title">Trama</div>
                    <div className="it-brand-tagline d-none d-md-block">{t('header.tagline')}</div>
                  </div>
                </Link>
              </div>
              {me && (
                <HeaderRightZone>
                  <AccountLinks me={me} />
                </HeaderRightZone>
              )}
            </HeaderContent>
          </Header>
          {me && <MainNav me={me} />}
        </div>
      </Headers>
    </header>
  );
}
