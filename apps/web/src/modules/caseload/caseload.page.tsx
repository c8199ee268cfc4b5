import { PATHWAY_STATES, type PathwayState } from '@trama/contracts';
import { Badge, Button, Table } from 'design-react-kit';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { FilterForm, useSearchParamSetter, useSearchText } from '../../components/url-filters';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/auth.queries';
import { useOrganization } from '../organizations/organizations.queries';
import { StateBadge } from '../pathways/pathway-ui';
import { isCaseWorker } from '../people/people.permissions';
import { useCaseload, type CaseloadFilters, type CaseloadItem } from './caseload.queries';
import { LoadMore } from '../../components/load-more';

function OverdueBadges({ item }: { item: CaseloadItem }) {
  const { t, i18n } = useTranslation();
  if (!item.overdue) return <span className="text-muted-strong">{t('caseload.onTrack')}</span>;
  return (
    <ul className="list-unstyled mb-0 d-flex flex-column gap-1" data-testid="overdue">
      {item.pactOverdue && (
        <li>
          <Badge color="danger">{t('caseload.overdue.pact')}</Badge>
        </li>
      )}
      {item.appointmentsWithoutOutcome > 0 && (
        <li>
          <Badge color="warning">
            {t('caseload.overdue.appointments', { count: item.appointmentsWithoutOutcome })}
          </Badge>
        </li>
      )}
      {item.voucherExpiring && item.voucherEndDate && (
        <li>
          <Badge color="warning">
            {t('caseload.overdue.voucher', { date: formatDate(item.voucherEndDate, i18n.language) })}
          </Badge>
        </li>
      )}
    </ul>
  );
}

/** The case worker's workspace: my people or my office's, by state, with what is overdue. */
export default function CaseloadPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data && !isCaseWorker(me.data)) {
    return (
      <>
        <PageHeading title={t('caseload.title')}>{t('caseload.title')}</PageHeading>
        <p>{t('caseload.onlyCaseWorkers')}</p>
      </>
    );
  }
  return <Caseload />;
}

