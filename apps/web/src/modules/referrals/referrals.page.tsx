import { REFERRAL_STATES } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SelectField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { Done } from '../pathways/pathway-ui';
import { ReferralTable } from './referral-list';
import { useReferrals } from './referrals.queries';

/** Referrals of my organisation: incoming (accept or reject) and outgoing (revoke). */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const direction = params.get('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const state = params.get('state') ?? '';
  const list = useReferrals({ direction, state: state || undefined });
  const [done, setDone] = useState<string | null>(null);
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
      <PageHeading title={t('referrals.pageTitle')}>{t('referrals.pageTitle')}</PageHeading>
      <p>{t('referrals.pageIntro')}</p>
      <form
        role="search"
        aria-label={t('referrals.filters')}
        className="row"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="col-12 col-md-6 col-lg-4">
          <SelectField
            id="referral-direction"
            label={t('referrals.direction')}
            value={direction}
            onChange={(v) => set('direction', v === 'incoming' ? '' : v)}
            options={[
              { value: 'incoming', label: t('referrals.incoming') },
              { value: 'outgoing', label: t('referrals.outgoing') },
            ]}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <SelectField
            id="referral-state"
            label={t('referrals.fields.state')}
            value={state}
            onChange={(v) => set('state', v)}
            placeholder={t('people.list.any')}
            options={REFERRAL_STATES.map((s) => ({ value: s, label: t(`referrals.states.${s}`) }))}
          />
        </div>
      </form>
      <Done message={done} testId="referral-done" />
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && <EmptyState title={t('referrals.none')} />}
      {items.length > 0 && (
        <ReferralTable
          items={items}
          caption={direction === 'incoming' ? t('referrals.incomingCaption') : t('referrals.outgoingCaption')}
          onDone={setDone}
        />
      )}
      {list.hasNextPage && (
        <div className="text-center my-4">
          <Button
            color="primary"
            outline
            onClick={() => list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
