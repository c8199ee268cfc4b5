import { sql, type SQL } from 'drizzle-orm';
import { PATHWAY_STATES, PATHWAY_TERMINAL_STATES, type KpiFigure, type KpiSection } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db';
// Read model: counts only, no personal data.
import { pactVersions, pathways, placements } from '../pathways/pathways.table';
import { vouchers } from '../vouchers/vouchers.table';
import { organizations } from '../organizations/organizations.table';
import { canSeeNetworkFigures, canSeeOrganizationFigures } from './kpi.policies';
import type { KpiSectionProvider } from './kpi.sections';

const fig = (key: string, value: number, extra: Partial<KpiFigure> = {}): KpiFigure => ({
  key,
  value,
  unit: 'count',
  of: null,
  breakdown: [],
  ...extra,
});

const TERMINAL = sql.raw(PATHWAY_TERMINAL_STATES.map((s) => `'${s}'`).join(', '));

/**
 * One query: pathways by state, pathways with a signed pact, placements, and the voucher budget used
 * (validated) of the budget available (caps), in integer cents. `organizationId` null = the network.
 */
export async function pathwayFigures(db: DbOrTx, organizationId: string | null) {
  const scope = (col: SQL) => (organizationId ? sql`${col} = ${organizationId}` : sql`true`);
  const result = (await db.execute(sql`
    select 'state' as dim, p.state as key, count(*)::bigint as value, null::bigint as total
      from ${pathways} p where ${scope(sql`p.organization_id`)} group by p.state
    union all
    select 'pacts', null, count(distinct pv.pathway_id)::bigint, null
      from ${pactVersions} pv join ${pathways} p on p.id = pv.pathway_id
      where pv.status = 'signed' and ${scope(sql`p.organization_id`)}
    union all
    select 'placements', null, count(*)::bigint, null
      from ${placements} pl join ${pathways} p on p.id = pl.pathway_id where ${scope(sql`p.organization_id`)}
    union all
    select 'budget', null, coalesce(sum(v.used_cents), 0)::bigint, coalesce(sum(v.cap_cents), 0)::bigint
      from ${vouchers} v where ${scope(sql`v.organization_id`)}
    union all
    select 'open', null, count(*)::bigint, null
      from ${pathways} p where p.state not in (${TERMINAL}) and ${scope(sql`p.organization_id`)}
    union all
    select 'organization', o.name, 0, null from ${organizations} o where ${scope(sql`o.id`)} and ${organizationId !== null}`)) as unknown as {
    rows: { dim: string; key: string | null; value: string | number; total: string | number | null }[];
  };
  return result.rows.map((r) => ({
    dim: r.dim,
    key: r.key,
    value: Number(r.value),
    total: r.total === null ? null : Number(r.total),
  }));
}

function toFigures(rows: Awaited<ReturnType<typeof pathwayFigures>>, prefix: string): KpiFigure[] | null {
  const byState = rows.filter((r) => r.dim === 'state');
  if (byState.length === 0) return null; // no pathway yet: no section
  const one = (dim: string) => rows.find((r) => r.dim === dim);
  const open = byState.filter((r) => !PATHWAY_TERMINAL_STATES.includes(r.key as never));
  const order = (k: string | null) => PATHWAY_STATES.indexOf(k as never);
  const budget = one('budget');
  return [
    fig(`${prefix}.peopleInCharge`, one('open')?.value ?? 0, {
      breakdown: open
        .sort((a, b) => order(a.key) - order(b.key))
        .map((r) => ({ key: r.key!, label: null, value: r.value })),
    }),
    fig(`${prefix}.pactsSigned`, one('pacts')?.value ?? 0),
    fig(`${prefix}.placements`, one('placements')?.value ?? 0),
    fig(`${prefix}.budgetUsed`, budget?.value ?? 0, { unit: 'eur_cents', of: budget?.total ?? 0 }),
  ];
}

/** The operator organisation's pathways; shown once it has at least one. */
export const pathwaysSection: KpiSectionProvider = {
  key: 'pathways',
  appliesTo: (actor: Actor) => canSeeOrganizationFigures(actor) && actor.role === 'operator_staff',
  async load(db, actor): Promise<KpiSection | null> {
    const rows = await pathwayFigures(db, actor.organizationId);
    const figures = toFigures(rows, 'pathways');
    const name = rows.find((r) => r.dim === 'organization')?.key ?? '';
    return figures ? { key: 'pathways', organization: { id: actor.organizationId!, name }, figures } : null;
  },
};

/** Network-wide pathway figures for those who steer the network; shown once there is a pathway. */
export const networkPathwaysSection: KpiSectionProvider = {
  key: 'networkPathways',
  appliesTo: canSeeNetworkFigures,
  async load(db): Promise<KpiSection | null> {
    const figures = toFigures(await pathwayFigures(db, null), 'networkPathways');
    return figures ? { key: 'networkPathways', organization: null, figures } : null;
  },
};