function Caseload() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const orgId = me.data?.activeMembership.organizationId ?? '';
  const org = useOrganization(orgId);
  const { params, setParam } = useSearchParamSetter();
  const filters: CaseloadFilters = useMemo(
    () => ({
      scope: params.get('scope') === 'office' ? 'office' : 'mine',
      officeId: params.get('officeId') ?? undefined,
      state: params.get('state') ?? undefined,
      overdueOnly: params.get('overdue') === '1' || undefined,
      q: params.get('q') ?? undefined,
    }),
    [params],
  );
  // The search runs on the server (name, surname or fiscal code), shortly after typing stops.
  const [text, setText] = useSearchText(filters.q ?? '', (v) => set('q', v));
  const caseload = useCaseload(filters);
  const pages = caseload.data?.pages ?? [];
  const counts = pages[0]?.countsByState ?? {};
  const items = pages.flatMap((p) => p.items);
  const needle = filters.q;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const hasMore = Boolean(caseload.hasNextPage);

  function set(key: string, value: string) {
    setParam(
      key,
      value,
      key === 'scope' && value !== 'office' ? (next) => next.delete('officeId') : undefined,
    );
  }

  let countText = '';
  if (caseload.isSuccess) {
    countText = t(hasMore ? 'caseload.countMore' : 'caseload.count', { count: items.length });
  }

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <PageHeading title={t('caseload.title')}>{t('caseload.title')}</PageHeading>
        <div className="d-flex flex-wrap gap-2">
          <Link className="btn btn-outline-primary" to="/referrals">
            {t('referrals.pageTitle')}
          </Link>
          <Link className="btn btn-outline-primary" to="/people">
            {t('people.list.title')}
          </Link>
          <Link className="btn btn-primary" to="/people/new">
            {t('people.list.create')}
          </Link>
        </div>
      </div>
      <p>{t('caseload.intro')}</p>

      <section aria-labelledby="caseload-states" className="mb-3">
        <h2 id="caseload-states" className="h5">
          {t('caseload.byState', { count: total })}
        </h2>
        <ul className="list-inline mb-0" data-testid="caseload-counts">
          {PATHWAY_STATES.filter((s) => counts[s]).map((s) => (
            <li key={s} className="list-inline-item mb-2">
              <Button
                size="sm"
                color="primary"
                outline={filters.state !== s}
                aria-pressed={filters.state === s}
                onClick={() => set('state', filters.state === s ? '' : s)}
              >
                {t(`pathways.states.${s}`)} <span className="ms-1 fw-bold">{counts[s]}</span>
              </Button>
            </li>
          ))}
        </ul>
      </section>

      <FilterForm label={t('caseload.filters')} onSubmit={() => set('q', text.trim())} className="mb-2">
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="caseload-scope"
            label={t('caseload.scope')}
            value={filters.scope}
            onChange={(v) => set('scope', v === 'mine' ? '' : v)}
            options={[
              { value: 'mine', label: t('caseload.mine') },
              { value: 'office', label: t('caseload.office') },
            ]}
          />
        </div>
        {filters.scope === 'office' && (
          <div className="col-12 col-md-6 col-lg-3">
            <SelectField
              id="caseload-office"
              label={t('pathways.fields.office')}
              value={filters.officeId ?? ''}
              onChange={(v) => set('officeId', v)}
              placeholder={t('caseload.allOffices')}
              options={(org.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </div>
        )}
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="caseload-state"
            label={t('caseload.state')}
            value={filters.state ?? ''}
            onChange={(v) => set('state', v)}
            placeholder={t('caseload.anyState')}
            options={PATHWAY_STATES.map((s: PathwayState) => ({
              value: s,
              label: `${t(`pathways.states.${s}`)}${counts[s] ? ` (${counts[s]})` : ''}`,
            }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <TextField
            id="caseload-search"
            type="search"
            label={t('caseload.search')}
            hint={t('caseload.searchHint')}
            value={text}
            onChange={setText}
            maxLength={100}
          />
        </div>
        <div className="col-12 mb-3">
          <CheckboxField
            id="caseload-overdue"
            label={t('caseload.overdueOnly')}
            checked={Boolean(filters.overdueOnly)}
            onChange={(c) => set('overdue', c ? '1' : '')}
          />
        </div>
      </FilterForm>

      <p aria-live="polite" aria-atomic="true" className="fw-semibold" data-testid="results-count">
        {countText}
      </p>
      {caseload.isPending && <Loading />}
      <ErrorAlert error={caseload.error} />
      {caseload.isSuccess && items.length === 0 && (
        <EmptyState title={t('caseload.emptyTitle')}>
          <p className="mb-2">
            {filters.state || filters.overdueOnly || needle
              ? t('caseload.emptyFiltered')
              : t('caseload.emptyAll')}
          </p>
          <Link to="/people/new">{t('people.list.create')}</Link>
        </EmptyState>
      )}
      {items.length > 0 && (
        <Table responsive hover className="trama-table" aria-busy={caseload.isFetching || undefined}>
          <caption className="caption-top">{t('caseload.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseload.person')}</th>
              <th scope="col">{t('people.fields.fiscalCode')}</th>
              <th scope="col">{t('pathways.fields.programme')}</th>
              <th scope="col">{t('caseload.stateColumn')}</th>
              <th scope="col">{t('pathways.fields.takenInChargeAt')}</th>
              <th scope="col">{t('pathways.fields.caseWorker')}</th>
              <th scope="col">{t('caseload.attention')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-testid="caseload-row">
                <th scope="row" className="fw-normal">
                  <Link to={{ pathname: `/people/${i.person.id}/timeline`, search: `?pathway=${i.id}` }}>
                    {i.person.lastName} {i.person.firstName}
                  </Link>
                  <div className="small">{i.officeName}</div>
                </th>
                <td className="font-monospace">{i.person.fiscalCode}</td>
                <td>
                  {i.programmeCode}
                  {i.golPath !== null && (
                    <div className="small">
                      {t('pathways.assessment.pathBand', { path: i.golPath, band: i.intensityBand })}
                    </div>
                  )}
                </td>
                <td>
                  <StateBadge state={i.state} />
                  <div className="small">{formatDate(i.stateChangedAt, i18n.language)}</div>
                </td>
                <td>{formatDate(i.takenInChargeAt, i18n.language)}</td>
                <td>{i.caseWorkerName}</td>
                <td>
                  <OverdueBadges item={i} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore query={caseload} />
    </>
  );
}
