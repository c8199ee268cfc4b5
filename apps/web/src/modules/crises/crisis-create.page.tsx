import { CrisisInput } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { FormErrors, submitValidated } from '../../components/form-errors';
import { PageHeading } from '../../components/page-heading';
import { optionalNumber, validate, type FieldErrors } from '../../components/validate';
import { searchOrganizations, useCreateCrisis, useProgrammes } from './crises.queries';
import { CrisisFields, crisisLabels, crisisPayload, type CrisisFieldValues } from './crisis-fields';

const searchCompanies = searchOrganizations('company');

/** Open a company crisis, owned by my organisation. */
export default function CrisisCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCrisis();
  const programmes = useProgrammes();
  const [fields, setFields] = useState<CrisisFieldValues>({
    title: '',
    site: null,
    programmeId: '',
    workers: '',
    announcedOn: '',
    agreementOn: '',
    redundancyEndOn: '',
    signed: false,
    unions: '',
    notes: '',
  });
  const [company, setCompany] = useState<ComboboxOption | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const labels: Record<string, string> = { ...crisisLabels(t), companyId: t('crises.fields.company') };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(CrisisInput, {
      ...crisisPayload(fields),
      companyId: company?.value ?? '',
      workersAffected: optionalNumber(fields.workers),
    });
    await submitValidated(v, setErrors, async (data) => {
      const crisis = await create.mutateAsync(data);
      navigate(`/crises/${crisis.id}`);
    });
  }

  return (
    <>
      <PageHeading title={t('crises.create.title')}>{t('crises.create.title')}</PageHeading>
      <p>{t('forms.requiredNote')}</p>
      <form onSubmit={onSubmit} noValidate data-testid="crisis-form">
        <FormErrors errors={errors} labels={labels} error={create.error} />
        <CrisisFields
          variant="create"
          values={fields}
          onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
          errors={errors}
          labels={labels}
          programmeOptions={(programmes.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.code} – ${p.name}`,
          }))}
          programmePlaceholder={t('crises.create.choose')}
          maxLengths={{ title: 200, notes: 4000 }}
          afterTitle={
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
          }
        />
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
