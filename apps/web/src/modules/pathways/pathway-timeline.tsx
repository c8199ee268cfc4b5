import type { PathwayEvent } from '@trama/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../i18n/format';
import { i18n as i18nInstance } from '../../i18n';
import { formatCents, formatUnits } from '../vouchers/money';
import { StateBadge } from './pathway-ui';

type Details = Record<string, unknown>;

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The values an event's sentence may use, formatted in the UI language. */
function eventValues(t: TFunction, e: PathwayEvent, lang: string): Record<string, string | number> {
  const d: Details = e.details ?? {};
  const money = (v: unknown) => (num(v) === null ? '' : formatCents(num(v)!, lang));
  const proposed = (d.proposed ?? {}) as Details;
  const confirmed = (d.confirmed ?? {}) as Details;
  return {
    amount: money(d.amountCents),
    remaining: money(d.remainingCents),
    cap: money(d.capCents),
    planned: money(d.plannedCents),
    units: num(d.units) === null ? '' : formatUnits(num(d.units)!, lang),
    version: num(d.version) ?? '',
    signer: d.signer ? t(`pathways.pact.signer.${str(d.signer)}`) : '',
    method: d.method ? t(`pathways.pact.method.${str(d.method)}`) : '',
    score: num(d.score) ?? '',
    path: num(confirmed.path) ?? '',
    band: num(confirmed.band) ?? num(d.band) ?? '',
    proposedPath: num(proposed.path) ?? '',
    proposedBand: num(proposed.band) ?? '',
    outcome: d.outcome ? t(`pathways.appointments.outcomes.${str(d.outcome)}`) : '',
    when: d.scheduledAt ? formatDateTime(str(d.scheduledAt), lang) : '',
    purpose: str(d.purpose),
    employer: str(d.employerName),
    contract: d.contractType ? t(`pathways.placement.contractTypes.${str(d.contractType)}`) : '',
    startDate: d.startDate ? formatDate(str(d.startDate), lang) : '',
    endDate: d.endDate ? formatDate(str(d.endDate), lang) : '',
    deliveredOn: d.deliveredOn ? formatDate(str(d.deliveredOn), lang) : '',
    programme: str(d.programmeCode),
  };
}

/** The sentence of a timeline event: `pathways.events.<kind>` (dots become underscores), else the kind. */
export function eventText(t: TFunction, e: PathwayEvent, lang: string): string {
  const key = `pathways.events.${e.kind.replace(/\./g, '_')}`;
  if (!i18nInstance.exists(key)) return e.kind;
  let text = t(key, eventValues(t, e, lang));
  const d: Details = e.details ?? {};
  if (e.kind === 'assessment.recorded' && d.overridden) text += ` ${t('pathways.events.overridden')}`;
  if (e.kind === 'pact.signed' && d.complete) text += ` ${t('pathways.events.pactComplete')}`;
  if (e.kind === 'placement.recorded' && d.resultTriggered)
    text += ` ${t('pathways.events.resultTriggered')}`;
  return text;
}

/** Every step of the pathway, oldest first: when, who, what, the state it led to and why. */
export function PathwayTimeline({ events, headingId }: { events: PathwayEvent[]; headingId: string }) {
  const { t, i18n } = useTranslation();
  if (events.length === 0) return <EmptyState title={t('pathways.timeline.empty')} />;
  return (
    <ol className="trama-timeline list-unstyled" aria-labelledby={headingId} data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className="trama-timeline-item border-start border-3 ps-3 pb-3" data-kind={e.kind}>
          <p className="small mb-1 text-muted-strong">
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            {e.actorName && <> · {e.actorName}</>}
          </p>
          <p className="mb-1">
            {eventText(t, e, i18n.language)}
            {e.toState && e.kind.startsWith('transition.') && (
              <>
                {' '}
                <span className="visually-hidden">{t('pathways.timeline.newState')}</span>
                <StateBadge state={e.toState} />
              </>
            )}
          </p>
          {e.reason && (
            <p className="small mb-0">
              <span className="fw-semibold">{t('pathways.timeline.reason')}</span> {e.reason}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
