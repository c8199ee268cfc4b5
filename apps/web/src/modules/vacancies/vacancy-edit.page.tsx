import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { useUpdateVacancy, useVacancy } from './vacancies.queries';
import { VacancyForm } from './vacancy-form';

export default function VacancyEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const vacancy = useVacancy(id);
  const update = useUpdateVacancy(id);
  if (vacancy.isPending) return <Loading />;
  if (!vacancy.data)
    return (
      <>
        <PageHeading title={t('vacancies.detail.notFound')}>{t('vacancies.detail.notFound')}</PageHeading>
        <ErrorAlert error={vacancy.error} />
        <Link to="/vacancies">{t('vacancies.detail.back')}</Link>
      </>
    );
  const title = t('vacancies.edit.title', { title: vacancy.data.title });
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('forms.requiredNote')}</p>
      <VacancyForm
        mode="edit"
        vacancy={vacancy.data}
        pending={update.isPending}
        error={update.error}
        cancelTo={`/vacancies/${id}`}
        onSubmit={async (patch) => {
          await update.mutateAsync(patch);
          navigate(`/vacancies/${id}`, { state: { flash: 'saved' } });
        }}
      />
    </>
  );
}
