import { useQuery } from '@tanstack/react-query';
import type { MyAppointmentList, MyPact, MyPathwayList } from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type MyPathwayData = z.infer<typeof MyPathwayList>['items'][number];
export type MyPactData = z.infer<typeof MyPact>;
export type MyAppointmentData = z.infer<typeof MyAppointmentList>['items'][number];

export const myPathKeys = {
  all: ['me', 'pathways'] as const,
  pact: (id: string) => ['me', 'pathways', id, 'pact'] as const,
  appointments: (id: string) => ['me', 'pathways', id, 'appointments'] as const,
};

/** The signed-in citizen's own pathways (newest first), with their timelines. */
export function useMyPathways(enabled = true) {
  return useQuery({
    queryKey: myPathKeys.all,
    queryFn: ({ signal }) => api.get<z.infer<typeof MyPathwayList>>('/me/pathways', undefined, signal),
    enabled,
  });
}

export function useMyPact(pathwayId: string) {
  return useQuery({
    queryKey: myPathKeys.pact(pathwayId),
    queryFn: ({ signal }) => api.get<MyPactData>(`/me/pathways/${pathwayId}/pact`, undefined, signal),
  });
}

export function useMyAppointments(pathwayId: string) {
  return useQuery({
    queryKey: myPathKeys.appointments(pathwayId),
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof MyAppointmentList>>(`/me/pathways/${pathwayId}/appointments`, undefined, signal),
  });
}
