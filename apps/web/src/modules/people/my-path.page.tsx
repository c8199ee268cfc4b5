import type { PathwayEvent } from '@trama/contracts';
import { Badge } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { formatDate, formatDateTime } from '../../i18n/format';
import { PathwayTimeline } from '../pathways/pathway-timeline';
import { Detail, StateBadge } from '../pathways/pathway-ui';
import { useMyAppointments, useMyPact, useMyPathways, type MyPathwayData } from './my-path.queries';
import { useOwnPerson } from './people.queries';
import { ConsentsPanel, PersonRecordView } from './person-record';

/**
 * The citizen's own view: their pathways (state, operator, case worker, timeline), the current version of
 * each service pact with its PDF, their appointments, their record (SAP) and their consents. Everything
 * comes from the citizen-only routes (/api/me/...), which show nothing but the citizen's own data.
 */
export default function MyPathPage() {
  const { t } = useTranslation();
  const me = useOwnPerson();
  const paths = useMyPathways(Boolean(me.data));
  return (
    <>
      <PageHeading title={t('people.mine.title')}>{t('people.mine.title')}</PageHeading>
      <p>{t('people.mine.intro')}</p>
      {me.isPending && <Loading />}
      <ErrorAlert error={me.error} />
      {me.isSuccess && !me.data && (
        <EmptyState title={t('people.mine.noRecordTitle')}>
          <p className="mb-0">{t('people.mine.noRecordText')}</p>
        </EmptyState>
      )}
      {me.data && (
        <>
          <section aria-labelledby="mine-path" className="mb-4" data-testid="my-pathways">
            <h2 id="mine-path" className="h3">
              {t('people.mine.pathTitle')}
            </h2>
            {paths.isPending && <Loading />}
            <ErrorAlert error={paths.error} />
            {paths.data && paths.data.items.length === 0 && (
              <EmptyState title={t('people.mine.noPathwaysTitle')}>
                <p className="mb-0">{t('people.mine.noPathwaysText')}</p>
              </EmptyState>
            )}
            {paths.data?.items.map((p) => (
              <MyPathwayCard key={p.id} pathway={p} />
            ))}
          </section>
          <section aria-labelledby="mine-record" className="mb-4">
            <h2 id="mine-record" className="h3">
              {t('people.mine.recordTitle')}
            </h2>
            <PersonRecordView person={me.data} />
          </section>
          <ConsentsPanel personId={me.data.id} canChange headingLevel={2} />
        </>
      )}
    </>
  );
}

/** The citizen's timeline has no actors nor internal details: adapt it to the shared timeline view. */
const toTimeline = (p: MyPathwayData): PathwayEvent[] =>
  p.timeline.map((e, i) => ({ ...e, id: `${p.id}-${i}`, actorUserId: null, actorName: null, details: null }));

function MyPathwayCard({ pathway: p }: { pathway: MyPathwayData }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const h = (part: string) => `mine-${p.id}-${part}`;
  const address = p.operator.officeAddress ? `, ${p.operator.officeAddress}` : '';
  return (
    <article className="card card-bg p-4 mb-4" aria-labelledby={h('title')} data-testid="my-pathway">
      <h3 id={h('title')} className="h4">
        {p.programme.name} ({p.programme.code})
      </h3>
      <dl className="row">
        <Detail label={t('people.mine.state')}>
          <StateBadge state={p.state} testId="my-pathway-state" />{' '}
          <span className="small">
            {t('people.mine.stateSince', { date: formatDate(p.stateChangedAt, lang) })}
          </span>
        </Detail>
        <Detail label={t('people.mine.takenInChargeAt')}>{formatDate(p.takenInChargeAt, lang)}</Detail>
        {p.closedAt && <Detail label={t('people.mine.closedAt')}>{formatDate(p.closedAt, lang)}</Detail>}
        <Detail label={t('people.mine.operator')}>{p.operator.organizationName}</Detail>
        <Detail label={t('people.mine.office')}>{`${p.operator.officeName}${address}`}</Detail>
        <Detail label={t('people.mine.caseWorker')}>{p.caseWorkerName}</Detail>
      </dl>

      <h4 id={h('timeline')} className="h5">
        {t('people.mine.timelineTitle')}
      </h4>
      <PathwayTimeline events={toTimeline(p)} headingId={h('timeline')} />

      <h4 id={h('pact')} className="h5">
        {t('people.mine.pactTitle')}
      </h4>
      <MyPactView pathwayId={p.id} />

      <h4 id={h('appointments')} className="h5">
        {t('people.mine.appointmentsTitle')}
      </h4>
      <MyAppointmentsView pathwayId={p.id} programme={p.programme.name} />
    </article>
  );
}

