import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  OccupationDetail,
  OccupationItem,
  PersonMatches,
  ProfessionItem,
  Vacancy,
  VacancyInput,
  VacancyMatches,
  VacancyPage,
  VacancyPatch,
} from '@trama/contracts';
import type { z } from 'zod';
import { useCursorList } from '../../api/cursor-list';
import { api, type QueryParams } from '../../api/client';
import type { ComboboxOption } from '../../components/combobox';

export type { Vacancy } from '@trama/contracts';
export type VacancySummary = z.infer<typeof VacancyPage>['items'][number];
export type VacancyPageData = z.infer<typeof VacancyPage>;
export type VacancyInputData = z.output<typeof VacancyInput>;
export type VacancyPatchData = z.output<typeof VacancyPatch>;
export type CandidateMatch = z.infer<typeof VacancyMatches>['items'][number];
export type VacancyMatch = z.infer<typeof PersonMatches>['items'][number];

/** The list filters as they appear in the URL and in the API query. */
export interface VacancyFilters {
  q?: string;
  status?: string;
  provinceCode?: string;
  municipalityCode?: string;
  occupationId?: string;
  organizationId?: string;
}

export const vacancyKeys = {
  all: ['vacancies'] as const,
  list: (f: VacancyFilters) => ['vacancies', 'list', f] as const,
  detail: (id: string) => ['vacancies', 'detail', id] as const,
  matches: (id: string) => ['vacancies', 'matches', id] as const,
  personMatches: (id: string) => ['vacancies', 'person-matches', id] as const,
};

export const VACANCY_PAGE_SIZE = 20;

export function vacancyQuery(f: VacancyFilters): QueryParams {
  return {
    q: f.q?.trim() || undefined,
    status: f.status,
    provinceCode: f.provinceCode,
    municipalityCode: f.municipalityCode,
    occupationId: f.occupationId,
    organizationId: f.organizationId,
  };
}

export function useVacancyList(f: VacancyFilters, enabled = true) {
  return useCursorList<VacancyPageData>({
    queryKey: vacancyKeys.list(f),
    path: '/vacancies',
    params: vacancyQuery(f),
    limit: VACANCY_PAGE_SIZE,
    enabled,
  });
}

export function useVacancy(id: string | undefined) {
  return useQuery({
    queryKey: vacancyKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Vacancy>(`/vacancies/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateVacancy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: VacancyInputData) => api.post<Vacancy>('/vacancies', input),
    onSuccess: (v) => {
      qc.setQueryData(vacancyKeys.detail(v.id), v);
      void qc.invalidateQueries({ queryKey: vacancyKeys.all });
    },
  });
}

export function useUpdateVacancy(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: VacancyPatchData) => api.patch<Vacancy>(`/vacancies/${id}`, patch),
    onSuccess: (v) => {
      qc.setQueryData(vacancyKeys.detail(v.id), v);
      void qc.invalidateQueries({ queryKey: vacancyKeys.all });
    },
  });
}

export function useVacancyMatches(id: string, enabled = true) {
  return useQuery({
    queryKey: vacancyKeys.matches(id),
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof VacancyMatches>>(`/vacancies/${id}/matches`, { limit: 50 }, signal),
    enabled,
  });
}

export function usePersonMatches(personId: string, enabled = true) {
  return useQuery({
    queryKey: vacancyKeys.personMatches(personId),
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof PersonMatches>>(`/people/${personId}/matches`, { limit: 20 }, signal),
    enabled,
  });
}

// ---------------------------------------------------------------------------------------------
// Reference look-ups for the vacancy form: ESCO occupations (with their skills) and CP2021.

type Occupation = z.infer<typeof OccupationItem>;
export type OccupationDetailData = OccupationDetail;

const refLang = (lang: string) => (lang === 'en' ? 'en' : 'it');

export const occupationOption = (o: { id: number; label: string; code?: string | null }): ComboboxOption => ({
  value: String(o.id),
  label: o.label,
  description: o.code ?? undefined,
});

export function searchOccupations(lang: string) {
  return async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
    const r = await api.get<{ items: Occupation[] }>(
      '/reference/occupations',
      { q, limit: 20, lang: refLang(lang) },
      signal,
    );
    return r.items.map(occupationOption);
  };
}

export const fetchOccupation = (id: number, lang: string) =>
  api.get<OccupationDetail>(`/reference/occupations/${id}`, { lang: refLang(lang) });

export async function searchProfessions(q: string, signal: AbortSignal): Promise<ComboboxOption[]> {
  const r = await api.get<{ items: z.infer<typeof ProfessionItem>[] }>(
    '/reference/professions',
    { q, limit: 20, level: 5 },
    signal,
  );
  return r.items.map((p) => ({ value: p.code, label: `${p.code} – ${p.name}` }));
}
