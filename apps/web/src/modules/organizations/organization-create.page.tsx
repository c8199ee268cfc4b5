import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading';
import { OrganizationForm } from './organization-form';
import { useCreateOrganization } from './organizations.queries';

export default function OrganizationCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateOrganization();
  return (
    <>
      <PageHeading title={t('organizations.create.title')}>{t('organizations.create.title')}</PageHeading>
      <p>{t('forms.requiredNote')}</p>
      <OrganizationForm
        mode="create"
        pending={create.isPending}
        error={create.error}
        cancelTo="/organizations"
        onSubmit={async (input) => {
          const org = await create.mutateAsync(input);
          navigate(`/organizations/${org.id}`, { state: { flash: 'created' } });
        }}
      />
    </>
  );
}
