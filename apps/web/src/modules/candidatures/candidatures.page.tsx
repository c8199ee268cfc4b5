import { CANDIDATURE_STATES } from '@trama/contracts';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { useMe } from '../auth/auth.queries';
import { CandidatureTable } from './candidature-ui';
import { useCandidatures } from './candidatures.queries';

/** Candidatures proposed by the case worker's organisation (or received by a company), by state. */
export default function CandidaturesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const company = me.data?.activeMembership.role === 'company_staff';
  const list = useCandidatures({ state: state || undefined }, me.isSuccess);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeading title={t('candidatures.title')}>{t('candidatures.title')}</PageHeading>
      <p>{company ? t('candidatures.introCompany') : t('candidatures.intro')}</p>
      <form role="search" aria-label={t('candidatures.filters')} className="trama-filters mb-3">
        <div className="row">
          <div className="col-12 col-md-6 col-lg-4">
            <SelectField
              id="candidature-state"
              label={t('candidatures.fields.state')}
              value={state}
              onChange={(v) => setParams(v ? { state: v } : {}, { replace: true })}
              placeholder={t('candidatures.anyState')}
              options={CANDIDATURE_STATES.map((s) => ({ value: s, label: t(`candidatures.states.${s}`) }))}
            />
          </div>
        </div>
      </form>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && (
        <EmptyState title={t('candidatures.emptyTitle')}>
          <p className="mb-0">{state ? t('candidatures.emptyFiltered') : t('candidatures.emptyAll')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <CandidatureTable
          items={items}
          caption={t('candidatures.caption')}
          show={{
            vacancy: true,
            company: !company,
            proposer: company,
            contacts: company,
            personLink: !company,
          }}
        />
      )}
      <LoadMore query={list} />
    </>
  );
}
