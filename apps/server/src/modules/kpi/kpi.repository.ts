import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
// The kpi module is the read model: the one place allowed to read other modules' tables.
import { memberships } from '../identity/identity.table';
import { accreditations, offices, organizations } from '../organizations/organizations.table';
import { refMunicipalities, refProvinces } from '../reference/reference.table';

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  // node-postgres and PGlite both answer with `{ rows }`.
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const currentAccreditation = (today: string) =>
  sql`${accreditations.validFrom} <= ${today}::date and (${accreditations.validTo} is null or ${accreditations.validTo} >= ${today}::date)`;

/** One query: the organisation's open offices, accreditations valid today and active members. */
export async function organizationFigures(db: DbOrTx, organizationId: string, today: string) {
  const [row] = await rows<{
    name: string;
    offices: number;
    accreditations: number;
    labour_services: number;
    training: number;
    members: number;
  }>(
    db,
    sql`select o.name,
      (select count(*)::int from ${offices} f where f.organization_id = o.id and f.archived_at is null) as offices,
      a.total as accreditations, a.labour_services, a.training,
      (select count(*)::int from ${memberships} m where m.organization_id = o.id and m.revoked_at is null) as members
    from ${organizations} o
    cross join lateral (
      select count(*)::int as total,
        (count(*) filter (where ${accreditations.kind} = 'labour_services'))::int as labour_services,
        (count(*) filter (where ${accreditations.kind} = 'training'))::int as training
      from ${accreditations} join ${offices} f on f.id = ${accreditations.officeId}
      where f.organization_id = o.id and f.archived_at is null and ${currentAccreditation(today)}
    ) a
    where o.id = ${organizationId}`,
  );
  return row ?? null;
}

/**
 * One query for the network section: active organisations by type, organisations holding an
 * accreditation valid today, open offices by province. Rows are (dim, key, label, value).
 */
export async function networkFigures(db: DbOrTx, today: string) {
  return rows<{
    dim: 'type' | 'accredited' | 'province';
    key: string | null;
    label: string | null;
    value: number;
  }>(
    db,
    sql`select 'type' as dim, o.type as key, null::text as label, count(*)::int as value
      from ${organizations} o where o.status = 'active' group by o.type
    union all
    select 'accredited', null, null, count(*)::int
      from ${organizations} o
      where o.status = 'active' and exists (
        select 1 from ${offices} f join ${accreditations} on ${accreditations.officeId} = f.id
        where f.organization_id = o.id and f.archived_at is null and ${currentAccreditation(today)})
    union all
    select 'province', p.abbreviation, p.name, count(*)::int
      from ${offices} f
      join ${organizations} o on o.id = f.organization_id
      join ${refMunicipalities} m on m.code = f.municipality_code
      join ${refProvinces} p on p.code = m.province_code
      where f.archived_at is null and o.status = 'active'
      group by p.abbreviation, p.name`,
  );
}
