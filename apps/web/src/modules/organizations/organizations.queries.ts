import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Office,
  OfficeInput,
  OrganizationDetail,
  OrganizationInput,
  OrganizationPage,
  OrganizationUpdate,
} from '@trama/contracts';
import type { z } from 'zod';
import { useCursorList } from '../../api/cursor-list';
import { api, type QueryParams } from '../../api/client';

export type { Office, Organization, OrganizationDetail } from '@trama/contracts';
export type OrganizationPageData = z.infer<typeof OrganizationPage>;
export type OrganizationInputData = z.input<typeof OrganizationInput>;
export type OrganizationUpdateData = z.input<typeof OrganizationUpdate>;
export type OfficeInputData = z.input<typeof OfficeInput>;

/** The list filters as they appear in the URL and in the API query. */
export interface OrganizationFilters {
  q?: string;
  type?: string;
  province?: string;
  accredited?: string;
  status?: string;
  sort?: string;
}

export const orgKeys = {
  all: ['organizations'] as const,
  list: (f: OrganizationFilters) => ['organizations', 'list', f] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
};

export const PAGE_SIZE = 25;

export function filtersToQuery(f: OrganizationFilters): QueryParams {
  return {
    q: f.q?.trim() || undefined,
    type: f.type,
    province: f.province,
    accredited: f.accredited,
    status: f.status,
    sort: f.sort,
  };
}

export function useOrganizationList(f: OrganizationFilters) {
  return useCursorList<OrganizationPageData>({
    queryKey: orgKeys.list(f),
    path: '/organizations',
    params: filtersToQuery(f),
    limit: PAGE_SIZE,
  });
}

export function useOrganization(id: string) {
  return useQuery({
    queryKey: orgKeys.detail(id),
    queryFn: ({ signal }) => api.get<OrganizationDetail>(`/organizations/${id}`, undefined, signal),
  });
}

export function useCreateOrganization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationInputData) => api.post<OrganizationDetail>('/organizations', input),
    onSuccess: (org) => {
      qc.invalidateQueries({ queryKey: ['organizations', 'list'] });
      qc.setQueryData(orgKeys.detail(org.id), org);
    },
  });
}

export function useUpdateOrganization(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationUpdateData) =>
      api.patch<OrganizationDetail>(`/organizations/${id}`, input),
    onSuccess: (org) => {
      qc.invalidateQueries({ queryKey: ['organizations', 'list'] });
      qc.setQueryData(orgKeys.detail(org.id), org);
    },
  });
}

/** Archive or restore: the organisation stays in the registry, hidden from the default list when archived. */
export function useSetOrganizationStatus(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: 'archive' | 'restore') =>
      api.post<OrganizationDetail>(`/organizations/${id}/${action}`),
    onSuccess: (org) => {
      qc.invalidateQueries({ queryKey: ['organizations', 'list'] });
      qc.setQueryData(orgKeys.detail(id), org);
    },
  });
}

export function useCreateOffice(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OfficeInputData) => api.post<Office>(`/organizations/${orgId}/offices`, input),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: orgKeys.detail(orgId) });
      qc.invalidateQueries({ queryKey: ['organizations', 'list'] });
    },
  });
}
