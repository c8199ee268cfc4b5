import { Alert, Badge, Button, Card, CardBody } from 'design-react-kit';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { formatDate } from '../../i18n/format';
import { useOrganization, useSetOrganizationStatus, type Office } from './organizations.queries';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="col-12 col-md-6 col-lg-4 mb-3">
      <dt>{label}</dt>
      <dd className="mb-0">{children ?? '—'}</dd>
    </div>
  );
}

export default function OrganizationDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const org = useOrganization(id);
  const setStatus = useSetOrganizationStatus(id);
  const [confirming, setConfirming] = useState(false);

  if (org.isPending) return <Loading />;
  if (org.error || !org.data) {
    return (
      <>
        <PageHeading title={t('organizations.detail.notFoundTitle')}>
          {t('organizations.detail.notFoundTitle')}
        </PageHeading>
        <ErrorAlert error={org.error} />
        <Link to="/organizations">{t('organizations.detail.backToList')}</Link>
      </>
    );
  }
  const o = org.data;
  const archived = o.status === 'archived';
  const action = archived ? 'restore' : 'archive';

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/organizations">{t('nav.organizations')}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {o.name}
          </li>
        </ol>
      </nav>

      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <div>
          <PageHeading title={o.name}>{o.name}</PageHeading>
          <p className="mb-2">
            <span>{t(`organizationTypes.${o.type}`)}</span>
            {o.accredited && (
              <Badge color="success" className="ms-2">
                {t('organizations.detail.accredited')}
              </Badge>
            )}
            {archived && (
              <Badge color="secondary" className="ms-2">
                {t('organizations.status.archived')}
              </Badge>
            )}
          </p>
        </div>
        <div className="d-flex flex-wrap gap-2">
          {o.permissions.update && !archived && (
            <Link className="btn btn-primary" to={`/organizations/${o.id}/edit`}>
              {t('organizations.detail.edit')}
            </Link>
          )}
          {o.permissions.archive && !confirming && (
            <Button color="secondary" outline onClick={() => setConfirming(true)}>
              {t(`organizations.detail.${action}`)}
            </Button>
          )}
        </div>
      </div>

      {flash && (
        <Alert fade={false} color="success" role="status" data-testid="flash">
          {t(`organizations.flash.${flash}`)}
        </Alert>
      )}
      <ErrorAlert error={setStatus.error} />

      {confirming && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="confirm-status-title">
          <p id="confirm-status-title" className="fw-semibold">
            {t(`organizations.detail.${action}Confirm`, { name: o.name })}
          </p>
          <div className="d-flex gap-2">
            <Button
              color="primary"
              size="sm"
              disabled={setStatus.isPending}
              onClick={() => setStatus.mutate(action, { onSettled: () => setConfirming(false) })}
              autoFocus
            >
              {t(`organizations.detail.${action}Yes`)}
            </Button>
            <Button color="secondary" outline size="sm" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}

      <section aria-labelledby="org-data-title" className="mt-4">
        <h2 id="org-data-title" className="h3">
          {t('organizations.detail.data')}
        </h2>
        <dl className="row">
          <Field label={t('organizations.fields.fiscalCode')}>
            <span className="font-monospace">{o.fiscalCode}</span>
          </Field>
          <Field label={t('organizations.fields.vatNumber')}>
            {o.vatNumber && <span className="font-monospace">{o.vatNumber}</span>}
          </Field>
          <Field label={t('organizations.fields.ateco')}>
            {o.atecoCode && (
              <>
                <span className="font-monospace">{o.atecoCode}</span>
                {o.atecoTitle && ` – ${o.atecoTitle}`}
              </>
            )}
          </Field>
          <Field label={t('organizations.fields.legalSeat')}>
            {o.legalSeat.name} ({o.legalSeat.provinceAbbreviation})
          </Field>
          <Field label={t('organizations.fields.address')}>
            {o.address && [o.address, o.postalCode].filter(Boolean).join(' – ')}
          </Field>
          <Field label={t('organizations.fields.email')}>
            {o.email && <a href={`mailto:${o.email}`}>{o.email}</a>}
          </Field>
          <Field label={t('organizations.fields.pec')}>
            {o.pec && <a href={`mailto:${o.pec}`}>{o.pec}</a>}
          </Field>
          <Field label={t('organizations.fields.phone')}>{o.phone}</Field>
          <Field label={t('organizations.fields.website')}>
            {o.website && (
              <a href={o.website} rel="noopener noreferrer" target="_blank">
                {o.website}
                <span className="visually-hidden"> {t('common.newWindow')}</span>
              </a>
            )}
          </Field>
          <Field label={t('organizations.detail.updatedAt')}>{formatDate(o.updatedAt, i18n.language)}</Field>
        </dl>
        {o.description && (
          <>
            <h3 className="h5">{t('organizations.fields.description')}</h3>
            <p className="trama-prewrap">{o.description}</p>
          </>
        )}
      </section>

      <section aria-labelledby="org-offices-title" className="mt-4">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2">
          <h2 id="org-offices-title" className="h3">
            {t('organizations.detail.offices', { count: o.offices.length })}
          </h2>
          {o.permissions.manageOffices && !archived && (
            <Link className="btn btn-outline-primary" to={`/organizations/${o.id}/offices/new`}>
              {t('organizations.detail.addOffice')}
            </Link>
          )}
        </div>
        {o.offices.length === 0 ? (
          <p data-testid="no-offices">{t('organizations.detail.noOffices')}</p>
        ) : (
          <div className="row">
            {o.offices.map((office) => (
              <div key={office.id} className="col-12 col-lg-6 mb-4">
                <OfficeCard office={office} />
              </div>
            ))}
          </div>
        )}
      </section>
    </>
  );
}

function OfficeCard({ office }: { office: Office }) {
  const { t, i18n } = useTranslation();
  return (
    <Card className="card-bg h-100 shadow-sm" data-testid="office-card">
      <CardBody className="p-4">
        <h3 className="h5 card-title">{office.name}</h3>
        <p className="mb-2">
          {office.address}
          {office.postalCode && ` – ${office.postalCode}`} {office.municipality.name} (
          {office.municipality.provinceAbbreviation})
        </p>
        {(office.email || office.phone) && (
          <p className="mb-2">
            {office.email && <a href={`mailto:${office.email}`}>{office.email}</a>}
            {office.email && office.phone && ' · '}
            {office.phone}
          </p>
        )}
        <h4 className="h6 mt-3">{t('accreditations.title')}</h4>
        {office.accreditations.length === 0 ? (
          <p className="mb-0">{t('accreditations.none')}</p>
        ) : (
          <ul className="list-unstyled mb-0">
            {office.accreditations.map((a) => (
              <li key={a.id} className="mb-2">
                <span className="fw-semibold">{t(`accreditations.kinds.${a.kind}`)}</span> –{' '}
                {t(`accreditations.statuses.${a.status}`)}
                {a.current ? (
                  <Badge color="success" className="ms-2">
                    {t('accreditations.current')}
                  </Badge>
                ) : (
                  <Badge color="secondary" className="ms-2">
                    {t('accreditations.notCurrent')}
                  </Badge>
                )}
                <br />
                <small>
                  {t('accreditations.registerShort', { number: a.registerNumber })} ·{' '}
                  {a.validTo
                    ? t('accreditations.validRange', {
                        from: formatDate(a.validFrom, i18n.language),
                        to: formatDate(a.validTo, i18n.language),
                      })
                    : t('accreditations.validFromOnly', { from: formatDate(a.validFrom, i18n.language) })}
                </small>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
