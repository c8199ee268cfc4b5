import { useQuery } from '@tanstack/react-query';
import type { KpiHome } from '@trama/contracts';
import { api } from '../../api/client';

export type { KpiFigure, KpiHome, KpiSection } from '@trama/contracts';

export function useHomeKpi() {
  return useQuery({
    queryKey: ['kpi', 'home'],
    queryFn: ({ signal }) => api.get<KpiHome>('/kpi/home', undefined, signal),
    staleTime: 60_000,
  });
}
