import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading';
import { useCreatePerson } from './people.queries';
import { PersonForm } from './person-form';

export default function PersonCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePerson();
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/people">{t('people.list.title')}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {t('people.create.title')}
          </li>
        </ol>
      </nav>
      <PageHeading title={t('people.create.title')}>{t('people.create.title')}</PageHeading>
      <p>{t('people.create.intro')}</p>
      <PersonForm
        mode="create"
        pending={create.isPending}
        error={create.error}
        cancelTo="/people"
        onSubmit={async (input) => {
          const p = await create.mutateAsync(input);
          navigate(`/people/${p.id}`, { state: { flash: 'created' } });
        }}
      />
    </>
  );
}
