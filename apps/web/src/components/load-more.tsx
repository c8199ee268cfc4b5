import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';

/** The subset of a TanStack infinite query that paging needs. */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Carica altri": fetches the next cursor page of a list; renders nothing on the last page. */
export function LoadMore({ query }: { query: PagedQuery }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <div className="text-center my-4">
      <Button
        color="primary"
        outline
        onClick={() => query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
        data-testid="load-more"
      >
        {query.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
      </Button>
    </div>
  );
}
