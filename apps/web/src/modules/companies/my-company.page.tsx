import { Alert, Badge, Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { useMe } from '../auth/auth.queries';
import { CandidatureTable } from '../candidatures/candidature-ui';
import { useCandidatures } from '../candidatures/candidatures.queries';
import { Detail } from '../pathways/pathway-ui';
import { useVacancyList } from '../vacancies/vacancies.queries';
import { VacancyStatusBadge } from '../vacancies/vacancy-ui';
import { useCompany, usePledges, type Pledge } from './companies.queries';
import { CompanyProfileForm } from './company-profile-form';
import { PledgeForm } from './pledge-form';
import { PledgeWithdrawForm } from './pledge-withdraw-form';
import { PledgeCard } from './pledges.page';

type FocusTarget =
  'profile-saved' | 'profile-edit' | 'pledge-done' | { id: string; kind: 'edit' | 'withdraw' };

/** Company staff's home for the market: profile and sites, vacancies, candidatures received, pledges. */
export default function MyCompanyPage() {
  const { t } = useTranslation();
  const me = useMe();
  const orgId = me.data?.activeMembership.organizationId ?? null;
  const company = useCompany(orgId);
  const vacancies = useVacancyList({ organizationId: orgId ?? undefined }, Boolean(orgId));
  const candidatures = useCandidatures({}, Boolean(orgId));
  const pledges = usePledges({}, Boolean(orgId));
  const c = company.data;
  const title = c?.name ?? t('companies.mine.title');
  const vItems = vacancies.data?.pages.flatMap((p) => p.items) ?? [];
  const cItems = candidatures.data?.pages.flatMap((p) => p.items) ?? [];
  const pItems = pledges.data?.pages.flatMap((p) => p.items) ?? [];
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const canEdit = me.data?.activeMembership.role === 'company_staff';
  // One pledge action open at a time (edit or withdraw); the new-pledge form waits meanwhile.
  const [pledgeAction, setPledgeAction] = useState<{ id: string; kind: 'edit' | 'withdraw' } | null>(null);
  const [pledgeDone, setPledgeDone] = useState<'saved' | 'withdrawn' | null>(null);
  const pledgeDoneRef = useRef<HTMLDivElement>(null);
  const changeable = (p: Pledge) => canEdit && p.status === 'active' && !p.ended;
  // An action on a pledge that can no longer change (withdrawn or ended meanwhile, or gone) is closed:
  // otherwise no pledge would offer its buttons, nor the page the new-pledge form.
  const openAction =
    pledgeAction && pItems.some((p) => p.id === pledgeAction.id && changeable(p)) ? pledgeAction : null;
  // Where the focus goes once a form has closed: applied after React has rendered the page again (a
  // requestAnimationFrame could run before the confirmation or the action's button exists).
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    const el =
      focusTarget === 'profile-saved'
        ? savedRef.current
        : focusTarget === 'profile-edit'
          ? editRef.current
          : focusTarget === 'pledge-done'
            ? pledgeDoneRef.current
            : document.querySelector<HTMLElement>(
                `[data-pledge-action="${focusTarget.kind}-${focusTarget.id}"]`,
              );
    el?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const closePledgeAction = (id: string, kind: 'edit' | 'withdraw', done: 'saved' | 'withdrawn' | null) => {
    setPledgeAction(null);
    setPledgeDone(done);
    // The confirmation, or the action's button when cancelled, takes the focus back.
    setFocusTarget(done ? 'pledge-done' : { id, kind });
  };

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('companies.mine.intro')}</p>
      {company.isPending && orgId && <Loading />}
      <ErrorAlert error={company.error} />
      {c && (
        <section aria-labelledby="profile-title" className="mb-4">
          <h2 className="h4" id="profile-title">
            {t('companies.mine.profile')}
          </h2>
          <div ref={savedRef} tabIndex={-1} aria-live="polite">
            {saved && (
              <Alert fade={false} color="success" data-testid="company-profile-saved">
                {t('companies.form.saved')}
              </Alert>
            )}
          </div>
          {editing ? (
            <CompanyProfileForm
              // A new version (after a conflict and reload) starts the form again from the saved data.
              key={c.version}
              company={c}
              onReload={() => void company.refetch()}
              onDone={(ok) => {
                setEditing(false);
                setSaved(ok);
                setFocusTarget(ok ? 'profile-saved' : 'profile-edit');
              }}
            />
          ) : (
            <>
              <dl className="row">
                <Detail label={t('companies.fields.fiscalCode')}>{c.fiscalCode}</Detail>
                <Detail label={t('companies.fields.sizeClass')}>
                  {c.sizeClass && t(`companies.sizeClasses.${c.sizeClass}`)}
                </Detail>
                <Detail label={t('companies.fields.sector')}>{c.sector}</Detail>
                <Detail label={t('companies.fields.ateco')}>
                  {c.ateco2025Code}
                  {c.ateco2007Code && <span className="text-muted"> (ATECO 2007 {c.ateco2007Code})</span>}
                </Detail>
                <Detail label={t('companies.fields.openVacancies')}>{c.openVacancies}</Detail>
                <Detail label={t('companies.fields.sites')} wide>
                  {c.sites.length > 0 && c.sites.map((s) => s.name).join(', ')}
                </Detail>
              </dl>
              <div className="d-flex flex-wrap align-items-center gap-3">
                {canEdit && (
                  <Button
                    innerRef={editRef}
                    color="primary"
                    size="sm"
                    onClick={() => {
                      setSaved(false);
                      setEditing(true);
                    }}
                  >
                    {t('companies.form.edit')}
                  </Button>
                )}
                <Link to={`/organizations/${c.id}`}>{t('companies.mine.organization')}</Link>
              </div>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="vacancies-title" className="mb-4">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2">
          <h2 className="h4" id="vacancies-title">
            {t('companies.mine.vacancies')}
          </h2>
          <Link className="btn btn-primary btn-sm" to="/vacancies/new">
            {t('vacancies.list.create')}
          </Link>
        </div>
        <ErrorAlert error={vacancies.error} />
        {vacancies.isSuccess && vItems.length === 0 && (
          <EmptyState title={t('companies.mine.noVacancies')}>
            <p className="mb-0">{t('companies.mine.noVacanciesText')}</p>
          </EmptyState>
        )}
        {vItems.length > 0 && (
          <ul className="list-unstyled" data-testid="my-vacancies">
            {vItems.map((v) => (
              <li key={v.id} className="mb-2">
                <Link to={`/vacancies/${v.id}`}>{v.title}</Link> · {v.municipalityName} ·{' '}
                <VacancyStatusBadge status={v.status} />
                {v.countsTowardsPledge && (
                  <Badge color="success" className="ms-2">
                    {t('vacancies.pledged')}
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={vacancies} />
      </section>

      <section aria-labelledby="received-title" className="mb-4">
        <h2 className="h4" id="received-title">
          {t('companies.mine.candidatures')}
        </h2>
        <ErrorAlert error={candidatures.error} />
        {candidatures.isSuccess && cItems.length === 0 && <p>{t('candidatures.emptyAll')}</p>}
        {cItems.length > 0 && (
          <CandidatureTable
            items={cItems}
            caption={t('companies.mine.candidatures')}
            show={{ vacancy: true, proposer: true, contacts: true }}
          />
        )}
        <LoadMore query={candidatures} />
      </section>

      <section aria-labelledby="pledges-title" className="mb-4">
        <h2 className="h4" id="pledges-title">
          {t('companies.mine.pledges')}
        </h2>
        <ErrorAlert error={pledges.error} />
        {pledges.isSuccess && pItems.length === 0 && <p>{t('pledges.emptyMine')}</p>}
        <div ref={pledgeDoneRef} tabIndex={-1} aria-live="polite">
          {pledgeDone && (
            <Alert fade={false} color="success" data-testid="pledge-done">
              {t(pledgeDone === 'saved' ? 'pledges.edit.saved' : 'pledges.withdraw.done')}
            </Alert>
          )}
        </div>
        {pItems.length > 0 && (
          <ul className="list-unstyled">
            {pItems.map((p) => {
              const open = openAction?.id === p.id ? openAction.kind : null;
              // The buttons name the pledge (company, status) and say which one it is (target, period).
              const describedBy = `pledge-${p.id}-title pledge-${p.id}-what`;
              return (
                <PledgeCard key={p.id} p={p} level={3}>
                  {open === 'edit' && (
                    <div className="mt-3">
                      <PledgeForm
                        // A new version (after a conflict and reload) starts the form again from the saved data.
                        key={p.version}
                        pledge={p}
                        onReload={() => void pledges.refetch()}
                        onDone={(saved) => closePledgeAction(p.id, 'edit', saved ? 'saved' : null)}
                      />
                    </div>
                  )}
                  {open === 'withdraw' && (
                    <div className="mt-3">
                      <PledgeWithdrawForm
                        key={p.version}
                        pledge={p}
                        onReload={() => void pledges.refetch()}
                        onDone={(done) => closePledgeAction(p.id, 'withdraw', done ? 'withdrawn' : null)}
                      />
                    </div>
                  )}
                  {changeable(p) && !openAction && (
                    <div className="d-flex flex-wrap gap-2 mt-3">
                      <Button
                        color="primary"
                        outline
                        size="sm"
                        data-pledge-action={`edit-${p.id}`}
                        aria-describedby={describedBy}
                        onClick={() => {
                          setPledgeDone(null);
                          setPledgeAction({ id: p.id, kind: 'edit' });
                        }}
                      >
                        {t('pledges.edit.open')}
                      </Button>
                      <Button
                        color="danger"
                        outline
                        size="sm"
                        data-pledge-action={`withdraw-${p.id}`}
                        aria-describedby={describedBy}
                        onClick={() => {
                          setPledgeDone(null);
                          setPledgeAction({ id: p.id, kind: 'withdraw' });
                        }}
                      >
                        {t('pledges.withdraw.open')}
                      </Button>
                    </div>
                  )}
                </PledgeCard>
              );
            })}
          </ul>
        )}
        <LoadMore query={pledges} />
        {canEdit && !openAction && <PledgeForm />}
      </section>
    </>
  );
}
