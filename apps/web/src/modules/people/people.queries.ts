import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConsentHistory,
  ConsentPurpose,
  Person,
  PersonCreate,
  PersonPage,
  PersonUpdate,
} from '@trama/contracts';
import type { z } from 'zod';
import { useCursorList } from '../../api/cursor-list';
import { ApiError, api, type QueryParams } from '../../api/client';

export type { Person } from '@trama/contracts';
export type PersonListItem = z.infer<typeof PersonPage>['items'][number];
export type PersonPageData = z.infer<typeof PersonPage>;
export type PersonCreateData = z.output<typeof PersonCreate>;
export type PersonUpdateData = z.output<typeof PersonUpdate>;
export type ConsentHistoryData = z.infer<typeof ConsentHistory>;

/** The list filters as they appear in the URL and in the API query. */
export interface PeopleFilters {
  q?: string;
  employmentStatus?: string;
  priorityTarget?: string;
  consent?: string;
}

export const peopleKeys = {
  all: ['people'] as const,
  list: (f: PeopleFilters) => ['people', 'list', f] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
  consents: (id: string) => ['people', 'consents', id] as const,
  me: ['people', 'me'] as const,
};

export const PEOPLE_PAGE_SIZE = 25;

export function peopleQuery(f: PeopleFilters): QueryParams {
  return {
    q: f.q?.trim() || undefined,
    employmentStatus: f.employmentStatus,
    priorityTarget: f.priorityTarget,
    consent: f.consent,
  };
}

export function usePeopleList(f: PeopleFilters, enabled = true) {
  return useCursorList<PersonPageData>({
    queryKey: peopleKeys.list(f),
    path: '/people',
    params: peopleQuery(f),
    limit: PEOPLE_PAGE_SIZE,
    enabled,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: peopleKeys.detail(id),
    queryFn: ({ signal }) => api.get<Person>(`/people/${id}`, undefined, signal),
  });
}

/** The signed-in citizen's own record; null when no record is linked to the account yet. */
export function useOwnPerson() {
  return useQuery({
    queryKey: peopleKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Person>('/people/me', undefined, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

export function useCreatePerson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonCreateData) => api.post<Person>('/people', input),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: ['people', 'list'] });
      qc.setQueryData(peopleKeys.detail(p.id), p);
    },
  });
}

export function useUpdatePerson(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonUpdateData) => api.patch<Person>(`/people/${id}`, input),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: ['people', 'list'] });
      qc.setQueryData(peopleKeys.detail(id), p);
    },
  });
}

export function useConsents(id: string, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.consents(id),
    queryFn: ({ signal }) => api.get<ConsentHistoryData>(`/people/${id}/consents`, undefined, signal),
    enabled,
  });
}

export function useChangeConsent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { purpose: ConsentPurpose; given: boolean; note?: string | null }) =>
      api.post<ConsentHistoryData>(`/people/${id}/consents`, input),
    onSuccess: (h) => {
      qc.setQueryData(peopleKeys.consents(id), h);
      qc.invalidateQueries({ queryKey: peopleKeys.detail(id) });
      qc.invalidateQueries({ queryKey: peopleKeys.me });
    },
  });
}