function MyPactView({ pathwayId }: { pathwayId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useMyPact(pathwayId);
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const pact = q.data.pact;
  if (!pact) return <p data-testid="my-pact-none">{t('people.mine.noPact')}</p>;
  const c = pact.content;
  const signed = (at: string | null) =>
    at ? t('people.mine.signedOn', { date: formatDateTime(at, lang) }) : t('pathways.pact.notSigned');
  const statusColor =
    pact.status === 'signed' ? 'success' : pact.status === 'draft' ? 'warning' : 'secondary';
  return (
    <div data-testid="my-pact" className="mb-4">
      <p>
        {t('people.mine.pactVersion', { version: pact.version, date: formatDate(pact.createdAt, lang) })}{' '}
        <Badge color={statusColor}>{t(`pathways.pact.status.${pact.status}`)}</Badge>
      </p>
      <dl className="row">
        <Detail label={t('people.mine.yourSignature')}>{signed(pact.personSignedAt)}</Detail>
        <Detail label={t('pathways.pact.operatorSignature')}>{signed(pact.operatorSignedAt)}</Detail>
        <Detail label={t('pathways.pact.meetingFrequencyDays')}>{c.meetingFrequencyDays}</Detail>
        <Detail label={t('pathways.pact.acts')} wide>
          <ul className="mb-0">
            {c.jobSearchActs.map((a, i) => (
              <li key={i}>
                {a.description} – {a.timing}
              </li>
            ))}
          </ul>
        </Detail>
        <Detail label={t('pathways.pact.searchProofMethod')} wide>
          {c.searchProofMethod}
        </Detail>
        <Detail label={t('pathways.pact.availability')} wide>
          {[
            c.availableForTraining && t('pathways.pact.availableForTraining'),
            c.availableForWorkshops && t('pathways.pact.availableForWorkshops'),
            c.acceptsSuitableOffers && t('pathways.pact.acceptsSuitableOffers'),
          ]
            .filter(Boolean)
            .join('; ')}
        </Detail>
        {c.notes && (
          <Detail label={t('pathways.pact.notes')} wide>
            {c.notes}
          </Detail>
        )}
      </dl>
      <a className="btn btn-outline-primary btn-sm" href={pact.pdfUrl} download data-testid="my-pact-pdf">
        {t('people.mine.pdf', { version: pact.version })}
      </a>
    </div>
  );
}

function MyAppointmentsView({ pathwayId, programme }: { pathwayId: string; programme: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useMyAppointments(pathwayId);
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} />;
  if (q.data.items.length === 0) return <p>{t('people.mine.noAppointments')}</p>;
  const now = Date.now();
  return (
    <div className="table-responsive">
      <table className="table" data-testid="my-appointments">
        <caption>{t('people.mine.appointmentsCaption', { programme })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pathways.appointments.scheduledAt')}</th>
            <th scope="col">{t('pathways.appointments.purpose')}</th>
            <th scope="col">{t('people.mine.placeOrChannel')}</th>
            <th scope="col">{t('pathways.appointments.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.items.map((a) => (
            <tr key={a.id}>
              <td>
                <time dateTime={a.scheduledAt}>{formatDateTime(a.scheduledAt, lang)}</time>
              </td>
              <td>{a.purpose}</td>
              <td>
                {t(`pathways.appointments.channels.${a.channel}`)}
                {a.location ? ` – ${a.location}` : ''}
              </td>
              <td>
                {a.outcome
                  ? t(`pathways.appointments.outcomes.${a.outcome}`)
                  : Date.parse(a.scheduledAt) > now
                    ? t('pathways.appointments.upcoming')
                    : t('people.mine.outcomePending')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
