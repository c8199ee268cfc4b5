import { z } from 'zod';
import { IsoDate, Uuid } from './common';

/**
 * Home-page key numbers. The shape is generic so every module can contribute figures without a
 * contract change: sections (organisation, network, people, pathways, budget ...) hold figures,
 * each with a stable `key` the UI translates (e.g. `kpi.organization.offices`).
 */
export const KPI_UNITS = ['count', 'eur', 'percent', 'days', 'eur_cents'] as const;
export const KpiUnit = z.enum(KPI_UNITS);

/** Sections known today, in display order; modules add theirs here. */
export const KPI_SECTIONS = ['organization', 'network', 'pathways', 'networkPathways'] as const;

export const KpiBreakdownItem = z.object({
  key: z.string().describe('Code of the slice, e.g. an organisation type or a province abbreviation'),
  label: z.string().nullable().describe('Display name when the key is not translatable (e.g. a province)'),
  value: z.number(),
});

export const KpiFigure = z.object({
  key: z.string().describe('Stable key, e.g. organization.offices or network.accreditedOrganizations'),
  value: z.number(),
  unit: KpiUnit,
  of: z
    .number()
    .nullable()
    .describe('The total this value is part of (e.g. budget used of available), null when not applicable'),
  breakdown: z.array(KpiBreakdownItem).describe('Split of the value, largest first; [] when none'),
});
export type KpiFigure = z.infer<typeof KpiFigure>;

export const KpiSection = z.object({
  key: z.string().describe('organization | network | … (see KPI_SECTIONS)'),
  organization: z
    .object({ id: Uuid, name: z.string() })
    .nullable()
    .describe('The organisation the figures are about; null for network-wide sections'),
  figures: z.array(KpiFigure),
});
export type KpiSection = z.infer<typeof KpiSection>;

export const KpiHome = z
  .object({
    asOf: z.string().describe('When the figures were computed (ISO 8601)'),
    today: IsoDate.describe('The Italian calendar day used for "valid today" figures'),
    sections: z.array(KpiSection).describe('Only the sections the signed-in actor may see'),
  })
  .meta({ id: 'KpiHome' });
export type KpiHome = z.infer<typeof KpiHome>;
