import { Card, CardBody } from 'design-react-kit';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { i18n as i18nInstance } from '../../i18n';
import { useMe } from '../auth/auth.queries';
import { useHomeKpi, type KpiFigure, type KpiSection } from './kpi.queries';

const BREAKDOWN_SHOWN = 6;

/** A breakdown slice's name: a known code (organisation type, accreditation kind) or the server's label. */
function sliceLabel(t: TFunction, s: { key: string; label: string | null }): string {
  for (const k of [
    `kpi.slices.${s.key}`,
    `organizationTypes.${s.key}`,
    `accreditations.kinds.${s.key}`,
    `pathways.states.${s.key}`,
  ]) {
    if (i18nInstance.exists(k)) return t(k);
  }
  return s.label ?? s.key;
}

function formatValue(f: Pick<KpiFigure, 'value' | 'unit'>, lang: string, t: TFunction): string {
  switch (f.unit) {
    case 'eur':
      return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 0,
      }).format(f.value);
    case 'eur_cents':
      return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 0,
      }).format(f.value / 100);
    case 'percent':
      return `${formatNumber(f.value, lang)}%`;
    case 'days':
      return t('kpi.days', { count: f.value, formatted: formatNumber(f.value, lang) });
    default:
      return formatNumber(f.value, lang);
  }
}

function FigureTile({ figure }: { figure: KpiFigure }) {
  const { t, i18n } = useTranslation();
  const key = `kpi.figures.${figure.key}`;
  const label = i18n.exists(key) ? t(key) : figure.key;
  const max = figure.breakdown.reduce((m, b) => Math.max(m, b.value), 0);
  return (
    <Card className="card-bg h-100 shadow-sm trama-kpi" data-testid={`kpi-${figure.key}`}>
      <CardBody className="p-4">
        <p className="trama-kpi-value mb-1">
          {formatValue(figure, i18n.language, t)}
          {figure.of !== null && (
            <span className="trama-kpi-of">
              {' '}
              {t('kpi.of', { total: formatValue({ ...figure, value: figure.of }, i18n.language, t) })}
            </span>
          )}
        </p>
        <h3 className="h6 mb-0 trama-kpi-label">{label}</h3>
        {figure.breakdown.length > 0 && (
          <ul
            className="list-unstyled trama-breakdown mt-3 mb-0"
            aria-label={t('kpi.breakdownOf', { label })}
          >
            {figure.breakdown.slice(0, BREAKDOWN_SHOWN).map((b) => (
              <li key={b.key}>
                <span className="trama-breakdown-name">{sliceLabel(t, b)}</span>
                <span className="trama-breakdown-value">{formatNumber(b.value, i18n.language)}</span>
                <span className="trama-breakdown-bar" aria-hidden="true">
                  <span style={{ width: `${max ? Math.max(2, (b.value / max) * 100) : 0}%` }} />
                </span>
              </li>
            ))}
            {figure.breakdown.length > BREAKDOWN_SHOWN && (
              <li className="text-muted-strong">
                {t('kpi.others', { count: figure.breakdown.length - BREAKDOWN_SHOWN })}
              </li>
            )}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

function Section({ section }: { section: KpiSection }) {
  const { t, i18n } = useTranslation();
  const titleKey = `kpi.sections.${section.key}`;
  const namedKey = i18n.exists(`kpi.sections.${section.key}Named`)
    ? `kpi.sections.${section.key}Named`
    : 'kpi.sections.organizationNamed';
  const title = section.organization
    ? t(namedKey, { name: section.organization.name })
    : i18n.exists(titleKey)
      ? t(titleKey)
      : section.key;
  const headingId = `kpi-section-${section.key}`;
  return (
    <section aria-labelledby={headingId} className="mb-5" data-testid={`kpi-section-${section.key}`}>
      <h2 id={headingId} className="h3">
        {title}
      </h2>
      {section.figures.length === 0 ? (
        <p>{t('kpi.sectionEmpty')}</p>
      ) : (
        <div className="row">
          {section.figures.map((f) => (
            <div key={f.key} className="col-12 col-md-6 col-xl-4 mb-4">
              <FigureTile figure={f} />
            </div>
          ))}
        </div>
      )}
      {section.organization && (
        <Link to={`/organizations/${section.organization.id}`}>{t('kpi.openOrganization')}</Link>
      )}
    </section>
  );
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const kpi = useHomeKpi();
  const sections = kpi.data?.sections ?? [];
  const title = me.data ? t('home.title', { name: me.data.user.displayName }) : t('home.titleShort');
  return (
    <>
      <PageHeading title={t('home.titleShort')}>{title}</PageHeading>
      {me.data && (
        <p className="lead">
          {me.data.activeMembership.organizationName
            ? t('home.actingAs', {
                role: t(`roles.${me.data.activeMembership.role}`),
                organization: me.data.activeMembership.organizationName,
              })
            : t('home.actingAsNoOrg', { role: t(`roles.${me.data.activeMembership.role}`) })}
        </p>
      )}
      <div aria-live="polite" aria-busy={kpi.isPending}>
        {kpi.isPending && <Loading label={t('home.loading')} />}
        <ErrorAlert error={kpi.error} />
        {kpi.isSuccess && sections.length === 0 && (
          <EmptyState title={t('home.emptyTitle')}>
            <p className="mb-2">{t('home.emptyText')}</p>
            <Link to="/organizations">{t('home.goToOrganizations')}</Link>
          </EmptyState>
        )}
      </div>
      {sections.map((s) => (
        <Section key={`${s.key}-${s.organization?.id ?? ''}`} section={s} />
      ))}
      {kpi.data && sections.length > 0 && (
        <p className="small">{t('home.asOf', { when: formatDateTime(kpi.data.asOf, i18n.language) })}</p>
      )}
    </>
  );
}
