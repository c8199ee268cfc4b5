import { CRISIS_STATUSES } from '@trama/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { useDebounced } from '../../components/use-debounced';
import { useMe } from '../auth/auth.queries';
import { canCreateCrises } from './crises.permissions';
import { useCrises } from './crises.queries';

/** Company crises: those my organisation coordinates, all of them for network coordinators, my company's. */
export default function CrisesListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const debounced = useDebounced(q.trim(), 300);
  const list = useCrises({ q: debounced || undefined, status: status || undefined });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (k: string, v: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );
  return (
    <>
      <PageHeading title={t('crises.pageTitle')}>{t('crises.pageTitle')}</PageHeading>
      <p>{t('crises.pageIntro')}</p>
      {me.data && canCreateCrises(me.data.activeMembership.role) && (
        <p>
          <Link to="/crises/new" className="btn btn-primary">
            {t('crises.new')}
          </Link>
        </p>
      )}
      <form
        role="search"
        aria-label={t('crises.filters')}
        className="row"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="col-12 col-md-6">
          <TextField
            id="crisis-q"
            type="search"
            label={t('crises.search')}
            value={q}
            onChange={(v) => set('q', v)}
          />
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            id="crisis-status"
            label={t('crises.fields.status')}
            value={status}
            onChange={(v) => set('status', v)}
            placeholder={t('crises.anyStatus')}
            options={CRISIS_STATUSES.map((s) => ({ value: s, label: t(`crises.statuses.${s}`) }))}
          />
        </div>
      </form>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && (
        <EmptyState title={t('crises.none')}>
          <p className="mb-0">{t('crises.noneHint')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-responsive">
          <table className="table">
            <caption>{t('crises.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('crises.fields.title')}</th>
                <th scope="col">{t('crises.fields.company')}</th>
                <th scope="col">{t('crises.fields.site')}</th>
                <th scope="col">{t('crises.fields.workersAffected')}</th>
                <th scope="col">{t('crises.fields.cohort')}</th>
                <th scope="col">{t('crises.fields.announcedOn')}</th>
                <th scope="col">{t('crises.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/crises/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{c.companyName}</td>
                  <td>{c.siteMunicipalityName}</td>
                  <td>{c.workersAffected}</td>
                  <td>{c.cohortSize}</td>
                  <td>{c.announcedOn}</td>
                  <td>{t(`crises.statuses.${c.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={list} />
    </>
  );
}
