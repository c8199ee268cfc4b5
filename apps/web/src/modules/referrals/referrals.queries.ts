import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Referral, ReferralAction, ReferralInput, ReferralPage } from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type { Referral } from '@trama/contracts';

export interface ReferralFilters {
  direction: 'incoming' | 'outgoing';
  state?: string;
  personId?: string;
}

export const referralKeys = {
  list: (f: ReferralFilters) => ['referrals', 'list', f] as const,
};

export function useReferrals(f: ReferralFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: referralKeys.list(f),
    queryFn: ({ pageParam, signal }) =>
      api.get<z.infer<typeof ReferralPage>>(
        '/referrals',
        { direction: f.direction, state: f.state, personId: f.personId, limit: 25, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateReferral() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof ReferralInput>) => api.post<Referral>('/referrals', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['referrals'] });
      void qc.invalidateQueries({ queryKey: ['pathways'] });
    },
  });
}

export function useReferralTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; action: ReferralAction; reason?: string | null }) =>
      api.post<Referral>(`/referrals/${id}/transitions`, input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['referrals'] });
      void qc.invalidateQueries({ queryKey: ['pathways'] });
      void qc.invalidateQueries({ queryKey: ['people'] });
    },
  });
}
