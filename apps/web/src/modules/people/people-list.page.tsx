import { CONSENT_PURPOSES, EMPLOYMENT_STATUSES, PRIORITY_TARGETS } from '@trama/contracts';
import { Badge, Button, Table } from 'design-react-kit';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { useDebounced } from '../../components/use-debounced';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/auth.queries';
import { canWritePeople } from './people.permissions';
import { usePeopleList, type PeopleFilters } from './people.queries';
import { LoadMore } from '../../components/load-more';

const FILTER_KEYS = ['q', 'employmentStatus', 'priorityTarget', 'consent'] as const;

export default function PeopleListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters: PeopleFilters = useMemo(() => {
    const f: PeopleFilters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);

  const [text, setText] = useState(filters.q ?? '');
  const debounced = useDebounced(text, 300);
  useEffect(() => {
    if ((filters.q ?? '') !== debounced.trim()) setFilter('q', debounced.trim());
  }, [debounced]);

  function setFilter(key: (typeof FILTER_KEYS)[number], value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }

  const list = usePeopleList(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hasMore = Boolean(list.hasNextPage);
  const hasFilters = FILTER_KEYS.some((k) => filters[k]);
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

      <form
        role="search"
        aria-label={t('people.list.filters')}
        className="trama-filters mb-4"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('q', text.trim());
        }}
      >
        <div className="row">
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
            <Button
              color="secondary"
              outline
              type="button"
              disabled={!hasFilters && !text}
              onClick={() => {
                setText('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('people.list.reset')}
            </Button>
          </div>
        </div>
      </form>

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
