import { COMPANY_SIZE_CLASSES, CompanyProfileInput, LIMITS } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { SelectField, TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { atecoOption, searchAteco, searchMunicipalities } from '../reference/reference.queries';
import { useSaveCompanyProfile, type Company } from './companies.queries';

/** "sites.3" -> "sites": the sites are one picker. */
function collapse(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, e] of Object.entries(errors)) {
    const key = k.startsWith('sites.') ? 'sites' : k;
    if (!out[key]) out[key] = { ...e, field: key };
  }
  return out;
}

/**
 * The company's own staff edit its profile: size class, sector, ATECO 2025 (the 2007 code of an imported
 * company is kept as it is) and sites (municipalities). Optimistic locking on the profile's version.
 */
export function CompanyProfileForm({
  company,
  onDone,
  onReload,
}: {
  company: Company;
  onDone: (saved: boolean) => void;
  /** After a version conflict: load the saved profile again (the form restarts from it). */
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveCompanyProfile(company.id);
  const [sizeClass, setSizeClass] = useState<string>(company.sizeClass ?? '');
  const [sector, setSector] = useState(company.sector ?? '');
  const [ateco, setAteco] = useState<ComboboxOption | null>(
    company.ateco2025Code ? atecoOption(company.ateco2025Code, null) : null,
  );
  const [sites, setSites] = useState<ComboboxOption[]>(() =>
    company.sites.map((s) => ({ value: s.municipalityCode, label: s.name })),
  );
  const [siteInput, setSiteInput] = useState<ComboboxOption | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const labels: Record<string, string> = {
    sizeClass: t('companies.fields.sizeClass'),
    sector: t('companies.fields.sector'),
    ateco2025Code: t('companies.fields.ateco'),
    sites: t('companies.fields.sites'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(CompanyProfileInput, {
      sizeClass,
      sector: sector.trim() === '' ? null : sector,
      ateco2025Code: ateco?.value ?? '',
      ateco2007Code: company.ateco2007Code,
      sites: sites.map((s) => s.value),
    });
    if (!v.ok) {
      setErrors(collapse(v.errors));
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync({ ...v.data, version: company.version });
      onDone(true);
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(collapse(err.fieldErrors()));
    }
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="company-profile-form" aria-labelledby="profile-title">
      <p>{t('forms.requiredNote')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {!hasFieldErrors && <ErrorAlert error={save.error} testId="company-profile-error" />}
      {isApiError(save.error) && save.error.status === 409 && (
        <Button color="primary" outline size="sm" className="mb-3" type="button" onClick={onReload}>
          {t('forms.reloadLatest')}
        </Button>
      )}
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField
            id="sizeClass"
            label={labels.sizeClass!}
            value={sizeClass}
            onChange={setSizeClass}
            placeholder={t('companies.form.chooseSize')}
            options={COMPANY_SIZE_CLASSES.map((x) => ({ value: x, label: t(`companies.sizeClasses.${x}`) }))}
            hint={t('companies.form.sizeHint')}
            error={errors.sizeClass}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="sector"
            label={labels.sector!}
            value={sector}
            onChange={setSector}
            hint={t('companies.form.sectorHint')}
            error={errors.sector}
            maxLength={LIMITS.shortText}
          />
        </div>
        <div className="col-12">
          <Combobox
            id="ateco2025Code"
            label={labels.ateco2025Code!}
            hint={
              company.ateco2007Code
                ? t('companies.form.atecoHint2007', { code: company.ateco2007Code })
                : t('reference.atecoHint')
            }
            value={ateco}
            onChange={setAteco}
            queryKey={['reference', 'ateco', i18n.language]}
            search={searchAteco(i18n.language)}
            error={errors.ateco2025Code}
            required
          />
        </div>
        <div className="col-12">
          <Combobox
            id="sites"
            label={t('companies.form.addSite')}
            hint={t('companies.form.sitesHint')}
            value={siteInput}
            onChange={(o) => {
              setSiteInput(null);
              if (o && !sites.some((s) => s.value === o.value)) setSites((p) => [...p, o]);
            }}
            queryKey={['reference', 'municipalities']}
            search={searchMunicipalities}
            error={errors.sites}
          />
          <p className="fw-semibold mb-1" id="sites-list-title">
            {labels.sites}
          </p>
          {sites.length === 0 ? (
            <p className="text-muted">{t('companies.form.noSites')}</p>
          ) : (
            <ul className="list-unstyled" aria-labelledby="sites-list-title" data-testid="company-sites">
              {sites.map((s) => (
                <li key={s.value} className="d-flex align-items-center gap-2 mb-1">
                  <span>{s.label}</span>
                  <button
                    type="button"
                    className="btn btn-link btn-sm p-0"
                    onClick={() => setSites((p) => p.filter((x) => x.value !== s.value))}
                  >
                    {t('companies.form.removeSite', { name: s.label })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="d-flex flex-wrap gap-3">
        <Button color="primary" type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('companies.form.save')}
        </Button>
        <Button color="secondary" outline type="button" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
