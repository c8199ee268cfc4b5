/**
 * The demo's labour market (issue 4): company profiles with sites, twelve open vacancies of the demo
 * companies across Lombardy on real ESCO occupations (skills pre-filled from the occupation, as the
 * vacancy form does), three pledges for priority targets, and two candidatures of the demo operator's
 * people, so that the vacancies, matches, "my company" and pledges pages are not empty.
 *
 * Several vacancies are placed within the mobility radius of demo people who consented to company
 * matching and last worked in the same (or a close) occupation, so their ranked candidates show:
 * Marco Colombo (CNC operator, Sesto) for the CNC vacancy in Merate, Andrei Popescu (welder,
 * Vimercate) in Lecco, Ahmed Benali and Alessandro Ricci (warehouse, Milano) in Lodi, Laura Marino
 * (bookkeeper) and Anna Esposito (cleaner) in Milano, Davide Galli (electrician, Lissone) in Seriate,
 * Francesca Ricci (secretary, Milano) in Vimercate, Giulia Bianchi (shop assistant, Monza) in Lissone.
 *
 * Runs once, in one transaction under an advisory lock, when no vacancy exists yet (like the paths).
 * Candidatures go through the candidatures use cases acting as the demo case worker and company staff.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PriorityTarget, Vacancy } from '@trama/contracts';
import type { Actor } from '../platform/actor';
import type { Database, Db, Tx } from '../platform/db';
import { audit } from '../modules/audit';
import { createCandidature, transitionCandidature } from '../modules/candidatures/candidatures.usecases';
import { companyPledges, companyProfiles, companySites } from '../modules/companies/companies.table';
import { memberships, users } from '../modules/identity/identity.table';
import { organizations } from '../modules/organizations/organizations.table';
import { todayInItaly } from '../modules/organizations';
import { people } from '../modules/people';
import { refOccupations, refProfessions } from '../modules/reference/reference.table';
import * as vacancyRepo from '../modules/vacancies/vacancies.repository';
import { vacancies } from '../modules/vacancies/vacancies.table';

const SEED_CTX = { actor: null, requestId: 'demo-seed', ip: null };
const dayMs = 86_400_000;
const isoIn = (days: number) => todayInItaly(new Date(Date.now() + days * dayMs));

const MECCANICA = 'Meccanica Lariana S.p.A.';
const LOGISTICA = 'Logistica Lodigiana S.r.l.';
const NUVOLA = 'Nuvola Software S.r.l.';
const ELETTRICI = 'Impianti Elettrici Orobici S.r.l.';
const FARMACEUTICI = 'Farmaceutici Brianza S.p.A.';
const MOBILIFICIO = 'Mobilificio Brianteo S.r.l.';
const HOTEL = 'Hotel Alpi Retiche S.r.l.';
const ACCIAIERIE = 'Acciaierie del Mella S.p.A.';
const AEROSTRUTTURE = 'Aerostrutture Insubri S.p.A.';
const CASEIFICIO = 'Caseificio Padano Società Agricola Cooperativa';

interface DemoProfile {
  company: string;
  sizeClass: 'micro' | 'small' | 'medium' | 'large';
  sector: string;
  /** Sites besides the legal seat (ISTAT municipality codes). */
  sites: string[];
}

const PROFILES: DemoProfile[] = [
  { company: MECCANICA, sizeClass: 'medium', sector: 'Meccanica di precisione', sites: ['097048'] },
  { company: LOGISTICA, sizeClass: 'medium', sector: 'Logistica e magazzinaggio', sites: ['098031'] },
  { company: NUVOLA, sizeClass: 'small', sector: 'Software e servizi digitali', sites: [] },
  { company: ELETTRICI, sizeClass: 'small', sector: 'Impiantistica elettrica', sites: [] },
  { company: FARMACEUTICI, sizeClass: 'medium', sector: 'Farmaceutica', sites: [] },
  { company: MOBILIFICIO, sizeClass: 'small', sector: 'Arredo', sites: [] },
  { company: HOTEL, sizeClass: 'small', sector: 'Turismo e ospitalità', sites: [] },
  { company: ACCIAIERIE, sizeClass: 'large', sector: 'Siderurgia', sites: [] },
  { company: AEROSTRUTTURE, sizeClass: 'large', sector: 'Aerospazio', sites: [] },
  { company: CASEIFICIO, sizeClass: 'medium', sector: 'Agroalimentare', sites: [] },
];

