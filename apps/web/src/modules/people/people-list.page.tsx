import { CONSENT_PURPOSES, EMPLOYMENT_STATUSES, PRIORITY_TARGETS } from '@trama/contracts';
import { Badge, Table } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { FilterForm, ResetFiltersButton, useUrlFilters } from '../../components/url-filters';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/auth.queries';
import { canWritePeople } from './people.permissions';
import { usePeopleList } from './people.queries';
import { LoadMore } from '../../components/load-more';

const FILTER_KEYS = ['q', 'employmentStatus', 'priorityTarget', 'consent'] as const;

export default function PeopleListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { filters, setFilter, text, setText, resetFilters, hasFilters } = useUrlFilters(FILTER_KEYS);

  const list = usePeopleList(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hasMore = Boolean(list.hasNextPage);
  const countText = list.isSuccess
    ? t(hasMore ? 'people.list.countMore' : 'people.list.count', { count: items.length })
    : '';

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <PageHeading title={t('people.list.title')}>{t('people.list.title')}</PageHeading>
        <div className="d-flex flex-wrap gap-2">
          <Link className="btn btn-outline-primary" to="/caseload">
            {t('caseload.title')}
          </Link>
          {canWritePeople(me.data) && (
            <>
              <Link className="btn btn-outline-primary" to="/people/import">
                {t('people.import.listLink')}
              </Link>
              <Link className="btn btn-primary" to="/people/new">
                {t('people.list.create')}
              </Link>
            </>
          )}
        </div>
      </div>
      <p>{t('people.list.intro')}</p>

      <FilterForm label={t('people.list.filters')} onSubmit={() => setFilter('q', text.trim())}>
        <div className="col-12 col-lg-6">
          <TextField
            id="people-search"
            type="search"
            label={t('people.list.search')}
            hint={t('people.list.searchHint')}
            value={text}
            onChange={setText}
            maxLength={100}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="people-status"
            label={t('people.fields.employmentStatus')}
            value={filters.employmentStatus ?? ''}
            onChange={(v) => setFilter('employmentStatus', v)}
            placeholder={t('people.list.any')}
            options={EMPLOYMENT_STATUSES.map((v) => ({
              value: v,
              label: t(`people.employmentStatus.${v}`),
            }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="people-target"
            label={t('people.list.priorityTarget')}
            value={filters.priorityTarget ?? ''}
            onChange={(v) => setFilter('priorityTarget', v)}
            placeholder={t('people.list.any')}
            options={PRIORITY_TARGETS.map((v) => ({ value: v, label: t(`people.priorityTarget.${v}`) }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="people-consent"
            label={t('people.list.consent')}
            value={filters.consent ?? ''}
            onChange={(v) => setFilter('consent', v)}
            placeholder={t('people.list.any')}
            options={CONSENT_PURPOSES.map((v) => ({ value: v, label: t(`people.consentPurpose.${v}`) }))}
          />
        </div>
        <div className="col-12 col-lg-3 d-flex align-items-start">
          <ResetFiltersButton disabled={!hasFilters && !text} onClick={resetFilters}>
            {t('people.list.reset')}
          </ResetFiltersButton>
        </div>
      </FilterForm>

      <p aria-live="polite" aria-atomic="true" className="fw-semibold" data-testid="results-count">
        {countText}
      </p>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />

      {list.isSuccess && items.length === 0 && (
        <EmptyState title={t('people.list.emptyTitle')}>
          <p className="mb-0">{hasFilters ? t('people.list.emptyFiltered') : t('people.list.emptyAll')}</p>
        </EmptyState>
      )}

      {items.length > 0 && (
        <Table responsive hover className="trama-table" aria-busy={list.isFetching || undefined}>
          <caption className="caption-top">{t('people.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.list.name')}</th>
              <th scope="col">{t('people.fields.fiscalCode')}</th>
              <th scope="col">{t('people.fields.birthDate')}</th>
              <th scope="col">{t('people.fields.residenceMunicipalityCode')}</th>
              <th scope="col">{t('people.fields.employmentStatus')}</th>
              <th scope="col">{t('people.fields.priorityTargets')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="fw-normal">
                  <Link to={`/people/${p.id}`}>
                    {p.lastName || p.firstName
                      ? `${p.lastName ?? ''} ${p.firstName ?? ''}`.trim()
                      : t('people.list.notShared')}
                  </Link>
                  {p.access === 'sections' && (
                    <Badge color="secondary" className="ms-2">
                      {t('people.access.sections')}
                    </Badge>
                  )}
                </th>
                <td className="font-monospace">{p.fiscalCode ?? '—'}</td>
                <td>{p.birthDate ? formatDate(p.birthDate, i18n.language) : '—'}</td>
                <td>{p.residenceMunicipalityName ?? '—'}</td>
                <td>{p.employmentStatus ? t(`people.employmentStatus.${p.employmentStatus}`) : '—'}</td>
                <td>
                  {p.priorityTargets?.length
                    ? p.priorityTargets.map((x) => t(`people.priorityTarget.${x}`)).join(', ')
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <LoadMore query={list} />
    </>
  );
}
