import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Company, PledgePage } from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type { Company } from '@trama/contracts';
export type Pledge = z.infer<typeof PledgePage>['items'][number];

export function useCompany(id: string | null | undefined) {
  return useQuery({
    queryKey: ['companies', 'detail', id ?? ''],
    queryFn: ({ signal }) => api.get<Company>(`/companies/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export interface PledgeFilters {
  organizationId?: string;
  priorityTarget?: string;
}

export function usePledges(f: PledgeFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['pledges', 'list', f],
    queryFn: ({ pageParam, signal }) =>
      api.get<z.infer<typeof PledgePage>>(
        '/pledges',
        { organizationId: f.organizationId, priorityTarget: f.priorityTarget, limit: 25, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
