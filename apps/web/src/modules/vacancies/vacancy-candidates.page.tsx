import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { useMe } from '../auth/auth.queries';
import { useCandidatures } from '../candidatures/candidatures.queries';
import { MatchExplanation, ScoreBadge } from './match-ui';
import { ProposeButton, latestBy } from './propose-button';
import { canPropose } from './vacancies.permissions';
import { useVacancy, useVacancyMatches } from './vacancies.queries';

/** A vacancy's ranked candidates, each with the explanation of its score; case workers propose. */
export default function VacancyCandidatesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const vacancy = useVacancy(id);
  const matches = useVacancyMatches(id, vacancy.isSuccess);
  const proposer = canPropose(me.data);
  const candidatures = useCandidatures({ vacancyId: id }, vacancy.isSuccess);
  const byPerson = latestBy(candidatures.data?.pages.flatMap((p) => p.items) ?? [], (c) => c.personId);
  const v = vacancy.data;
  const title = v ? t('matching.candidatesTitle', { title: v.title }) : t('matching.candidates');
  const items = matches.data?.items ?? [];

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/vacancies">{t('vacancies.list.title')}</Link>
            <span className="separator">/</span>
          </li>
          {v && (
            <li className="breadcrumb-item">
              <Link to={`/vacancies/${v.id}`}>{v.title}</Link>
              <span className="separator">/</span>
            </li>
          )}
          <li className="breadcrumb-item active" aria-current="page">
            {t('matching.candidates')}
          </li>
        </ol>
      </nav>
      <PageHeading title={title}>{title}</PageHeading>
      {v && (
        <p>
          {t('matching.candidatesIntro', {
            company: v.organizationName,
            place: v.municipalityName,
            essential: v.essentialSkills.length,
          })}
        </p>
      )}
      <ErrorAlert error={vacancy.error ?? matches.error} />
      {(vacancy.isPending || matches.isPending) && !vacancy.error && <Loading />}
      {matches.isSuccess && items.length === 0 && (
        <EmptyState title={t('matching.noCandidatesTitle')}>
          <p className="mb-0">{t('matching.noCandidates')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ol className="list-unstyled trama-match-list" aria-label={title} data-testid="candidate-list">
          {items.map((m) => {
            const name = m.person ? `${m.person.firstName} ${m.person.lastName}` : null;
            return (
              <li key={m.candidateRef} className="card card-bg mb-3" data-testid="candidate">
                <div className="card-body">
                  <div className="d-flex flex-wrap justify-content-between gap-3">
                    <div>
                      <h2 className="h5 mb-1">
                        <span className="visually-hidden">{t('matching.rank', { rank: m.rank })} </span>
                        <span aria-hidden="true">{m.rank}. </span>
                        {m.person ? (
                          <Link to={`/people/${m.person.id}`}>{name}</Link>
                        ) : (
                          t('matching.anonymous', { ref: m.candidateRef.slice(0, 6) })
                        )}
                      </h2>
                      <p className="small text-muted mb-2">
                        {[m.municipalityName, m.educationLevel ? t(`people.eqf.${m.educationLevel}`) : null]
                          .filter(Boolean)
                          .join(' · ') || t('matching.anonymousHint')}
                      </p>
                    </div>
                    <div className="d-flex align-items-start gap-3">
                      <ScoreBadge score={m.score} />
                      {proposer && m.person && v?.status === 'open' && (
                        <ProposeButton
                          vacancyId={id}
                          personId={m.person.id}
                          name={name!}
                          current={byPerson.get(m.person.id)}
                        />
                      )}
                    </div>
                  </div>
                  <MatchExplanation m={m} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
