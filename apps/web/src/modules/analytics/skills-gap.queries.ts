import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AnalyticsSectors, ProvinceGeo, SkillsGap } from '@trama/contracts';
import { api } from '../../api/client';

export type { AnalyticsSectors, ProvinceGeo, SkillsGap, SkillsGapCell } from '@trama/contracts';

export type SkillsGapFilters = {
  groupBy: 'isco' | 'skill';
  iscoLevel: number;
  province?: string | undefined;
  sector?: string | undefined;
};

export function useSkillsGap(f: SkillsGapFilters) {
  return useQuery({
    queryKey: ['analytics', 'skills-gap', f],
    queryFn: ({ signal }) =>
      api.get<SkillsGap>(
        '/analytics/skills-gap',
        { groupBy: f.groupBy, iscoLevel: f.iscoLevel, province: f.province, sector: f.sector, limit: 50 },
        signal,
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useSectors(lang: string) {
  return useQuery({
    queryKey: ['analytics', 'sectors', lang],
    queryFn: ({ signal }) =>
      api.get<AnalyticsSectors>('/analytics/sectors', { lang: lang === 'en' ? 'en' : 'it' }, signal),
    staleTime: Infinity,
  });
}

/** Province boundaries (the browser revalidates them with the ETag). */
export function useProvinceGeo(region: string) {
  return useQuery({
    queryKey: ['reference', 'geo', 'provinces', region],
    queryFn: ({ signal }) => api.get<ProvinceGeo>('/reference/geo/provinces', { region }, signal),
    staleTime: Infinity,
  });
}
