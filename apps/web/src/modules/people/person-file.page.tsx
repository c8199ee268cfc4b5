import { isPathwayOpen } from '@trama/contracts';
import { Alert, Badge, Button } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { useMe } from '../auth/auth.queries';
import { AppointmentsTab } from '../pathways/appointments-tab';
import { AssessmentTab } from '../pathways/assessment-tab';
import { PactTab } from '../pathways/pact-tab';
import { PathwayPanel } from '../pathways/pathway-panel';
import { PathwayTimeline } from '../pathways/pathway-timeline';
import { StateBadge } from '../pathways/pathway-ui';
import { usePathway, usePathwaysOfPerson, type Pathway } from '../pathways/pathways.queries';
import { TakeInChargeForm } from '../pathways/take-in-charge';
import { PersonReferralsTab } from '../referrals/person-referrals';
import { PersonMatchesTab } from '../vacancies/person-matches-tab';
import { VoucherTab } from '../vouchers/voucher-tab';
import { canWritePeople, isCaseWorker } from './people.permissions';
import { usePerson } from './people.queries';
import { PersonAuditTab } from './person-audit';
import { PersonRecordTab } from './person-record';
import { Tabs, type TabDef } from './tabs';
import './people.css';

/** Tabs of the person file. "audit" (the person's audit trail) only for organisations with full access. */
const TABS = [
  'record',
  'timeline',
  'assessment',
  'pact',
  'voucher',
  'appointments',
  'referrals',
  'matches',
  'audit',
] as const;
type Tab = (typeof TABS)[number];
const PATHWAY_TABS: readonly Tab[] = ['timeline', 'assessment', 'pact', 'voucher', 'appointments'];

function NoPathway({ onTake, canTake }: { onTake: () => void; canTake: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="trama-empty-state my-4 p-4" data-testid="empty-state">
      <p className="h5 mb-2">{t('pathways.noneTitle')}</p>
      <p>{t('pathways.noneText')}</p>
      {canTake && (
        <Button color="primary" onClick={onTake}>
          {t('pathways.take.open')}
        </Button>
      )}
    </div>
  );
}

function TabContent({ tab, pathway, canManage }: { tab: Tab; pathway: Pathway; canManage: boolean }) {
  const { t } = useTranslation();
  switch (tab) {
    case 'timeline':
      return (
        <>
          <h2 id="timeline-title" className="h3">
            {t('pathways.timeline.title')}
          </h2>
          <PathwayTimeline events={pathway.timeline} headingId="timeline-title" />
        </>
      );
    case 'assessment':
      return <AssessmentTab pathway={pathway} canManage={canManage} />;
    case 'pact':
      return <PactTab pathway={pathway} canManage={canManage} />;
    case 'voucher':
      return <VoucherTab pathway={pathway} canManage={canManage} />;
    case 'appointments':
      return <AppointmentsTab pathway={pathway} canManage={canManage} />;
    default:
      return null;
  }
}

export default function PersonFilePage() {
  const { t } = useTranslation();
  const { id = '', tab: tabParam } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const me = useMe();
  const caseWorker = isCaseWorker(me.data);
  const person = usePerson(id);
  const pathways = usePathwaysOfPerson(id, caseWorker && person.isSuccess);
  const [taking, setTaking] = useState(false);

  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'record';
  const list = pathways.data?.items ?? [];
  const chosenId =
    params.get('pathway') ?? (list.find((p) => isPathwayOpen(p.state)) ?? list[0])?.id ?? undefined;
  const pathway = usePathway(caseWorker ? chosenId : undefined);

  if (person.isPending) return <Loading />;
  if (person.error || !person.data) {
    return (
      <>
        <PageHeading title={t('people.file.notFoundTitle')}>{t('people.file.notFoundTitle')}</PageHeading>
        <ErrorAlert error={person.error} />
        <Link to="/people">{t('people.file.backToList')}</Link>
      </>
    );
  }
  const p = person.data;
  const name =
    [p.firstName, p.lastName].filter(Boolean).join(' ') ||
    t('people.file.untitled', { id: p.id.slice(0, 8) });
  const fullAccess = p.access.kind === 'full';
  const tabs: TabDef[] = TABS.filter((x) =>
    x === 'audit' || x === 'matches'
      ? fullAccess && (x === 'audit' || caseWorker)
      : x === 'record' || x === 'referrals' || caseWorker,
  ).map((x) => ({
    id: x,
    label: t(`people.tabs.${x}`),
  }));
  const goTab = (x: string) =>
    navigate({ pathname: `/people/${id}/${x}`, search: params.toString() }, { replace: true });
  const canTake = caseWorker;

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/people">{t('people.list.title')}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {name}
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <div>
          <PageHeading title={name}>{name}</PageHeading>
          <p className="mb-2">
            {p.fiscalCode && <span className="font-monospace me-2">{p.fiscalCode}</span>}
            {p.access.kind === 'sections' && <Badge color="secondary">{t('people.access.sections')}</Badge>}
            {pathway.data && <StateBadge state={pathway.data.state} />}
          </p>
        </div>
        {canTake && !taking && (
          <Button color="primary" outline onClick={() => setTaking(true)}>
            {t('pathways.take.open')}
          </Button>
        )}
      </div>

      {flash && (
        <Alert fade={false} color="success" role="status" data-testid="flash">
          {t(`people.flash.${flash}`)}
        </Alert>
      )}

      {taking && (
        <TakeInChargeForm
          personId={p.id}
          onCancel={() => setTaking(false)}
          onDone={(created) => {
            setTaking(false);
            navigate(
              { pathname: `/people/${id}/timeline`, search: `?pathway=${created.id}` },
              { replace: true, state: { flash: 'takenInCharge' } },
            );
          }}
        />
      )}

      {caseWorker && list.length > 1 && (
        <div className="select-wrapper mb-3 trama-pathway-picker">
          <label htmlFor="pathway-picker" className="fw-semibold">
            {t('pathways.picker')}
          </label>
          <select
            id="pathway-picker"
            value={chosenId ?? ''}
            onChange={(e) => setParams(new URLSearchParams({ pathway: e.target.value }), { replace: true })}
          >
            {list.map((x) => (
              <option key={x.id} value={x.id}>
                {`${x.programmeCode} · ${t(`pathways.states.${x.state}`)} · ${x.officeName}`}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorAlert error={pathways.error ?? pathway.error} />
      {pathway.data && <PathwayPanel pathway={pathway.data} canManage={caseWorker} onGoToTab={goTab} />}

      <Tabs idPrefix="person" label={t('people.tabs.label')} tabs={tabs} active={tab} onSelect={goTab}>
        {tab === 'record' && <PersonRecordTab person={p} canEdit={canWritePeople(me.data)} />}
        {tab === 'audit' && fullAccess && <PersonAuditTab personId={p.id} />}
        {tab === 'matches' && fullAccess && caseWorker && (
          <PersonMatchesTab personId={p.id} name={name} canPropose={caseWorker} />
        )}
        {tab === 'referrals' && (
          <PersonReferralsTab person={p} pathwayId={pathway.data?.id ?? null} canManage={caseWorker} />
        )}
        {PATHWAY_TABS.includes(tab) &&
          (pathways.isPending || (chosenId && pathway.isPending) ? (
            <Loading />
          ) : pathway.data ? (
            <TabContent tab={tab} pathway={pathway.data} canManage={caseWorker} />
          ) : (
            <NoPathway canTake={canTake} onTake={() => setTaking(true)} />
          ))}
      </Tabs>
    </>
  );
}
