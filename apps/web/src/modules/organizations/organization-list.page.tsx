import { ORGANIZATION_SORTS, ORGANIZATION_TYPES } from '@trama/contracts';
import { Badge, Table } from 'design-react-kit';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiUrl } from '../../api/client';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { FilterForm, ResetFiltersButton, useUrlFilters } from '../../components/url-filters';
import { useMe } from '../auth/auth.queries';
import { searchProvinces } from '../reference/reference.queries';
import { canCreateOrganization } from './organizations.permissions';
import { filtersToQuery, useOrganizationList } from './organizations.queries';
import { LoadMore } from '../../components/load-more';

const FILTER_KEYS = ['q', 'type', 'province', 'accredited', 'status', 'sort'] as const;

export default function OrganizationListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { filters, setFilter, text, setText, resetFilters, hasFilters } = useUrlFilters(FILTER_KEYS);

  const list = useOrganizationList(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hasMore = Boolean(list.hasNextPage);
  const [province, setProvince] = useState<ComboboxOption | null>(
    filters.province ? { value: filters.province, label: filters.province } : null,
  );
  useEffect(() => {
    if (!filters.province) setProvince(null);
  }, [filters.province]);

  const exportHref = apiUrl('/organizations/export.csv', {
    ...filtersToQuery(filters),
    lang: i18n.language === 'en' ? 'en' : 'it',
  });

  let countText = '';
  if (list.isSuccess) {
    countText = hasMore
      ? t('organizations.list.countMore', { count: items.length })
      : t('organizations.list.count', { count: items.length });
  }

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <PageHeading title={t('organizations.list.title')}>{t('organizations.list.title')}</PageHeading>
        <div className="d-flex flex-wrap gap-2">
          {canCreateOrganization(me.data) && (
            <Link className="btn btn-primary" to="/organizations/new">
              {t('organizations.list.create')}
            </Link>
          )}
          <a className="btn btn-outline-primary" href={exportHref} download data-testid="export-csv">
            {t('organizations.list.export')}
          </a>
        </div>
      </div>
      <p>{t('organizations.list.intro')}</p>

      <FilterForm label={t('organizations.list.filters')} onSubmit={() => setFilter('q', text.trim())}>
        <div className="col-12 col-lg-6">
          <TextField
            id="org-search"
            type="search"
            label={t('organizations.list.search')}
            hint={t('organizations.list.searchHint')}
            value={text}
            onChange={setText}
            maxLength={100}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="org-type"
            label={t('organizations.fields.type')}
            value={filters.type ?? ''}
            onChange={(v) => setFilter('type', v)}
            placeholder={t('organizations.list.anyType')}
            options={ORGANIZATION_TYPES.map((v) => ({ value: v, label: t(`organizationTypes.${v}`) }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <Combobox
            id="org-province"
            label={t('organizations.list.province')}
            value={province}
            onChange={(o) => {
              setProvince(o);
              setFilter('province', o?.value ?? '');
            }}
            queryKey={['reference', 'provinces']}
            search={searchProvinces}
            minChars={1}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-3">
          <SelectField
            id="org-accredited"
            label={t('organizations.list.accredited')}
            value={filters.accredited ?? ''}
            onChange={(v) => setFilter('accredited', v)}
            placeholder={t('organizations.list.any')}
            options={[
              { value: 'true', label: t('organizations.list.accreditedYes') },
              { value: 'false', label: t('organizations.list.accreditedNo') },
            ]}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-3">
          <SelectField
            id="org-status"
            label={t('organizations.fields.status')}
            value={filters.status ?? 'active'}
            onChange={(v) => setFilter('status', v === 'active' ? '' : v)}
            options={[
              { value: 'active', label: t('organizations.status.active') },
              { value: 'archived', label: t('organizations.status.archived') },
            ]}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-3">
          <SelectField
            id="org-sort"
            label={t('organizations.list.sort')}
            value={filters.sort ?? 'name'}
            onChange={(v) => setFilter('sort', v === 'name' ? '' : v)}
            options={ORGANIZATION_SORTS.map((v) => ({ value: v, label: t(`organizations.sorts.${v}`) }))}
          />
        </div>
        <div className="col-12 col-lg-3 d-flex align-items-start">
          <ResetFiltersButton disabled={!hasFilters && !text} onClick={resetFilters}>
            {t('organizations.list.reset')}
          </ResetFiltersButton>
        </div>
      </FilterForm>

      <p aria-live="polite" aria-atomic="true" className="fw-semibold" data-testid="results-count">
        {countText}
      </p>

      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />

      {list.isSuccess && items.length === 0 && (
        <EmptyState title={t('organizations.list.emptyTitle')}>
          <p className="mb-0">
            {hasFilters ? t('organizations.list.emptyFiltered') : t('organizations.list.emptyAll')}
          </p>
        </EmptyState>
      )}

      {items.length > 0 && (
        <Table responsive hover className="trama-table" aria-busy={list.isFetching || undefined}>
          <caption className="caption-top">{t('organizations.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organizations.fields.name')}</th>
              <th scope="col">{t('organizations.fields.type')}</th>
              <th scope="col">{t('organizations.fields.fiscalCode')}</th>
              <th scope="col">{t('organizations.fields.legalSeat')}</th>
              <th scope="col">{t('organizations.list.accreditedColumn')}</th>
              <th scope="col" className="text-end">
                {t('organizations.list.offices')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id}>
                <th scope="row" className="fw-normal">
                  <Link to={`/organizations/${o.id}`}>{o.name}</Link>
                  {o.status === 'archived' && (
                    <Badge color="secondary" className="ms-2">
                      {t('organizations.status.archived')}
                    </Badge>
                  )}
                </th>
                <td>{t(`organizationTypes.${o.type}`)}</td>
                <td className="font-monospace">{o.fiscalCode}</td>
                <td>
                  {o.legalSeat.name} ({o.legalSeat.provinceAbbreviation})
                </td>
                <td>
                  {o.accredited ? (
                    <Badge color="success">{t('common.yes')}</Badge>
                  ) : (
                    <span className="text-muted">{t('common.no')}</span>
                  )}
                </td>
                <td className="text-end">{o.officeCount}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <LoadMore query={list} />
    </>
  );
}
