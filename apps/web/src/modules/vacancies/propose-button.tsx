import { isCandidatureActive, type CandidatureState } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/messages';
import { CandidatureBadge } from '../candidatures/candidature-ui';
import { usePropose, type Candidature } from '../candidatures/candidatures.queries';

/** The newest candidature per key (person or vacancy) from a list sorted newest first. */
export function latestBy(items: Candidature[], key: (c: Candidature) => string) {
  const out = new Map<string, Candidature>();
  for (const c of items) if (!out.has(key(c))) out.set(key(c), c);
  return out;
}

/**
 * "Proponi": proposes the person for the vacancy with one action; afterwards (or when a candidature is
 * already running) shows its state instead.
 */
export function ProposeButton({
  vacancyId,
  personId,
  name,
  current,
}: {
  vacancyId: string;
  personId: string;
  name: string;
  current: { state: CandidatureState } | undefined;
}) {
  const { t } = useTranslation();
  const propose = usePropose();
  const state = propose.data?.state ?? current?.state;
  if (state && (isCandidatureActive(state) || state === 'hired'))
    return (
      <span data-testid="proposed">
        <CandidatureBadge state={state} />
      </span>
    );
  return (
    <div>
      <Button
        color="primary"
        size="sm"
        disabled={propose.isPending}
        onClick={() => propose.mutate({ vacancyId, personId })}
        aria-label={t('matching.proposeFor', { name })}
      >
        {propose.isPending ? t('common.saving') : t('matching.propose')}
      </Button>
      {propose.error ? (
        <div role="alert" className="text-danger small mt-1">
          {errorMessage(t, propose.error)}
        </div>
      ) : null}
    </div>
  );
}
