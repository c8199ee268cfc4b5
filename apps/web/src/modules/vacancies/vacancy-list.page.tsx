import { VACANCY_STATUSES } from '@trama/contracts';
import { Badge, Table } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { FilterForm, ResetFiltersButton, useUrlFilters } from '../../components/url-filters';
import { formatDate } from '../../i18n/format';
import { api } from '../../api/client';
import { useMe } from '../auth/auth.queries';
import { searchMunicipalities } from '../reference/reference.queries';
import { isCompanyStaff } from './vacancies.permissions';
import { searchOccupations, useVacancyList } from './vacancies.queries';
import { VacancyStatusBadge } from './vacancy-ui';

const FILTER_KEYS = ['q', 'status', 'provinceCode', 'municipalityCode', 'occupationId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

async function searchProvinceCodes(q: string, signal: AbortSignal): Promise<ComboboxOption[]> {
  const r = await api.get<{ items: { code: string; name: string; provinceAbbreviation: string | null }[] }>(
    '/reference/places',
    { kind: 'province', q, limit: 20 },
    signal,
  );
  return r.items.map((p) => ({
    value: p.code,
    label: p.provinceAbbreviation ? `${p.name} (${p.provinceAbbreviation})` : p.name,
  }));
}

export default function VacancyListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const company = isCompanyStaff(me.data);
  const { params, filters, setFilter, text, setText, resetFilters, hasFilters } = useUrlFilters(FILTER_KEYS, {
    labels: true,
  });
  // The labels of the chosen place and occupation travel in the URL too, for the pickers.
  const labelOf = (k: string) => params.get(`${k}Label`) ?? params.get(k) ?? '';

  const list = useVacancyList(filters, me.isSuccess);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const opt = (k: FilterKey): ComboboxOption | null =>
    filters[k] ? { value: filters[k]!, label: labelOf(k) } : null;

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <PageHeading title={t('vacancies.list.title')}>{t('vacancies.list.title')}</PageHeading>
        {company && (
          <Link className="btn btn-primary" to="/vacancies/new">
            {t('vacancies.list.create')}
          </Link>
        )}
      </div>
      <p>{company ? t('vacancies.list.introCompany') : t('vacancies.list.intro')}</p>

      <FilterForm label={t('vacancies.list.filters')} onSubmit={() => setFilter('q', text.trim())}>
        <div className="col-12 col-lg-6">
          <TextField
            id="vacancy-search"
            type="search"
            label={t('vacancies.list.search')}
            hint={t('vacancies.list.searchHint')}
            value={text}
            onChange={setText}
            maxLength={100}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="vacancy-status"
            label={t('vacancies.fields.status')}
            value={filters.status ?? ''}
            onChange={(v) => setFilter('status', v)}
            placeholder={t('vacancies.list.anyStatus')}
            options={VACANCY_STATUSES.filter((s) => company || s !== 'draft').map((s) => ({
              value: s,
              label: t(`vacancies.statuses.${s}`),
            }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <Combobox
            id="vacancy-province"
            label={t('vacancies.list.province')}
            value={opt('provinceCode')}
            onChange={(o) => setFilter('provinceCode', o?.value ?? '', o?.label)}
            queryKey={['reference', 'province-codes']}
            search={searchProvinceCodes}
            minChars={1}
          />
        </div>
        <div className="col-12 col-md-6">
          <Combobox
            id="vacancy-municipality"
            label={t('vacancies.fields.municipality')}
            value={opt('municipalityCode')}
            onChange={(o) => setFilter('municipalityCode', o?.value ?? '', o?.label)}
            queryKey={['reference', 'municipalities']}
            search={searchMunicipalities}
          />
        </div>
        <div className="col-12 col-md-6">
          <Combobox
            id="vacancy-occupation"
            label={t('vacancies.fields.occupation')}
            value={opt('occupationId')}
            onChange={(o) => setFilter('occupationId', o?.value ?? '', o?.label)}
            queryKey={['reference', 'occupations', i18n.language]}
            search={searchOccupations(i18n.language)}
          />
        </div>
        <div className="col-12">
          <ResetFiltersButton disabled={!hasFilters && !text} onClick={resetFilters}>
            {t('vacancies.list.reset')}
          </ResetFiltersButton>
        </div>
      </FilterForm>

      <p aria-live="polite" aria-atomic="true" className="fw-semibold" data-testid="results-count">
        {list.isSuccess
          ? list.hasNextPage
            ? t('vacancies.list.countMore', { count: items.length })
            : t('vacancies.list.count', { count: items.length })
          : ''}
      </p>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && (
        <EmptyState title={t('vacancies.list.emptyTitle')}>
          <p className="mb-0">
            {hasFilters ? t('vacancies.list.emptyFiltered') : t('vacancies.list.emptyAll')}
          </p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <Table responsive hover className="trama-table" aria-busy={list.isFetching || undefined}>
          <caption className="caption-top">{t('vacancies.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vacancies.fields.title')}</th>
              <th scope="col">{t('vacancies.fields.company')}</th>
              <th scope="col">{t('vacancies.fields.occupation')}</th>
              <th scope="col">{t('vacancies.fields.municipality')}</th>
              <th scope="col">{t('vacancies.fields.status')}</th>
              <th scope="col" className="text-end">
                {t('vacancies.fields.openings')}
              </th>
              <th scope="col">{t('vacancies.list.published')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.id}>
                <th scope="row" className="fw-normal">
                  <Link to={`/vacancies/${v.id}`}>{v.title}</Link>
                  {v.countsTowardsPledge && (
                    <Badge color="success" className="ms-2">
                      {t('vacancies.pledged')}
                    </Badge>
                  )}
                </th>
                <td>{v.organizationName}</td>
                <td>{v.occupationLabel}</td>
                <td>
                  {v.municipalityName}
                  {v.workMode !== 'onsite' && (
                    <span className="text-muted"> · {t(`vacancies.workModes.${v.workMode}`)}</span>
                  )}
                </td>
                <td>
                  <VacancyStatusBadge status={v.status} />
                </td>
                <td className="text-end">{v.openings}</td>
                <td>{formatDate(v.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore query={list} />
    </>
  );
}
