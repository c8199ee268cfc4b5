import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Candidature, CandidaturePage, CandidatureTarget, HirePlacementInput } from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type { Candidature } from '@trama/contracts';
type CandidaturePageData = z.infer<typeof CandidaturePage>;

export interface CandidatureFilters {
  vacancyId?: string;
  personId?: string;
  state?: string;
}

export const candidatureKeys = {
  all: ['candidatures'] as const,
  list: (f: CandidatureFilters) => ['candidatures', 'list', f] as const,
};

export function useCandidatures(f: CandidatureFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: candidatureKeys.list(f),
    queryFn: ({ pageParam, signal }) =>
      api.get<CandidaturePageData>(
        '/candidatures',
        { vacancyId: f.vacancyId, personId: f.personId, state: f.state, limit: 20, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Proposes a person for a vacancy (case worker). */
export function usePropose() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { vacancyId: string; personId: string; note?: string | null }) =>
      api.post<Candidature>('/candidatures', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: candidatureKeys.all }),
  });
}

export function useTransitionCandidature() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      id: string;
      to: CandidatureTarget;
      reason?: string | null;
      placement?: HirePlacementInput;
    }) =>
      api.post<Candidature>(`/candidatures/${v.id}/transition`, {
        to: v.to,
        reason: v.reason ?? null,
        ...(v.placement ? { placement: v.placement } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: candidatureKeys.all });
      // A hire may fill the vacancy and place the person's pathway.
      void qc.invalidateQueries({ queryKey: ['vacancies'] });
      void qc.invalidateQueries({ queryKey: ['pathways'] });
      void qc.invalidateQueries({ queryKey: ['pledges'] });
    },
  });
}
