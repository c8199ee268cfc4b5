import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api, type QueryParams } from './client';

/**
 * A cursor-paged list (see platform/cursor.ts on the server) as an infinite query: each page asks for
 * `limit` items after the previous page's `nextCursor`; while the filters change the previous result
 * stays on screen (keepPreviousData). Pair it with the LoadMore component.
 */
export function useCursorList<P extends { nextCursor?: string | null }>({
  queryKey,
  path,
  params,
  limit,
  enabled = true,
}: {
  queryKey: QueryKey;
  path: string;
  params: QueryParams;
  limit: number;
  enabled?: boolean;
}) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => api.get<P>(path, { ...params, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
