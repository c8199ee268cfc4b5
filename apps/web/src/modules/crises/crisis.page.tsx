import type { Crisis } from '@trama/contracts';
import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { Tabs } from '../people/tabs';
import { ActionsTab } from './actions-tab';
import { CohortTab } from './cohort-tab';
import { useCrisis, useSetCrisisStatus } from './crises.queries';
import { CrisisEditForm } from './crisis-edit-form';
import { MarketingTab, OutcomeTab, SkillsTab, TargetsTab } from './analysis-tabs';

const ALL_TABS = ['details', 'cohort', 'actions', 'skills', 'targets', 'marketing', 'outcome'] as const;
type TabId = (typeof ALL_TABS)[number];
const COMPANY_TABS: readonly TabId[] = ['details', 'marketing', 'outcome'];

function StatusButton({ c }: { c: Crisis }) {
  const { t } = useTranslation();
  const set = useSetCrisisStatus(c.id);
  const next = c.status === 'open' ? 'closed' : 'open';
  return (
    <div className="mb-4">
      <Button
        color="primary"
        outline
        disabled={set.isPending}
        onClick={() => set.mutate({ version: c.version, status: next })}
      >
        {c.status === 'open' ? t('crises.close') : t('crises.reopen')}
      </Button>
      <ErrorAlert error={set.error} />
    </div>
  );
}

function Details({ c }: { c: Crisis }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('crises.fields.company'), c.companyName],
    [t('crises.fields.site'), c.siteMunicipalityName],
    [t('crises.fields.owner'), c.ownerOrganizationName],
    [t('crises.fields.programme'), `${c.programmeCode} – ${c.programmeName}`],
    [t('crises.fields.workersAffected'), String(c.workersAffected)],
    [t('crises.fields.cohort'), String(c.cohortSize)],
    [t('crises.fields.announcedOn'), c.announcedOn],
    [t('crises.fields.agreementSigned'), c.agreementSigned ? t('common.yes') : t('common.no')],
    [t('crises.fields.agreementOn'), c.agreementOn ?? '—'],
    [t('crises.fields.redundancyEndOn'), c.redundancyEndOn ?? '—'],
    [t('crises.fields.unions'), c.unionOrganizations.join(', ') || '—'],
    [t('crises.fields.agreementNotes'), c.agreementNotes ?? '—'],
    [t('crises.fields.status'), t(`crises.statuses.${c.status}`)],
  ];
  return (
    <dl className="row" data-testid="crisis-details">
      {rows.map(([k, v]) => (
        <div key={k} className="col-12 col-md-6 mb-3">
          <dt>{k}</dt>
          <dd className="mb-0">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The details tab: read, and for the owner of an open crisis an edit form (optimistic locking). */
function DetailsTab({ c, onReload }: { c: Crisis; onReload: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  // Where focus goes once the form has closed: applied after React has rendered the details again
  // (a requestAnimationFrame could run before the saved message exists).
  const [focusTarget, setFocusTarget] = useState<'saved' | 'edit' | null>(null);
  useEffect(() => {
    if (!focusTarget || editing) return;
    (focusTarget === 'saved' ? savedRef.current : editRef.current)?.focus();
    setFocusTarget(null);
  }, [focusTarget, editing]);
  const canEdit = c.access === 'owner' && c.status === 'open';
  if (editing && canEdit)
    return (
      <CrisisEditForm
        // A new version (after a conflict and reload) starts the form again from the saved data.
        key={c.version}
        crisis={c}
        onReload={onReload}
        onDone={(ok) => {
          setEditing(false);
          setSaved(ok);
          setFocusTarget(ok ? 'saved' : 'edit');
        }}
      />
    );
  return (
    <>
      <div ref={savedRef} tabIndex={-1} aria-live="polite">
        {saved && (
          <Alert fade={false} color="success" data-testid="crisis-saved">
            {t('crises.edit.saved')}
          </Alert>
        )}
      </div>
      <Details c={c} />
      <div className="d-flex flex-wrap gap-3">
        {canEdit && (
          <div className="mb-4">
            <Button
              innerRef={editRef}
              color="primary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('crises.edit.open')}
            </Button>
          </div>
        )}
        {c.access === 'owner' && <StatusButton c={c} />}
      </div>
    </>
  );
}

/** A company crisis: details, cohort, group actions, skills profile, target companies, marketing, outcome. */
export default function CrisisPage() {
  const { t } = useTranslation();
  const { id = '', tab } = useParams();
  const navigate = useNavigate();
  const crisis = useCrisis(id);
  if (crisis.isPending) return <Loading />;
  if (crisis.isError)
    return (
      <>
        <PageHeading title={t('crises.pageTitle')}>{t('crises.pageTitle')}</PageHeading>
        <ErrorAlert error={crisis.error} />
        <Link to="/crises">{t('crises.backToList')}</Link>
      </>
    );
  const c = crisis.data;
  const tabs = c.access === 'company' ? COMPANY_TABS : ALL_TABS;
  const active: TabId = tabs.includes(tab as TabId) ? (tab as TabId) : 'details';
  const manage = c.access === 'owner' && c.status === 'open';
  return (
    <>
      <PageHeading title={c.title}>{c.title}</PageHeading>
      <p className="lead">
        {c.companyName} · {c.siteMunicipalityName} · {t(`crises.statuses.${c.status}`)}
      </p>
      <Tabs
        idPrefix="crisis"
        label={t('crises.tabsLabel')}
        tabs={tabs.map((x) => ({ id: x, label: t(`crises.tabs.${x}`) }))}
        active={active}
        onSelect={(x) => navigate(`/crises/${id}/${x}`, { replace: true })}
      >
        {active === 'details' && <DetailsTab c={c} onReload={() => void crisis.refetch()} />}
        {active === 'cohort' && <CohortTab crisisId={id} manage={manage} />}
        {active === 'actions' && <ActionsTab crisisId={id} manage={manage} />}
        {active === 'skills' && <SkillsTab crisisId={id} />}
        {active === 'targets' && <TargetsTab crisisId={id} />}
        {active === 'marketing' && <MarketingTab crisisId={id} />}
        {active === 'outcome' && <OutcomeTab crisisId={id} />}
      </Tabs>
    </>
  );
}
