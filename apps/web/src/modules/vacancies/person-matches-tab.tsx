import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { useCandidatures } from '../candidatures/candidatures.queries';
import { MatchExplanation, ScoreBadge } from './match-ui';
import { ProposeButton, latestBy } from './propose-button';
import { usePersonMatches } from './vacancies.queries';

/** The person's ranked open vacancies (tab of the person file), each explained; propose with one action. */
export function PersonMatchesTab({
  personId,
  name,
  canPropose,
}: {
  personId: string;
  name: string;
  canPropose: boolean;
}) {
  const { t } = useTranslation();
  const matches = usePersonMatches(personId);
  const candidatures = useCandidatures({ personId }, canPropose);
  const byVacancy = latestBy(candidatures.data?.pages.flatMap((p) => p.items) ?? [], (c) => c.vacancyId);
  const items = matches.data?.items ?? [];
  return (
    <>
      <h2 className="h3" id="matches-title">
        {t('matching.personTitle')}
      </h2>
      <p>{t('matching.personIntro')}</p>
      {matches.isPending && <Loading />}
      <ErrorAlert error={matches.error} />
      {matches.isSuccess && items.length === 0 && (
        <EmptyState title={t('matching.noVacanciesTitle')}>
          <p className="mb-0">{t('matching.noVacancies')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ol className="list-unstyled" aria-labelledby="matches-title" data-testid="vacancy-matches">
          {items.map((m) => (
            <li key={m.vacancy.id} className="card card-bg mb-3" data-testid="vacancy-match">
              <div className="card-body">
                <div className="d-flex flex-wrap justify-content-between gap-3">
                  <div>
                    <h3 className="h5 mb-1">
                      <span aria-hidden="true">{m.rank}. </span>
                      <Link to={`/vacancies/${m.vacancy.id}`}>{m.vacancy.title}</Link>
                    </h3>
                    <p className="small text-muted mb-2">
                      {m.vacancy.organizationName} · {m.vacancy.municipalityName} ·{' '}
                      {t(`vacancies.workModes.${m.vacancy.workMode}`)}
                    </p>
                  </div>
                  <div className="d-flex align-items-start gap-3">
                    <ScoreBadge score={m.score} />
                    {canPropose && (
                      <ProposeButton
                        vacancyId={m.vacancy.id}
                        personId={personId}
                        name={name}
                        current={byVacancy.get(m.vacancy.id)}
                      />
                    )}
                  </div>
                </div>
                <MatchExplanation m={m} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
