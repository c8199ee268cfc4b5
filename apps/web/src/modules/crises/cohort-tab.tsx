import { Button } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { searchPeople, useAddMember, useCohort, useRemoveMember } from './crises.queries';

/** The cohort: the affected workers I may see, with their pathway and attendance; add or remove. */
export function CohortTab({ crisisId, manage }: { crisisId: string; manage: boolean }) {
  const { t } = useTranslation();
  const cohort = useCohort(crisisId, true);
  const add = useAddMember(crisisId);
  const remove = useRemoveMember(crisisId);
  const [person, setPerson] = useState<ComboboxOption | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = cohort.data?.pages.flatMap((p) => p.items) ?? [];
  const first = cohort.data?.pages[0];
  return (
    <section aria-labelledby="cohort-title">
      <h2 id="cohort-title" className="h3">
        {t('crises.cohort.title')}
      </h2>
      {first && (
        <p data-testid="cohort-total">
          {t('crises.cohort.total', { count: first.total })}
          {first.hidden > 0 && ` ${t('crises.cohort.hidden', { count: first.hidden })}`}
        </p>
      )}
      {manage && (
        <form
          className="mb-4"
          aria-labelledby="cohort-add-title"
          onSubmit={(e) => {
            e.preventDefault();
            if (!person) return;
            add.mutate(person.value, {
              onSuccess: () => {
                setDone(t('crises.cohort.added', { name: person.label }));
                setPerson(null);
              },
            });
          }}
        >
          <h3 id="cohort-add-title" className="h5">
            {t('crises.cohort.add')}
          </h3>
          <Combobox
            id="cohort-person"
            label={t('crises.cohort.person')}
            value={person}
            onChange={setPerson}
            queryKey={['people', 'lookup']}
            search={searchPeople}
            hint={t('crises.cohort.personHint')}
          />
          <Button type="submit" color="primary" disabled={!person || add.isPending}>
            {t('crises.cohort.addButton')}
          </Button>
          <ErrorAlert error={add.error} />
        </form>
      )}
      <div role="status" aria-live="polite">
        {done}
      </div>
      <ErrorAlert error={remove.error} />
      {cohort.isPending && <Loading />}
      <ErrorAlert error={cohort.error} />
      {cohort.isSuccess && items.length === 0 && (
        <EmptyState title={t('crises.cohort.none')}>
          <p className="mb-0">{t('crises.cohort.noneHint')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-responsive">
          <table className="table" data-testid="cohort-table">
            <caption>{t('crises.cohort.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('crises.cohort.name')}</th>
                <th scope="col">{t('crises.cohort.fiscalCode')}</th>
                <th scope="col">{t('crises.cohort.municipality')}</th>
                <th scope="col">{t('crises.cohort.pathway')}</th>
                <th scope="col">{t('crises.cohort.sessions')}</th>
                <th scope="col">{t('crises.cohort.active')}</th>
                {manage && <th scope="col">{t('crises.cohort.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.personId}>
                  <td>
                    <Link to={`/people/${m.personId}`}>
                      {m.lastName} {m.firstName}
                    </Link>
                  </td>
                  <td>{m.fiscalCode}</td>
                  <td>{m.municipalityName ?? '—'}</td>
                  <td>{m.pathwayState ? t(`pathways.states.${m.pathwayState}`) : '—'}</td>
                  <td>{m.sessionsPresent}</td>
                  <td>{m.active ? t('common.yes') : t('common.no')}</td>
                  {manage && (
                    <td>
                      <Button
                        size="xs"
                        color="danger"
                        outline
                        disabled={remove.isPending}
                        onClick={() =>
                          remove.mutate(m.personId, {
                            onSuccess: () =>
                              setDone(t('crises.cohort.removed', { name: `${m.lastName} ${m.firstName}` })),
                          })
                        }
                      >
                        {t('crises.cohort.remove')}
                        <span className="visually-hidden">
                          {' '}
                          {m.lastName} {m.firstName}
                        </span>
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={cohort} />
    </section>
  );
}
