/**
 * The demo's company crisis (collective re-employment, GOL path 5): the Centro per l'Impiego di Milano
 * coordinates the crisis of Meccanica Lariana's Sesto San Giovanni department, with a cohort of the
 * people it follows (about ten, with pathways in several states, one already placed), an outplacement
 * workshop and a group skills analysis with attendance, so the crisis pages are not empty: cohort,
 * skills profile, target companies (the demo market's vacancies), anonymised marketing and outcome.
 *
 * Goes through the crises use cases acting as the demo case worker of CPI Milano (access checks and
 * audit included), in ONE transaction under an advisory lock; runs only when the demo crisis does not
 * exist yet, so it is idempotent.
 */
import { and, asc, eq, exists, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../platform/actor';
import type { Database, Db } from '../platform/db';
import { memberships, users } from '../modules/identity/identity.table';
import { organizations } from '../modules/organizations/organizations.table';
import { todayInItaly } from '../modules/organizations';
import { pathways } from '../modules/pathways';
import { people, visiblePeopleCondition } from '../modules/people';
import { programmes } from '../modules/programmes';
import { crises } from '../modules/crises';
import {
  addCohortMember,
  addSession,
  createAction,
  createCrisis,
  recordAttendance,
  type Ctx,
} from '../modules/crises/crises.usecases';

const CPI_EMAIL = 'cpi.milano@demo.trama.it';
const COMPANY = 'Meccanica Lariana S.p.A.';
const PROVIDER = 'Lavoro Più Lombardia S.r.l.';
export const DEMO_CRISIS_TITLE = 'Chiusura del reparto di Sesto San Giovanni';
const SESTO = '015209';

const dayMs = 86_400_000;
const isoDaysAgo = (days: number) => todayInItaly(new Date(Date.now() - days * dayMs));

/** Seeds the demo crisis once; returns whether it did. */
export async function seedDemoCrisis(database: Database): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('trama.demo_crisis'))`);
    const db = tx as unknown as Db;
    const [existing] = await db
      .select({ id: crises.id })
      .from(crises)
      .where(eq(crises.title, DEMO_CRISIS_TITLE))
      .limit(1);
    if (existing) return false;

    const [me] = await db
      .select({
        userId: users.id,
        email: users.email,
        displayName: users.displayName,
        membershipId: memberships.id,
        role: memberships.role,
        organizationId: memberships.organizationId,
      })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, CPI_EMAIL));
    const orgs = await db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(inArray(organizations.name, [COMPANY, PROVIDER]));
    const orgId = (name: string) => orgs.find((o) => o.name === name)?.id;
    const [programme] = await db
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.code, 'GOL-LOM-DEMO'));
    if (!me || !orgId(COMPANY) || !orgId(PROVIDER) || !programme) return false;
    const actor: Actor = { ...me, sessionId: 'demo-seed' };
    const ctx: Ctx = { actor, requestId: 'demo-seed', ip: null };

    // The cohort: the people CPI Milano follows who have a pathway (by name, so the demo is stable).
    const cohort = await db
      .select({ id: people.id })
      .from(people)
      .where(
        and(
          visiblePeopleCondition(actor),
          exists(
            db
              .select({ one: sql`1` })
              .from(pathways)
              .where(eq(pathways.personId, people.id)),
          ),
        ),
      )
      .orderBy(asc(people.lastName), asc(people.firstName), asc(people.id))
      .limit(10);
    if (cohort.length === 0) return false;

    const crisis = await createCrisis(db, ctx, {
      title: DEMO_CRISIS_TITLE,
      companyId: orgId(COMPANY)!,
      siteMunicipalityCode: SESTO,
      programmeId: programme.id,
      workersAffected: 38,
      announcedOn: isoDaysAgo(75),
      agreementOn: isoDaysAgo(45),
      redundancyEndOn: todayInItaly(new Date(Date.now() + 180 * dayMs)),
      agreementSigned: true,
      unionOrganizations: ['FIOM-CGIL', 'FIM-CISL', 'UILM-UIL'],
      agreementNotes:
        'Accordo sindacale per la ricollocazione collettiva: CIGS per riorganizzazione, incentivo all’esodo volontario, percorso GOL 5 per tutti i lavoratori coinvolti.',
    });
    for (const p of cohort) await addCohortMember(db, ctx, crisis.id, p.id);

    const workshop = await createAction(db, ctx, crisis.id, {
      kind: 'outplacement_workshop',
      title: 'Laboratorio di outplacement e ricerca attiva',
      startsOn: isoDaysAgo(30),
      endsOn: isoDaysAgo(10),
      hours: 12,
      providerOrganizationId: me.organizationId!,
    });
    const analysis = await createAction(db, ctx, crisis.id, {
      kind: 'skills_analysis',
      title: 'Bilancio di competenze di gruppo',
      startsOn: isoDaysAgo(14),
      endsOn: todayInItaly(new Date(Date.now() + 14 * dayMs)),
      hours: 16,
      providerOrganizationId: orgId(PROVIDER)!,
    });
    // Attendance: most present, a few absent or justified; varied per session.
    const pattern = (k: number) =>
      cohort.map((p, i) => ({
        personId: p.id,
        status:
          (i + k) % 5 === 0
            ? ('absent' as const)
            : (i + k) % 7 === 0
              ? ('justified' as const)
              : ('present' as const),
      }));
    const sessions: [string, number, number][] = [
      [workshop.id, 25, 4],
      [workshop.id, 18, 4],
      [analysis.id, 7, 4],
    ];
    for (const [k, [actionId, daysAgo, hours]] of sessions.entries()) {
      const action = await addSession(db, ctx, crisis.id, actionId, { heldOn: isoDaysAgo(daysAgo), hours });
      const session = action.sessions[action.sessions.length - 1]!;
      await recordAttendance(db, ctx, crisis.id, actionId, session.id, { entries: pattern(k + 1) });
    }
    return true;
  });
}