interface DemoVacancy {
  key: string;
  company: string;
  title: string;
  description: string;
  /** ESCO occupation code (ref_occupations.code). */
  esco: string;
  /** ISTAT CP2021 profession code (5th level). */
  cp2021: string;
  municipality: string;
  workMode: 'onsite' | 'hybrid' | 'remote';
  contractType: Vacancy['contractType'];
  durationMonths: number | null;
  hoursPerWeek: number;
  educationLevel: number | null;
  educationMandatory: boolean;
  languages: { language: string; minLevel: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2'; mandatory: boolean }[];
  openings: number;
  startInDays: number;
  countsTowardsPledge: boolean;
}

const V = (v: Omit<DemoVacancy, 'languages' | 'educationMandatory'> & Partial<DemoVacancy>): DemoVacancy => ({
  languages: [],
  educationMandatory: false,
  ...v,
});

const VACANCIES: DemoVacancy[] = [
  V({
    key: 'cnc',
    company: MECCANICA,
    title: 'Operatore/operatrice macchine CNC',
    description:
      'Conduzione di torni e centri di lavoro CNC nello stabilimento di Merate; turni su due fasce.',
    esco: '7223.4',
    cp2021: '7.2.1.1.0',
    municipality: '097048',
    workMode: 'onsite',
    contractType: 'permanent',
    durationMonths: null,
    hoursPerWeek: 40,
    educationLevel: 3,
    openings: 2,
    startInDays: 21,
    countsTowardsPledge: true,
  }),
  V({
    key: 'welder',
    company: MECCANICA,
    title: 'Saldatore/saldatrice TIG e MIG',
    description: 'Saldatura di telai e carpenteria leggera; patentino gradito.',
    esco: '7212.3',
    cp2021: '6.2.1.2.0',
    municipality: '097042',
    workMode: 'onsite',
    contractType: 'fixed_term',
    durationMonths: 12,
    hoursPerWeek: 40,
    educationLevel: null,
    openings: 1,
    startInDays: 14,
    countsTowardsPledge: true,
  }),
  V({
    key: 'warehouse',
    company: LOGISTICA,
    title: 'Magazziniere/magazziniera',
    description: 'Ricevimento merci, stoccaggio e preparazione ordini nel polo logistico di Lodi.',
    esco: '9333.8',
    cp2021: '8.1.3.1.0',
    municipality: '098031',
    workMode: 'onsite',
    contractType: 'fixed_term',
    durationMonths: 6,
    hoursPerWeek: 40,
    educationLevel: null,
    openings: 3,
    startInDays: 7,
    countsTowardsPledge: true,
  }),
  V({
    key: 'bookkeeper',
    company: NUVOLA,
    title: 'Contabile',
    description:
      'Prima nota, fatturazione elettronica e riconciliazioni bancarie; due giorni a settimana da casa.',
    esco: '3313.2',
    cp2021: '3.3.1.2.1',
    municipality: '015146',
    workMode: 'hybrid',
    contractType: 'permanent',
    durationMonths: null,
    hoursPerWeek: 40,
    educationLevel: 4,
    educationMandatory: true,
    languages: [{ language: 'en', minLevel: 'A2', mandatory: false }],
    openings: 1,
    startInDays: 30,
    countsTowardsPledge: false,
  }),
  V({
    key: 'cleaner',
    company: NUVOLA,
    title: 'Addetto/addetta alle pulizie degli uffici',
    description: 'Pulizia degli uffici di via Tortona, fascia pomeridiana.',
    esco: '9112.2',
    cp2021: '8.1.4.3.0',
    municipality: '015146',
    workMode: 'onsite',
    contractType: 'fixed_term',
    durationMonths: 12,
    hoursPerWeek: 20,
    educationLevel: null,
    openings: 1,
    startInDays: 10,
    countsTowardsPledge: false,
  }),
  V({
    key: 'electrician',
    company: ELETTRICI,
    title: 'Elettricista impianti civili e fotovoltaici',
    description: 'Installazione e manutenzione di impianti elettrici e fotovoltaici in provincia di Bergamo.',
    esco: '7411.1',
    cp2021: '6.1.3.7.0',
    municipality: '016198',
    workMode: 'onsite',
    contractType: 'permanent',
    durationMonths: null,
    hoursPerWeek: 40,
    educationLevel: 3,
    openings: 2,
    startInDays: 14,
    countsTowardsPledge: false,
  }),
  V({
    key: 'secretary',
    company: FARMACEUTICI,
    title: 'Segretario/segretaria di direzione',
    description: 'Agenda della direzione di stabilimento, trasferte, verbali e corrispondenza.',
    esco: '4120.1',
    cp2021: '4.1.1.1.0',
    municipality: '108050',
    workMode: 'onsite',
    contractType: 'fixed_term',
    durationMonths: 12,
    hoursPerWeek: 30,
    educationLevel: 4,
    languages: [{ language: 'en', minLevel: 'B1', mandatory: false }],
    openings: 1,
    startInDays: 21,
    countsTowardsPledge: true,
  }),
  V({
    key: 'seller',
    company: MOBILIFICIO,
    title: 'Addetto/addetta alle vendite in showroom',
    description: 'Accoglienza dei clienti nello showroom di Lissone e consulenza sugli arredi.',
    esco: '5223.7',
    cp2021: '5.1.2.2.0',
    municipality: '108028',
    workMode: 'onsite',
    contractType: 'apprenticeship',
    durationMonths: null,
    hoursPerWeek: 40,
    educationLevel: null,
    openings: 1,
    startInDays: 14,
    countsTowardsPledge: false,
  }),
  V({
    key: 'waiter',
    company: HOTEL,
    title: 'Cameriere/cameriera di sala (stagione invernale)',
    description: 'Servizio di sala per la stagione invernale; alloggio disponibile.',
    esco: '5131.2',
    cp2021: '5.2.2.3.2',
    municipality: '014009',
    workMode: 'onsite',
    contractType: 'seasonal',
    durationMonths: 5,
    hoursPerWeek: 40,
    educationLevel: null,
    languages: [{ language: 'en', minLevel: 'A2', mandatory: true }],
    openings: 4,
    startInDays: 20,
    countsTowardsPledge: false,
  }),
  V({
    key: 'steel-welder',
    company: ACCIAIERIE,
    title: 'Saldatore/saldatrice di manutenzione',
    description: 'Manutenzione straordinaria di impianti di colata e laminazione.',
    esco: '7212.3',
    cp2021: '6.2.1.2.0',
    municipality: '017029',
    workMode: 'onsite',
    contractType: 'permanent',
    durationMonths: null,
    hoursPerWeek: 40,
    educationLevel: 3,
    openings: 2,
    startInDays: 30,
    countsTowardsPledge: false,
  }),
  V({
    key: 'mechanical-technician',
    company: AEROSTRUTTURE,
    title: 'Tecnico meccanico di produzione',
    description: 'Industrializzazione dei processi di lavorazione di componenti strutturali aeronautici.',
    esco: '3115.1',
    cp2021: '3.1.3.1.0',
    municipality: '012118',
    workMode: 'onsite',
    contractType: 'permanent',
    durationMonths: null,
    hoursPerWeek: 40,
    educationLevel: 4,
    educationMandatory: true,
    languages: [{ language: 'en', minLevel: 'B2', mandatory: true }],
    openings: 1,
    startInDays: 45,
    countsTowardsPledge: false,
  }),
  V({
    key: 'dairy-warehouse',
    company: CASEIFICIO,
    title: 'Magazziniere/magazziniera celle di stagionatura',
    description: 'Movimentazione delle forme nelle celle di stagionatura e carico dei mezzi.',
    esco: '9333.8',
    cp2021: '8.1.3.1.0',
    municipality: '019036',
    workMode: 'onsite',
    contractType: 'fixed_term',
    durationMonths: 6,
    hoursPerWeek: 40,
    educationLevel: null,
    openings: 2,
    startInDays: 7,
    countsTowardsPledge: false,
  }),
];

interface DemoPledge {
  company: string;
  priorityTarget: PriorityTarget;
  offers: number;
  note: string;
}

const PLEDGES: DemoPledge[] = [
  {
    company: MECCANICA,
    priorityTarget: 'over_50',
    offers: 3,
    note: 'Accordo con la rete per la ricollocazione di lavoratori over 50 della meccanica.',
  },
  {
    company: LOGISTICA,
    priorityTarget: 'migrant',
    offers: 5,
    note: 'Percorso con i corsi di italiano per stranieri del CPIA di Lodi.',
  },
  {
    company: FARMACEUTICI,
    priorityTarget: 'disability_l68',
    offers: 2,
    note: 'Convenzione art. 11 L. 68/1999 con il collocamento mirato.',
  },
];

/** Candidatures of the demo operator's people: proposed (and one moved to screening by the company). */
const CANDIDATURES: { vacancy: string; fiscalName: [string, string]; screening: boolean; note: string }[] = [
  {
    vacancy: 'welder',
    fiscalName: ['Andrei', 'Popescu'],
    screening: true,
    note: 'Esperienza di saldatura a filo; disponibile da subito.',
  },
  {
    vacancy: 'secretary',
    fiscalName: ['Francesca', 'Ricci'],
    screening: false,
    note: 'Profilo coerente: segreteria di studio professionale per cinque anni.',
  },
];

/** Seeds the market when no vacancy exists yet; returns whether it did. */
export async function seedDemoMarket(database: Database): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('trama.demo_market'))`);
    if (
      (
        await tx
          .select({ one: sql`1` })
          .from(vacancies)
          .limit(1)
      ).length > 0
    )
      return false;
    await insertMarket(tx);
    return true;
  });
}

async function actorOf(db: Db, email: string): Promise<Actor | null> {
  const [r] = await db
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
    .where(eq(users.email, email));
  return r ? { ...r, sessionId: 'demo-seed' } : null;
}

async function insertMarket(tx: Tx) {
  // The use cases take a Db; inside this transaction their own transactions become savepoints.
  const db = tx as unknown as Db;
  const names = [...new Set([...PROFILES.map((p) => p.company), ...VACANCIES.map((v) => v.company)])];
  const orgRows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      seat: organizations.legalSeatMunicipalityCode,
      ateco: organizations.atecoCode,
    })
    .from(organizations)
    .where(and(inArray(organizations.name, names), eq(organizations.type, 'company')));
  const org = new Map(orgRows.map((o) => [o.name, o]));
  if (org.size === 0) return;

  for (const p of PROFILES) {
    const o = org.get(p.company);
    if (!o?.ateco) continue;
    await db.insert(companyProfiles).values({
      organizationId: o.id,
      sizeClass: p.sizeClass,
      sector: p.sector,
      ateco2025Code: o.ateco,
    });
    const sites = [...new Set([o.seat, ...p.sites])];
    await db.insert(companySites).values(sites.map((m) => ({ organizationId: o.id, municipalityCode: m })));
  }

  const occRows = await db
    .select({ id: refOccupations.id, code: refOccupations.code })
    .from(refOccupations)
    .where(
      inArray(
        refOccupations.code,
        VACANCIES.map((v) => v.esco),
      ),
    );
  const occupation = new Map(occRows.map((o) => [o.code!, o.id]));
  const vacancyId = new Map<string, string>();
  for (const v of VACANCIES) {
    const o = org.get(v.company);
    const occupationId = occupation.get(v.esco);
    if (!o || !occupationId) continue;
    const skills = await vacancyRepo.occupationSkills(db, occupationId);
    const label = await vacancyRepo.occupationLabel(db, occupationId);
    const [profession] = await db
      .select({ code: refProfessions.code })
      .from(refProfessions)
      .where(eq(refProfessions.code, v.cp2021));
    const id = await vacancyRepo.insertVacancy(db, {
      organizationId: o.id,
      title: v.title,
      description: v.description,
      occupationId,
      professionCode: profession?.code ?? null,
      municipalityCode: v.municipality,
      workMode: v.workMode,
      contractType: v.contractType,
      durationMonths: v.durationMonths,
      hoursPerWeek: v.hoursPerWeek,
      educationLevel: v.educationLevel,
      educationMandatory: v.educationMandatory,
      openings: v.openings,
      startDate: isoIn(v.startInDays),
      closingDate: isoIn(v.startInDays + 45),
      status: 'open',
      countsTowardsPledge: v.countsTowardsPledge,
      searchText: vacancyRepo.searchTextOf(v.title, label),
      createdBy: null,
    });
    await vacancyRepo.replaceSkills(
      db,
      id,
      skills.filter((s) => s.relation === 'essential').map((s) => s.skillId),
      skills.filter((s) => s.relation === 'optional').map((s) => s.skillId),
    );
    await vacancyRepo.replaceLanguages(db, id, v.languages);
    vacancyId.set(v.key, id);
  }

  const pledgeIds: string[] = [];
  for (const p of PLEDGES) {
    const o = org.get(p.company);
    if (!o) continue;
    const [row] = await db
      .insert(companyPledges)
      .values({
        organizationId: o.id,
        priorityTarget: p.priorityTarget,
        offers: p.offers,
        periodFrom: isoIn(-90),
        periodTo: isoIn(275),
        note: p.note,
      })
      .returning({ id: companyPledges.id });
    pledgeIds.push(row!.id);
  }

  await audit(
    db,
    SEED_CTX,
    {
      action: 'demo.seed',
      entityType: 'demo_market',
      details: { companyProfiles: PROFILES.length, vacancies: vacancyId.size, pledges: pledgeIds.length },
    },
    ...[...vacancyId.values()].map((id) => ({
      action: 'demo.seed',
      entityType: 'vacancy',
      entityId: id,
      organizationId: null,
    })),
    ...pledgeIds.map((id) => ({
      action: 'demo.seed',
      entityType: 'pledge',
      entityId: id,
      organizationId: null,
    })),
  );

  // Candidatures through the use cases, as the demo case worker (proposes) and company staff (screens).
  const caseWorker = await actorOf(db, 'operatore@demo.trama.it');
  const staff = await actorOf(db, 'azienda@demo.trama.it');
  if (!caseWorker || !staff) return;
  for (const c of CANDIDATURES) {
    const vid = vacancyId.get(c.vacancy);
    const [person] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.firstName, c.fiscalName[0]), eq(people.lastName, c.fiscalName[1])))
      .limit(1);
    if (!vid || !person) continue;
    const created = await createCandidature(
      db,
      { actor: caseWorker, requestId: 'demo-seed', ip: null },
      { vacancyId: vid, personId: person.id, note: c.note },
    );
    if (c.screening && created.companyOrganizationId === staff.organizationId)
      await transitionCandidature(db, { actor: staff, requestId: 'demo-seed', ip: null }, created.id, {
        to: 'screening',
      });
  }
}
