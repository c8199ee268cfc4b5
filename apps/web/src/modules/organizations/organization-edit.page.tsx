import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { OrganizationForm } from './organization-form';
import { useOrganization, useUpdateOrganization } from './organizations.queries';

export default function OrganizationEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const org = useOrganization(id);
  const update = useUpdateOrganization(id);
  const title = org.data
    ? t('organizations.edit.title', { name: org.data.name })
    : t('organizations.edit.titleShort');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {org.isPending && <Loading />}
      <ErrorAlert error={org.error} />
      {org.data && (
        <>
          <p>{t('forms.requiredNote')}</p>
          <OrganizationForm
            // A new version (e.g. after a conflict and reload) starts the form again from the saved data.
            key={org.data.version}
            mode="edit"
            organization={org.data}
            pending={update.isPending}
            error={update.error}
            cancelTo={`/organizations/${id}`}
            onSubmit={async (input) => {
              await update.mutateAsync(input);
              navigate(`/organizations/${id}`, { state: { flash: 'updated' } });
            }}
          />
        </>
      )}
    </>
  );
}
