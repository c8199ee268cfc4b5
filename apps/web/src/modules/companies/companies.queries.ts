import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  Company,
  CompanyProfileInput,
  PledgeInput,
  PledgePage,
  PledgeUpdate,
  PledgeWithdrawal,
} from '@trama/contracts';
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

/** Saves the company's profile (its own staff); `version` is the one read (optimistic locking). */
export function useSaveCompanyProfile(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof CompanyProfileInput> & { version: number }) =>
      api.put<Company>(`/companies/${id}/profile`, input),
    onSuccess: (company) => {
      qc.setQueryData(['companies', 'detail', id], company);
      void qc.invalidateQueries({ queryKey: ['companies'] });
    },
  });
}

/** A new pledge of the caller's company; the board and "La mia azienda" list it at once. */
export function useCreatePledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PledgeInput>) => api.post<Pledge>('/pledges', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['pledges'] }),
  });
}

/** Edits a pledge of the caller's company; `version` is the one read (a stale one answers 409). */
export function useUpdatePledge(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PledgeUpdate>) => api.put<Pledge>(`/pledges/${id}`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['pledges'] }),
  });
}

/** Withdraws a pledge with the reason: it stays listed, marked as withdrawn, out of the totals. */
export function useWithdrawPledge(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PledgeWithdrawal>) =>
      api.post<Pledge>(`/pledges/${id}/withdraw`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['pledges'] }),
  });
}
