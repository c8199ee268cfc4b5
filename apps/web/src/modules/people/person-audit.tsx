import { useInfiniteQuery } from '@tanstack/react-query';
import type { PersonAuditPage } from '@trama/contracts';
import { Badge, Button, Table } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { i18n as i18nInstance } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

type Page = z.infer<typeof PersonAuditPage>;
type Entry = Page['items'][number];

const AUDIT_PAGE_SIZE = 50;

export function usePersonAudit(personId: string) {
  return useInfiniteQuery({
    queryKey: ['people', 'audit', personId],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>(`/people/${personId}/audit`, { limit: AUDIT_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** "people.read" => the translated sentence if there is one, else the action code itself. */
function ActionText({ action }: { action: string }) {
  const { t } = useTranslation();
  const key = `people.audit.actions.${action.replace(/\./g, '_')}`;
  return i18nInstance.exists(key) ? <>{t(key)}</> : <code>{action}</code>;
}

/**
 * The person's audit trail (who read or changed the record, the pathways, vouchers and referrals),
 * newest first. Shown only to organisations with full access; the server enforces it and audits the read.
 */
export function PersonAuditTab({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const q = usePersonAudit(personId);
  const items: Entry[] = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title" className="h3">
        {t('people.audit.title')}
      </h2>
      <p>{t('people.audit.intro')}</p>
      {q.isPending && <Loading />}
      <ErrorAlert error={q.error} />
      {q.isSuccess && items.length === 0 && <EmptyState title={t('people.audit.empty')} />}
      {items.length > 0 && (
        <Table
          responsive
          className="trama-table"
          data-testid="person-audit"
          aria-busy={q.isFetching || undefined}
        >
          <caption className="caption-top">{t('people.audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.audit.when')}</th>
              <th scope="col">{t('people.audit.who')}</th>
              <th scope="col">{t('people.audit.what')}</th>
              <th scope="col">{t('people.audit.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                </td>
                <td>
                  {e.actorName ?? e.actorEmail ?? t('people.audit.system')}
                  {e.organizationName && <span className="d-block small">{e.organizationName}</span>}
                </td>
                <td>
                  <ActionText action={e.action} />
                  {e.entityType && e.entityType !== 'person' && (
                    <span className="d-block small">
                      {t(`people.audit.entity.${e.entityType}`, e.entityType)}
                    </span>
                  )}
                </td>
                <td>
                  {e.outcome === 'ok' ? (
                    t('people.audit.outcomes.ok')
                  ) : (
                    <Badge color="danger">{t(`people.audit.outcomes.${e.outcome}`)}</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {q.hasNextPage && (
        <Button
          color="primary"
          outline
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {t('people.audit.more')}
        </Button>
      )}
    </section>
  );
}
