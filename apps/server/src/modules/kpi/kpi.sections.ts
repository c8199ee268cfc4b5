import type { KpiFigure, KpiSection } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db';
import { canSeeNetworkFigures, canSeeOrganizationFigures } from './kpi.policies';
import * as repo from './kpi.repository';
import { networkPathwaysSection, pathwaysSection } from './kpi.pathways';

/**
 * A home-page section: who may see it and how to compute it (ONE read-model query per section).
 * To add figures (people in charge, pacts signed, placements, budget used of available ...), write
 * a provider next to these and append it to SECTION_PROVIDERS; the contract does not change.
 */
export interface KpiSectionProvider {
  key: string;
  appliesTo(actor: Actor): boolean;
  load(db: DbOrTx, actor: Actor, today: string): Promise<KpiSection | null>;
}

export const figure = (
  key: string,
  value: number,
  extra: Partial<Omit<KpiFigure, 'key' | 'value'>> = {},
): KpiFigure => ({ key, value, unit: 'count', of: null, breakdown: [], ...extra });

const byValueDesc = (a: { key: string; value: number }, b: { key: string; value: number }) =>
  b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export const organizationSection: KpiSectionProvider = {
  key: 'organization',
  appliesTo: canSeeOrganizationFigures,
  async load(db, actor, today) {
    if (!actor.organizationId) return null;
    const r = await repo.organizationFigures(db, actor.organizationId, today);
    if (!r) return null;
    return {
      key: 'organization',
      organization: { id: actor.organizationId, name: r.name },
      figures: [
        figure('organization.offices', r.offices),
        figure('organization.currentAccreditations', r.accreditations, {
          breakdown: [
            { key: 'labour_services', label: null, value: r.labour_services },
            { key: 'training', label: null, value: r.training },
          ].filter((b) => b.value > 0),
        }),
        figure('organization.members', r.members),
      ],
    };
  },
};

export const networkSection: KpiSectionProvider = {
  key: 'network',
  appliesTo: canSeeNetworkFigures,
  async load(db, _actor, today) {
    const rows = await repo.networkFigures(db, today);
    const slices = (dim: string) =>
      rows
        .filter((r) => r.dim === dim)
        .map((r) => ({ key: r.key ?? '', label: r.label, value: r.value }))
        .sort(byValueDesc);
    const byType = slices('type');
    const byProvince = slices('province');
    const sum = (xs: { value: number }[]) => xs.reduce((n, x) => n + x.value, 0);
    return {
      key: 'network',
      organization: null,
      figures: [
        figure('network.organizations', sum(byType), { breakdown: byType }),
        figure('network.accreditedOrganizations', rows.find((r) => r.dim === 'accredited')?.value ?? 0),
        figure('network.offices', sum(byProvince), { breakdown: byProvince }),
      ],
    };
  },
};

/** In display order. */
export const SECTION_PROVIDERS: KpiSectionProvider[] = [
  organizationSection,
  networkSection,
  pathwaysSection,
  networkPathwaysSection,
];
