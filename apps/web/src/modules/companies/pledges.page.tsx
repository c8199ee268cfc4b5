import { PRIORITY_TARGETS } from '@trama/contracts';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/auth.queries';
import { usePledges, type Pledge } from './companies.queries';

export function PledgeCard({ p, level = 2 }: { p: Pledge; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { t, i18n } = useTranslation();
  // Company staff see a small count of hires for a sensitive target as "<5" (hires: null).
  const hires = p.hires ?? '<5';
  const share = p.hires === null ? 0 : Math.min(100, Math.round((p.hires / p.offers) * 100));
  const id = `pledge-${p.id}`;
  return (
    <li className="card card-bg mb-3" data-testid="pledge">
      <div className="card-body">
        <Heading className="h5 mb-1" id={`${id}-title`}>
          {p.organizationName}
        </Heading>
        <p className="mb-2">
          {t(`people.priorityTarget.${p.priorityTarget}`)} ·{' '}
          {t('pledges.period', {
            from: formatDate(p.periodFrom, i18n.language),
            to: formatDate(p.periodTo, i18n.language),
          })}
        </p>
        <p className="mb-1 fw-semibold" data-testid="pledge-progress">
          {t('pledges.progress', { hires, offers: p.offers })}
        </p>
        {p.hires === null ? (
          <p className="small mb-0" data-testid="pledge-suppressed">
            {t('pledges.hiresSuppressed')}
          </p>
        ) : (
          <div
            className="progress"
            role="progressbar"
            aria-labelledby={`${id}-title`}
            aria-valuemin={0}
            aria-valuemax={p.offers}
            aria-valuenow={Math.min(p.hires, p.offers)}
            aria-valuetext={t('pledges.progress', { hires, offers: p.offers })}
          >
            <div className="progress-bar bg-success" style={{ width: `${share}%` }} />
          </div>
        )}
        <p className="small mt-2 mb-0">
          {t('pledges.vacancies', { count: p.pledgedVacancies })}
          {p.note ? ` · ${p.note}` : ''}
        </p>
      </div>
    </li>
  );
}

/** The pledges board: each company's pledge for a priority target against its actual hires. */
export default function PledgesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const target = params.get('priorityTarget') ?? '';
  const list = usePledges({ priorityTarget: target || undefined }, me.isSuccess);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const totals = items.reduce((a, p) => ({ offers: a.offers + p.offers, hires: a.hires + (p.hires ?? 0) }), {
    offers: 0,
    hires: 0,
  });
  const someSuppressed = items.some((p) => p.hiresSuppressed);
  return (
    <>
      <PageHeading title={t('pledges.title')}>{t('pledges.title')}</PageHeading>
      <p>{t('pledges.intro')}</p>
      <form role="search" aria-label={t('pledges.filters')} className="trama-filters mb-3">
        <div className="row">
          <div className="col-12 col-md-6 col-lg-4">
            <SelectField
              id="pledge-target"
              label={t('pledges.target')}
              value={target}
              onChange={(v) => setParams(v ? { priorityTarget: v } : {}, { replace: true })}
              placeholder={t('pledges.anyTarget')}
              options={PRIORITY_TARGETS.map((x) => ({ value: x, label: t(`people.priorityTarget.${x}`) }))}
            />
          </div>
        </div>
      </form>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && (
        <EmptyState title={t('pledges.emptyTitle')}>
          <p className="mb-0">{target ? t('pledges.emptyFiltered') : t('pledges.emptyAll')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <>
          <p className="fw-semibold" aria-live="polite" data-testid="pledges-total">
            {t('pledges.total', { count: items.length, hires: totals.hires, offers: totals.offers })}
            {someSuppressed && ` ${t('pledges.totalSuppressed')}`}
          </p>
          <ul className="list-unstyled" aria-label={t('pledges.title')} data-testid="pledges">
            {items.map((p) => (
              <PledgeCard key={p.id} p={p} />
            ))}
          </ul>
        </>
      )}
      <LoadMore query={list} />
    </>
  );
}
