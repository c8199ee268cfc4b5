import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  AttendanceStatus,
  CohortMember,
  CohortPage,
  Crisis,
  CrisisInput,
  CrisisOutcome,
  CrisisPatch,
  CrisisPage,
  GroupAction,
  GroupActionInput,
  MarketingProfile,
  SkillsProfile,
  TargetCompanies,
} from '@trama/contracts';
import type { z } from 'zod';
import { api, apiUrl } from '../../api/client';
import type { ComboboxOption } from '../../components/combobox';

export interface CrisisFilters {
  q?: string;
  status?: string;
}

export const crisisKeys = {
  list: (f: CrisisFilters) => ['crises', 'list', f] as const,
  one: (id: string) => ['crises', id] as const,
  part: (id: string, part: string) => ['crises', id, part] as const,
};

export function useCrises(f: CrisisFilters) {
  return useInfiniteQuery({
    queryKey: crisisKeys.list(f),
    queryFn: ({ pageParam, signal }) =>
      api.get<z.infer<typeof CrisisPage>>(
        '/crises',
        { q: f.q, status: f.status, limit: 25, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCrisis(id: string) {
  return useQuery({
    queryKey: crisisKeys.one(id),
    queryFn: ({ signal }) => api.get<Crisis>(`/crises/${id}`, undefined, signal),
  });
}

export function useCreateCrisis() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof CrisisInput>) => api.post<Crisis>('/crises', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['crises'] }),
  });
}

export function useSetCrisisStatus(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; status: 'open' | 'closed' }) =>
      api.patch<Crisis>(`/crises/${id}`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['crises'] }),
  });
}

/** Edits the crisis (details, agreement with the unions); `version` is the one read (optimistic locking). */
export function useUpdateCrisis(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CrisisPatch) => api.patch<Crisis>(`/crises/${id}`, input),
    onSuccess: (crisis) => {
      qc.setQueryData(crisisKeys.one(id), crisis);
      void qc.invalidateQueries({ queryKey: ['crises'] });
    },
  });
}

export function useCohort(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: crisisKeys.part(id, 'cohort'),
    queryFn: ({ pageParam, signal }) =>
      api.get<CohortPage>(`/crises/${id}/cohort`, { limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

const invalidateCrisis = (qc: ReturnType<typeof useQueryClient>, id: string) =>
  void qc.invalidateQueries({ queryKey: ['crises', id] });

export function useAddMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => api.post<CohortMember>(`/crises/${id}/cohort`, { personId }),
    onSuccess: () => invalidateCrisis(qc, id),
  });
}

export function useRemoveMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => api.delete<void>(`/crises/${id}/cohort/${personId}`),
    onSuccess: () => invalidateCrisis(qc, id),
  });
}

export function useActions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: crisisKeys.part(id, 'actions'),
    queryFn: ({ signal }) => api.get<{ items: GroupAction[] }>(`/crises/${id}/actions`, undefined, signal),
    enabled,
  });
}

export function useCreateAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupActionInput) => api.post<GroupAction>(`/crises/${id}/actions`, input),
    onSuccess: () => invalidateCrisis(qc, id),
  });
}

export function useAddSession(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ actionId, ...input }: { actionId: string; heldOn: string; hours: number }) =>
      api.post<GroupAction>(`/crises/${id}/actions/${actionId}/sessions`, input),
    onSuccess: () => invalidateCrisis(qc, id),
  });
}

export function useRecordAttendance(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      actionId,
      sessionId,
      entries,
    }: {
      actionId: string;
      sessionId: string;
      entries: { personId: string; status: AttendanceStatus }[];
    }) =>
      api.put<GroupAction>(`/crises/${id}/actions/${actionId}/sessions/${sessionId}/attendance`, { entries }),
    onSuccess: () => invalidateCrisis(qc, id),
  });
}

const part =
  <T>(path: string) =>
  (id: string, enabled: boolean) =>
    useQuery({
      queryKey: crisisKeys.part(id, path),
      queryFn: ({ signal }) =>
        api.get<T>(`/crises/${id}/${path}`, path === 'target-companies' ? { limit: 50 } : undefined, signal),
      enabled,
    });

export const useSkillsProfile = part<SkillsProfile>('skills-profile');
export const useTargetCompanies = part<TargetCompanies>('target-companies');
export const useMarketing = part<MarketingProfile>('marketing');
export const useOutcome = part<CrisisOutcome>('outcome');

export const marketingPdfUrl = (id: string) => apiUrl(`/crises/${id}/marketing.pdf`);

interface OrgItem {
  id: string;
  name: string;
  type: string;
}

/** Active organisations by name (optionally of one type), for the company and provider pickers. */
export function searchOrganizations(type?: string) {
  return async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
    const page = await api.get<{ items: OrgItem[] }>('/organizations', { q, type, limit: 20 }, signal);
    return page.items.map((o) => ({ value: o.id, label: o.name }));
  };
}

interface PersonItem {
  id: string;
  firstName?: string;
  lastName?: string;
  fiscalCode?: string;
  residenceMunicipalityName?: string | null;
}

/** People my organisation follows, by name or fiscal code. */
export async function searchPeople(q: string, signal: AbortSignal): Promise<ComboboxOption[]> {
  const page = await api.get<{ items: PersonItem[] }>('/people', { q, limit: 20 }, signal);
  return page.items.map((p) => ({
    value: p.id,
    label: `${p.lastName ?? ''} ${p.firstName ?? ''}`.trim() || p.id,
    description: [p.fiscalCode, p.residenceMunicipalityName].filter(Boolean).join(' · '),
  }));
}

interface ProgrammeItem {
  id: string;
  code: string;
  name: string;
}

export function useProgrammes() {
  return useQuery({
    queryKey: ['programmes', 'active'],
    queryFn: ({ signal }) =>
      api.get<{ items: ProgrammeItem[] }>('/programmes', { status: 'active', limit: 100 }, signal),
  });
}
