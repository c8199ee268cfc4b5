import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  Appointment,
  AppointmentInput,
  AppointmentList,
  AppointmentOutcomeInput,
  Assessment,
  AssessmentInput,
  AssessmentList,
  AssessmentProposal,
  OrganizationMemberPage,
  PactContentInput,
  PactSignInput,
  PactVersion,
  PactVersionList,
  Pathway,
  PathwayAction,
  PathwayInput,
  PathwayPage,
  Placement,
  PlacementInput,
  Programme,
  ProgrammePage,
} from '@trama/contracts';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';

export type {
  Assessment,
  AssessmentProposal,
  PactVersion,
  Pathway,
  PathwaySummary,
  Programme,
} from '@trama/contracts';
export type AppointmentData = z.infer<typeof Appointment>;
export type PlacementData = z.infer<typeof Placement>;
export type PathwayPageData = z.infer<typeof PathwayPage>;
export type ProgrammeSummaryData = z.infer<typeof ProgrammePage>['items'][number];
export type MemberData = z.infer<typeof OrganizationMemberPage>['items'][number];

export const pathwayKeys = {
  all: ['pathways'] as const,
  ofPerson: (personId: string) => ['pathways', 'list', { personId }] as const,
  detail: (id: string) => ['pathways', 'detail', id] as const,
  proposal: (id: string) => ['pathways', 'proposal', id] as const,
  assessments: (id: string) => ['pathways', 'assessments', id] as const,
  pact: (id: string) => ['pathways', 'pact', id] as const,
  appointments: (id: string) => ['pathways', 'appointments', id] as const,
  placement: (id: string) => ['pathways', 'placement', id] as const,
};

/** After any step on a pathway: its detail and timeline, the lists, the caseload and the home numbers. */
export function refreshPathway(qc: QueryClient, id: string) {
  void qc.invalidateQueries({ queryKey: pathwayKeys.detail(id) });
  void qc.invalidateQueries({ queryKey: ['pathways', 'list'] });
  void qc.invalidateQueries({ queryKey: ['caseload'] });
  void qc.invalidateQueries({ queryKey: ['kpi'] });
}

export function usePathwaysOfPerson(personId: string, enabled = true) {
  return useQuery({
    queryKey: pathwayKeys.ofPerson(personId),
    queryFn: ({ signal }) => api.get<PathwayPageData>('/pathways', { personId, limit: 50 }, signal),
    enabled,
  });
}

export function usePathway(id: string | undefined) {
  return useQuery({
    queryKey: pathwayKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Pathway>(`/pathways/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useTakeInCharge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PathwayInput>) => api.post<Pathway>('/pathways', input),
    onSuccess: (p) => {
      qc.setQueryData(pathwayKeys.detail(p.id), p);
      refreshPathway(qc, p.id);
      void qc.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

export function useTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { action: PathwayAction; reason?: string | null }) =>
      api.post<Pathway>(`/pathways/${id}/transitions`, input),
    onSuccess: (p) => {
      qc.setQueryData(pathwayKeys.detail(id), p);
      refreshPathway(qc, id);
    },
  });
}

// Assessment -------------------------------------------------------------------------------------

export function useAssessmentProposal(id: string, enabled: boolean) {
  return useQuery({
    queryKey: pathwayKeys.proposal(id),
    queryFn: ({ signal }) =>
      api.get<AssessmentProposal>(`/pathways/${id}/assessment-proposal`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}

export function useAssessments(id: string) {
  return useQuery({
    queryKey: pathwayKeys.assessments(id),
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof AssessmentList>>(`/pathways/${id}/assessments`, undefined, signal),
  });
}

export function useRecordAssessment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof AssessmentInput>) =>
      api.post<Assessment>(`/pathways/${id}/assessments`, input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: pathwayKeys.assessments(id) });
      refreshPathway(qc, id);
    },
  });
}

// Pact -------------------------------------------------------------------------------------------

export function usePact(id: string) {
  return useQuery({
    queryKey: pathwayKeys.pact(id),
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof PactVersionList>>(`/pathways/${id}/pact`, undefined, signal),
  });
}

export function useCreatePactVersion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PactContentInput>) =>
      api.post<PactVersion>(`/pathways/${id}/pact/versions`, input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: pathwayKeys.pact(id) });
      refreshPathway(qc, id);
    },
  });
}

export function useSignPact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...input }: z.output<typeof PactSignInput> & { version: number }) =>
      api.post<PactVersion>(`/pathways/${id}/pact/versions/${version}/sign`, input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: pathwayKeys.pact(id) });
      refreshPathway(qc, id);
    },
  });
}

export const pactPdfUrl = (pathwayId: string, version: number) =>
  `/api/pathways/${pathwayId}/pact/versions/${version}.pdf`;

// Appointments -----------------------------------------------------------------------------------

export function useAppointments(id: string) {
  return useQuery({
    queryKey: pathwayKeys.appointments(id),
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof AppointmentList>>(`/pathways/${id}/appointments`, undefined, signal),
  });
}

export function useScheduleAppointment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof AppointmentInput>) =>
      api.post<AppointmentData>(`/pathways/${id}/appointments`, input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: pathwayKeys.appointments(id) });
      refreshPathway(qc, id);
    },
  });
}

export function useRecordOutcome(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      appointmentId,
      ...input
    }: z.output<typeof AppointmentOutcomeInput> & { appointmentId: string }) =>
      api.post<AppointmentData>(`/pathways/${id}/appointments/${appointmentId}/outcome`, input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: pathwayKeys.appointments(id) });
      refreshPathway(qc, id);
    },
  });
}

// Placement --------------------------------------------------------------------------------------

export function usePlacement(id: string, enabled: boolean) {
  return useQuery({
    queryKey: pathwayKeys.placement(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<PlacementData>(`/pathways/${id}/placement`, undefined, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled,
  });
}

export function useRecordPlacement(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof PlacementInput>) =>
      api.post<PlacementData>(`/pathways/${id}/placement`, input),
    onSuccess: (p) => {
      qc.setQueryData(pathwayKeys.placement(id), p);
      refreshPathway(qc, id);
      void qc.invalidateQueries({ queryKey: ['vouchers'] });
    },
  });
}

// What taking in charge needs: programmes, my organisation's offices and case workers ------------

export function useActiveProgrammes() {
  return useQuery({
    queryKey: ['programmes', 'list', 'active'],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof ProgrammePage>>('/programmes', { status: 'active', limit: 100 }, signal),
    staleTime: 5 * 60_000,
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: ['programmes', 'detail', id ?? ''],
    queryFn: ({ signal }) => api.get<Programme>(`/programmes/${id}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useMembers(organizationId: string | null | undefined) {
  return useQuery({
    queryKey: ['organizations', 'members', organizationId ?? ''],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof OrganizationMemberPage>>(
        `/organizations/${organizationId}/members`,
        { limit: 200 },
        signal,
      ),
    enabled: Boolean(organizationId),
    staleTime: 5 * 60_000,
  });
}
