import type { VacancyStatus } from '@trama/contracts';
import { Alert, Badge, Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/auth.queries';
import { CandidatureTable } from '../candidatures/candidature-ui';
import { useCandidatures } from '../candidatures/candidatures.queries';
import { Detail } from '../pathways/pathway-ui';
import { canManageVacancy, canPropose, canRankCandidates } from './vacancies.permissions';
import { useUpdateVacancy, useVacancy, type Vacancy } from './vacancies.queries';
import { VacancyStatusBadge } from './vacancy-ui';

/** Status moves offered to the company (the server checks them). */
const MOVES: Record<VacancyStatus, VacancyStatus[]> = {
  draft: ['open', 'closed'],
  open: ['filled', 'closed'],
  filled: ['open', 'closed'],
  closed: ['open'],
};

function StatusActions({ v }: { v: Vacancy }) {
  const { t } = useTranslation();
  const update = useUpdateVacancy(v.id);
  return (
    <div className="mb-3">
      <div className="d-flex flex-wrap gap-2" role="group" aria-label={t('vacancies.detail.statusActions')}>
        {MOVES[v.status].map((s) => (
          <Button
            key={s}
            color="primary"
            outline={s !== 'open'}
            size="sm"
            disabled={update.isPending}
            onClick={() => update.mutate({ version: v.version, status: s })}
          >
            {t(`vacancies.detail.moveTo.${s}`)}
          </Button>
        ))}
      </div>
      <ErrorAlert error={update.error} />
    </div>
  );
}

export default function VacancyDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const me = useMe();
  const vacancy = useVacancy(id);
  const v = vacancy.data;
  const manage = v ? canManageVacancy(me.data, v.organizationId) : false;
  const showCandidatures = Boolean(v && (manage || canPropose(me.data)));
  const candidatures = useCandidatures({ vacancyId: id }, showCandidatures);

  if (vacancy.isPending) return <Loading />;
  if (!v) {
    return (
      <>
        <PageHeading title={t('vacancies.detail.notFound')}>{t('vacancies.detail.notFound')}</PageHeading>
        <ErrorAlert error={vacancy.error} />
        <Link to="/vacancies">{t('vacancies.detail.back')}</Link>
      </>
    );
  }
  const lang = i18n.language;
  const languageName = new Intl.DisplayNames([lang === 'en' ? 'en' : 'it'], { type: 'language' });
  const items = candidatures.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/vacancies">{t('vacancies.list.title')}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {v.title}
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <div>
          <PageHeading title={v.title}>{v.title}</PageHeading>
          <p className="mb-2">
            {v.organizationName} · <VacancyStatusBadge status={v.status} />
            {v.countsTowardsPledge && (
              <Badge color="success" className="ms-2">
                {t('vacancies.pledged')}
              </Badge>
            )}
          </p>
        </div>
        <div className="d-flex flex-wrap gap-2">
          {canRankCandidates(me.data, v.organizationId) && v.status === 'open' && (
            <Link className="btn btn-primary" to={`/vacancies/${v.id}/candidates`}>
              {t('vacancies.detail.candidates')}
            </Link>
          )}
          {manage && (
            <Link className="btn btn-outline-primary" to={`/vacancies/${v.id}/edit`}>
              {t('vacancies.detail.edit')}
            </Link>
          )}
        </div>
      </div>
      {flash && (
        <Alert fade={false} color="success" role="status" data-testid="flash">
          {t(`vacancies.flash.${flash}`)}
        </Alert>
      )}
      {manage && <StatusActions v={v} />}

      <dl className="row">
        <Detail label={t('vacancies.fields.occupation')}>
          {v.occupationLabel}
          {v.iscoGroup && <span className="text-muted"> · ISCO {v.iscoGroup}</span>}
        </Detail>
        <Detail label={t('vacancies.fields.profession')}>{v.professionCode}</Detail>
        <Detail label={t('vacancies.fields.municipality')}>
          {v.municipalityName} · {t(`vacancies.workModes.${v.workMode}`)}
        </Detail>
        <Detail label={t('vacancies.fields.contractType')}>
          {t(`pathways.placement.contractTypes.${v.contractType}`)}
          {v.durationMonths ? ` · ${t('vacancies.detail.months', { count: v.durationMonths })}` : ''}
        </Detail>
        <Detail label={t('vacancies.fields.hoursPerWeek')}>{v.hoursPerWeek}</Detail>
        <Detail label={t('vacancies.fields.openings')}>{v.openings}</Detail>
        <Detail label={t('vacancies.fields.startDate')}>
          {v.startDate && formatDate(v.startDate, lang)}
        </Detail>
        <Detail label={t('vacancies.fields.closingDate')}>
          {v.closingDate && formatDate(v.closingDate, lang)}
        </Detail>
        <Detail label={t('vacancies.fields.educationLevel')}>
          {v.educationLevel &&
            `${t(`people.eqf.${v.educationLevel}`)}${v.educationMandatory ? ` (${t('vacancies.detail.mandatory')})` : ''}`}
        </Detail>
        <Detail label={t('vacancies.fields.languages')} wide>
          {v.languages.length > 0 &&
            v.languages
              .map(
                (l) =>
                  `${languageName.of(l.language) ?? l.language} ${l.minLevel}${l.mandatory ? ` (${t('vacancies.detail.mandatory')})` : ''}`,
              )
              .join(', ')}
        </Detail>
        {v.description && (
          <Detail label={t('vacancies.fields.description')} wide>
            {v.description}
          </Detail>
        )}
      </dl>

      <div className="row">
        <section className="col-12 col-lg-6" aria-labelledby="essential-title">
          <h2 className="h4" id="essential-title">
            {t('vacancies.fields.essentialSkills')} ({v.essentialSkills.length})
          </h2>
          <ul data-testid="essential-skills">
            {v.essentialSkills.map((s) => (
              <li key={s.id}>{s.label}</li>
            ))}
          </ul>
        </section>
        <section className="col-12 col-lg-6" aria-labelledby="optional-title">
          <h2 className="h4" id="optional-title">
            {t('vacancies.fields.optionalSkills')} ({v.optionalSkills.length})
          </h2>
          <ul>
            {v.optionalSkills.map((s) => (
              <li key={s.id}>{s.label}</li>
            ))}
          </ul>
        </section>
      </div>

      {showCandidatures && (
        <section aria-labelledby="candidatures-title" className="mt-4">
          <h2 className="h4" id="candidatures-title">
            {manage ? t('vacancies.detail.received') : t('vacancies.detail.proposed')}
          </h2>
          <ErrorAlert error={candidatures.error} />
          {candidatures.isSuccess && items.length === 0 && <p>{t('candidatures.empty')}</p>}
          {items.length > 0 && (
            <CandidatureTable
              items={items}
              caption={manage ? t('vacancies.detail.received') : t('vacancies.detail.proposed')}
              show={{ contacts: manage, proposer: manage, personLink: !manage }}
            />
          )}
          <LoadMore query={candidatures} />
        </section>
      )}
    </>
  );
}
