import { OfficeInput } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { ErrorAlert, ErrorSummary, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { validate, type FieldErrors } from '../../components/validate';
import {
  OfficeFields,
  emptyOffice,
  officeLabels,
  toOfficeInput,
  type OfficeFormState,
} from './office-fields';
import { useCreateOffice, useOrganization } from './organizations.queries';

export default function OfficeCreatePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const org = useOrganization(id);
  const create = useCreateOffice(id);
  const [office, setOffice] = useState<OfficeFormState>(emptyOffice);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(OfficeInput, toOfficeInput(office));
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      await create.mutateAsync(v.data);
      navigate(`/organizations/${id}`, { state: { flash: 'officeCreated' } });
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  const title = org.data
    ? t('offices.create.title', { name: org.data.name })
    : t('offices.create.titleShort');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {org.isPending && <Loading />}
      <ErrorAlert error={org.error} />
      {org.data && (
        <form onSubmit={onSubmit} noValidate data-testid="office-form">
          <p>{t('forms.requiredNote')}</p>
          <ErrorSummary errors={errors} labels={officeLabels(t)} />
          {!Object.keys(errors).length && <ErrorAlert error={create.error} />}
          <OfficeFields value={office} onChange={setOffice} errors={errors} />
          <div className="d-flex flex-wrap gap-3 mt-4">
            <Button color="primary" type="submit" disabled={create.isPending}>
              {create.isPending ? t('common.saving') : t('offices.create.submit')}
            </Button>
            <Link className="btn btn-outline-secondary" to={`/organizations/${id}`}>
              {t('common.cancel')}
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
