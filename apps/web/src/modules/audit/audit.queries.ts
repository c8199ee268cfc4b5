import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditPage } from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type AuditPageData = z.infer<typeof AuditPage>;
export type AuditEntryData = AuditPageData['items'][number];

export interface AuditFilters {
  action?: string;
  entityType?: string;
  outcome?: string;
  /** ISO timestamps (the page turns calendar days into the bounds of the local day). */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(f: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', f],
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPageData>('/audit', { ...f, limit: AUDIT_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
