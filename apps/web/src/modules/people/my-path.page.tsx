import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { useOwnPerson } from './people.queries';
import { ConsentsPanel, PersonRecordView } from './person-record';

/**
 * The citizen's own view: their record (SAP) and their consents, which they may give or withdraw.
 * The server does not yet expose a citizen's pathway, pact or appointments (pathway routes are for
 * operator staff only), so those are announced as not yet available rather than faked.
 */
export default function MyPathPage() {
  const { t } = useTranslation();
  const me = useOwnPerson();
  return (
    <>
      <PageHeading title={t('people.mine.title')}>{t('people.mine.title')}</PageHeading>
      <p>{t('people.mine.intro')}</p>
      {me.isPending && <Loading />}
      <ErrorAlert error={me.error} />
      {me.isSuccess && !me.data && (
        <EmptyState title={t('people.mine.noRecordTitle')}>
          <p className="mb-0">{t('people.mine.noRecordText')}</p>
        </EmptyState>
      )}
      {me.data && (
        <>
          <section aria-labelledby="mine-path" className="mb-4">
            <h2 id="mine-path" className="h3">
              {t('people.mine.pathTitle')}
            </h2>
            <p className="alert alert-info" role="note">
              {t('people.mine.pathNotYet')}
            </p>
          </section>
          <section aria-labelledby="mine-record" className="mb-4">
            <h2 id="mine-record" className="h3">
              {t('people.mine.recordTitle')}
            </h2>
            <PersonRecordView person={me.data} />
          </section>
          <ConsentsPanel personId={me.data.id} canChange headingLevel={2} />
        </>
      )}
    </>
  );
}
