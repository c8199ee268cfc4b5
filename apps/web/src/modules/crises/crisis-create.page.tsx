import { CrisisInput } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { validate, type FieldErrors } from '../../components/validate';
import { searchMunicipalities } from '../reference/reference.queries';
import { searchOrganizations, useCreateCrisis, useProgrammes } from './crises.queries';

const searchCompanies = searchOrganizations('company');

/** Open a company crisis, owned by my organisation. */
export default function CrisisCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCrisis();
  const programmes = useProgrammes();
  const [title, setTitle] = useState('');
  const [company, setCompany] = useState<ComboboxOption | null>(null);
  const [site, setSite] = useState<ComboboxOption | null>(null);
  const [programmeId, setProgrammeId] = useState('');
  const [workers, setWorkers] = useState('');
  const [announcedOn, setAnnouncedOn] = useState('');
  const [agreementOn, setAgreementOn] = useState('');
  const [redundancyEndOn, setRedundancyEndOn] = useState('');
  const [signed, setSigned] = useState(false);
  const [unions, setUnions] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const labels: Record<string, string> = {
    title: t('crises.fields.title'),
    companyId: t('crises.fields.company'),
    siteMunicipalityCode: t('crises.fields.site'),
    programmeId: t('crises.fields.programme'),
    workersAffected: t('crises.fields.workersAffected'),
    announcedOn: t('crises.fields.announcedOn'),
    agreementOn: t('crises.fields.agreementOn'),
    redundancyEndOn: t('crises.fields.redundancyEndOn'),
    unionOrganizations: t('crises.fields.unions'),
    agreementNotes: t('crises.fields.agreementNotes'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(CrisisInput, {
      title,
      companyId: company?.value ?? '',
      siteMunicipalityCode: site?.value ?? '',
      programmeId,
      workersAffected: workers.trim() === '' ? undefined : Number(workers),
      announcedOn,
      agreementOn: agreementOn || null,
      redundancyEndOn: redundancyEndOn || null,
      agreementSigned: signed,
      unionOrganizations: unions
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
      agreementNotes: notes.trim() || null,
    });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      const crisis = await create.mutateAsync(v.data);
      navigate(`/crises/${crisis.id}`);
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <>
      <PageHeading title={t('crises.create.title')}>{t('crises.create.title')}</PageHeading>
      <p>{t('forms.requiredNote')}</p>
      <form onSubmit={onSubmit} noValidate data-testid="crisis-form">
        <ErrorSummary errors={errors} labels={labels} />
        <ErrorAlert error={create.error && !Object.keys(errors).length ? create.error : null} />
        <fieldset>
          <legend className="h4">{t('crises.create.company')}</legend>
          <TextField
            id="title"
            label={labels.title!}
            value={title}
            onChange={setTitle}
            required
            error={errors.title}
            maxLength={200}
          />
          <Combobox
            id="companyId"
            label={labels.companyId!}
            value={company}
            onChange={setCompany}
            queryKey={['organizations', 'lookup', 'company']}
            search={searchCompanies}
            required
            error={errors.companyId}
          />
          <Combobox
            id="siteMunicipalityCode"
            label={labels.siteMunicipalityCode!}
            value={site}
            onChange={setSite}
            queryKey={['reference', 'municipalities']}
            search={searchMunicipalities}
            required
            error={errors.siteMunicipalityCode}
          />
          <TextField
            id="workersAffected"
            label={labels.workersAffected!}
            value={workers}
            onChange={setWorkers}
            inputMode="numeric"
            required
            error={errors.workersAffected}
          />
          <SelectField
            id="programmeId"
            label={labels.programmeId!}
            value={programmeId}
            onChange={setProgrammeId}
            placeholder={t('crises.create.choose')}
            options={(programmes.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.code} – ${p.name}`,
            }))}
            required
            error={errors.programmeId}
            hint={t('crises.create.programmeHint')}
          />
        </fieldset>
        <fieldset>
          <legend className="h4">{t('crises.create.datesAndAgreement')}</legend>
          <TextField
            id="announcedOn"
            type="date"
            label={labels.announcedOn!}
            value={announcedOn}
            onChange={setAnnouncedOn}
            required
            error={errors.announcedOn}
          />
          <CheckboxField
            id="agreementSigned"
            label={t('crises.fields.agreementSigned')}
            checked={signed}
            onChange={setSigned}
          />
          <TextField
            id="agreementOn"
            type="date"
            label={labels.agreementOn!}
            value={agreementOn}
            onChange={setAgreementOn}
            error={errors.agreementOn}
          />
          <TextField
            id="redundancyEndOn"
            type="date"
            label={labels.redundancyEndOn!}
            value={redundancyEndOn}
            onChange={setRedundancyEndOn}
            error={errors.redundancyEndOn}
          />
          <TextField
            id="unionOrganizations"
            label={labels.unionOrganizations!}
            value={unions}
            onChange={setUnions}
            hint={t('crises.create.unionsHint')}
            error={errors.unionOrganizations}
          />
          <TextAreaField
            id="agreementNotes"
            label={labels.agreementNotes!}
            value={notes}
            onChange={setNotes}
            error={errors.agreementNotes}
            maxLength={4000}
          />
        </fieldset>
        <div className="d-flex gap-3">
          <Button type="submit" color="primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('crises.create.submit')}
          </Button>
          <Link to="/crises" className="btn btn-outline-primary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
