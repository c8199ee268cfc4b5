import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading';
import { useCreateVacancy } from './vacancies.queries';
import { VacancyForm } from './vacancy-form';

export default function VacancyCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateVacancy();
  return (
    <>
      <PageHeading title={t('vacancies.create.title')}>{t('vacancies.create.title')}</PageHeading>
      <p>{t('forms.requiredNote')}</p>
      <VacancyForm
        mode="create"
        pending={create.isPending}
        error={create.error}
        cancelTo="/vacancies"
        onSubmit={async (input) => {
          const v = await create.mutateAsync(input);
          navigate(`/vacancies/${v.id}`, { state: { flash: v.status === 'open' ? 'published' : 'drafted' } });
        }}
      />
    </>
  );
}
