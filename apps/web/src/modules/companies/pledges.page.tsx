import { PRIORITY_TARGETS } from '@trama/contracts';
import { Badge } from 'design-react-kit';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.queries';
import { usePledges, type Pledge } from './companies.queries';

/** Active, ended (its period is over) or withdrawn: in words, not by colour alone. */
export function PledgeStatusBadge({ p }: { p: Pledge }) {
  const { t } = useTranslation();
  const status = p.status === 'withdrawn' ? 'withdrawn' : p.ended ? 'ended' : 'active';
  const color = { active: 'success', ended: 'secondary', withdrawn: 'danger' }[status];
  return (
    // design-react-kit's Badge sets data-testid from `testId` (a data-testid prop would be overwritten).
    <Badge color={color} className="ms-2 align-middle" testId="pledge-status">
      {t(`pledges.status.${status}`)}
    </Badge>
  );
}

export function PledgeCard({
  p,
  level = 2,
  children,
}: {
  p: Pledge;
  level?: 2 | 3;
  /** Actions or forms of the company's staff, under the pledge. */
  children?: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { t, i18n } = useTranslation();
  // Company staff see a small count of hires for a sensitive target as "<5" (hires: null).
  const hires = p.hires ?? '<5';
  const share = p.hires === null ? 0 : Math.min(100, Math.round((p.hires / p.offers) * 100));
  const id = `pledge-${p.id}`;
  const withdrawn = p.status === 'withdrawn';
  return (
    <li
      className={`card card-bg mb-3${withdrawn ? ' border border-secondary' : ''}`}
      data-testid="pledge"
      data-status={p.status}
    >
      <div className="card-body">
        <Heading className="h5 mb-1" id={`${id}-title`}>
          {p.organizationName} <PledgeStatusBadge p={p} />
        </Heading>
        <p className="mb-2" id={`${id}-what`}>
          {t(`people.priorityTarget.${p.priorityTarget}`)} ·{' '}
          {t('pledges.period', {
            from: formatDate(p.periodFrom, i18n.language),
            to: formatDate(p.periodTo, i18n.language),
          })}
        </p>
        {p.withdrawal && (
          <p className="mb-2" data-testid="pledge-withdrawal">
            {p.withdrawal.byName
              ? t('pledges.withdrawnOnBy', {
                  at: formatDateTime(p.withdrawal.at, i18n.language),
                  name: p.withdrawal.byName,
                })
              : t('pledges.withdrawnOn', { at: formatDateTime(p.withdrawal.at, i18n.language) })}{' '}
            <span className="fst-italic">
              {t('pledges.withdrawnReason', { reason: p.withdrawal.reason })}
            </span>
            <br />
            <span className="small">{t('pledges.withdrawnNotCounted')}</span>
          </p>
        )}
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
            aria-labelledby={`${id}-title ${id}-what`}
            aria-valuemin={0}
            aria-valuemax={p.offers}
            aria-valuenow={Math.min(p.hires, p.offers)}
            aria-valuetext={t('pledges.progress', { hires, offers: p.offers })}
          >
            <div
              className={`progress-bar ${withdrawn ? 'bg-secondary' : 'bg-success'}`}
              style={{ width: `${share}%` }}
            />
          </div>
        )}
        <p className="small mt-2 mb-0">
          {t('pledges.vacancies', { count: p.pledgedVacancies })}
          {p.note ? ` · ${p.note}` : ''}
        </p>
        {children}
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
  // Totals of every matching pledge (all pages), from the first page; withdrawn pledges do not count.
  const totals = list.data?.pages[0]?.totals ?? null;
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
          {totals && (
            <p className="fw-semibold" aria-live="polite" data-testid="pledges-total">
              {t('pledges.total', { count: totals.pledges, hires: totals.hires, offers: totals.offers })}
              {totals.withdrawn > 0 && ` ${t('pledges.totalWithdrawn', { count: totals.withdrawn })}`}
              {totals.hiresSuppressed && ` ${t('pledges.totalSuppressed')}`}
            </p>
          )}
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
