import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { CaseloadPage } from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type CaseloadPageData = z.infer<typeof CaseloadPage>;
export type CaseloadItem = CaseloadPageData['items'][number];

/** The caseload filters as they appear in the URL and in the API query. */
export interface CaseloadFilters {
  scope: 'mine' | 'office';
  officeId?: string;
  state?: string;
  overdueOnly?: boolean;
  /** Name, surname or fiscal code (searched on the server). */
  q?: string;
}

export const CASELOAD_PAGE_SIZE = 25;

export function useCaseload(f: CaseloadFilters) {
  return useInfiniteQuery({
    queryKey: ['caseload', f],
    queryFn: ({ pageParam, signal }) =>
      api.get<CaseloadPageData>(
        '/caseload',
        {
          scope: f.scope,
          officeId: f.scope === 'office' ? f.officeId : undefined,
          state: f.state,
          overdueOnly: f.overdueOnly ? 'true' : undefined,
          q: f.q?.trim() || undefined,
          limit: CASELOAD_PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
