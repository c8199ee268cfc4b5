/**
 * The Lombardy demo dataset: the 12 provinces' public job centres, accredited operators with offices
 * and accreditations, business associations, a chamber of commerce, foundations, social enterprises,
 * an ITS, an innovation hub, a managers' association, Regione Lombardia, companies with ATECO 2025
 * codes, and one user per role (DEMO_USERS, documented in the README).
 *
 * Every name, fiscal code and VAT number is fictitious: the numbers are generated with valid check
 * digits (so forms accept them) from a serial that is not any real registrant's. E-mail domains use
 * the reserved `.example` TLD, so the demo can never write to a real mailbox.
 */
import crypto from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { personFiscalCodeCheckChar, type OrganizationType, type Role } from '@trama/contracts';
import type { Database, Tx } from '../platform/db';
import { normalizeSearch } from '../platform/text';
import { audit, type AuditEvent } from '../modules/audit';
import { hashPassword } from '../modules/identity';
import { memberships, users } from '../modules/identity/identity.table';
import { accreditations, offices, organizations } from '../modules/organizations/organizations.table';
import { ensureIllustrativeProgrammes } from '../modules/programmes';
import { seedDemoMarket } from './demo-market';
import { seedDemoCrisis } from './demo-crisis';
import { seedDemoPaths } from './demo-paths';

// ---------------------------------------------------------------------------------------------
// Fiscal identifiers

/** Check digit of an 11-digit partita IVA / numeric codice fiscale (same rule as contracts/fiscal). */
function withCheckDigit(first10: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(first10[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return first10 + String((10 - (sum % 10)) % 10);
}

/**
 * A numeric code shaped like the real ones: 7-digit serial, 3-digit provincial office, check digit.
 * Companies get serials starting with 0 (partita IVA), public bodies 8 and associations 9 (codice
 * fiscale of entities without VAT). Serials step by a large prime, so no two demo codes collide.
 */
function numericCode(kind: 'company' | 'public' | 'association', serial: number, office: string): string {
  const lead = { company: '0', public: '8', association: '9' }[kind];
  const body = String(3_100_000 + serial * 7_919).slice(-6);
  return withCheckDigit(`${lead}${body}${office}`);
}

/** A person's codice fiscale with its check character. */
const personCode = (first15: string) => first15 + personFiscalCodeCheckChar(first15);

// ---------------------------------------------------------------------------------------------
// Places: the 12 Lombardy provinces (ISTAT codes of the capoluogo, provincial office code, phone prefix)

const PROVINCES = [
  { abbr: 'VA', name: 'Varese', capital: '012133', office: '012', cap: '21100', tel: '0332' },
  { abbr: 'CO', name: 'Como', capital: '013075', office: '013', cap: '22100', tel: '031' },
  { abbr: 'SO', name: 'Sondrio', capital: '014061', office: '014', cap: '23100', tel: '0342' },
  { abbr: 'MI', name: 'Milano', capital: '015146', office: '015', cap: '20159', tel: '02' },
  { abbr: 'BG', name: 'Bergamo', capital: '016024', office: '016', cap: '24122', tel: '035' },
  { abbr: 'BS', name: 'Brescia', capital: '017029', office: '017', cap: '25124', tel: '030' },
  { abbr: 'PV', name: 'Pavia', capital: '018110', office: '018', cap: '27100', tel: '0382' },
  { abbr: 'CR', name: 'Cremona', capital: '019036', office: '019', cap: '26100', tel: '0372' },
  { abbr: 'MN', name: 'Mantova', capital: '020030', office: '020', cap: '46100', tel: '0376' },
  { abbr: 'LC', name: 'Lecco', capital: '097042', office: '097', cap: '23900', tel: '0341' },
  { abbr: 'LO', name: 'Lodi', capital: '098031', office: '098', cap: '26900', tel: '0371' },
  { abbr: 'MB', name: 'Monza', capital: '108033', office: '108', cap: '20900', tel: '039' },
] as const;

/** ISTAT codes of the other municipalities used below. */
const M = {
  milano: '015146',
  sestoSanGiovanni: '015209',
  bergamo: '016024',
  seriate: '016198',
  treviglio: '016219',
  brescia: '017029',
  lumezzane: '017096',
  desenzano: '017067',
  darfo: '017065',
  palazzolo: '017133',
  varese: '012133',
  bustoArsizio: '012026',
  samarate: '012118',
  como: '013075',
  cantu: '013041',
  sondrio: '014061',
  morbegno: '014045',
  chiavenna: '014018',
  bormio: '014009',
  pavia: '018110',
  voghera: '018182',
  broni: '018024',
  vigevano: '018177',
  cremona: '019036',
  crema: '019035',
  casalmaggiore: '019021',
  mantova: '020030',
  suzzara: '020065',
  viadana: '020066',
  castelGoffredo: '020015',
  lecco: '097042',
  merate: '097048',
  lodi: '098031',
  codogno: '098019',
  casalpusterlengo: '098010',
  monza: '108033',
  lissone: '108028',
  vimercate: '108050',
} as const;

// ---------------------------------------------------------------------------------------------
// Organisations

export interface DemoAccreditation {
  kind: 'labour_services' | 'training';
  status: 'provisional' | 'definitive';
  registerNumber: string;
  validFrom: string;
  validTo: string | null;
}

export interface DemoOffice {
  name: string;
  address: string;
  postalCode: string;
  municipalityCode: string;
  phone?: string;
  accreditations?: DemoAccreditation[];
}

export interface DemoOrganization {
  type: OrganizationType;
  name: string;
  fiscalCode: string;
  vatNumber: string | null;
  atecoCode: string | null;
  seat: string;
  address: string;
  postalCode: string;
  phone: string;
  description: string;
  /** Mail/web domain stem under the reserved .example TLD. */
  domain: string;
  /** Offices beyond the legal seat (which always gets one). */
  offices?: DemoOffice[];
  seatAccreditations?: DemoAccreditation[];
}

// Lombardy's regional registers: "servizi al lavoro" (SL) and "istruzione e formazione professionale" (FP).
const SL = (n: number, status: 'provisional' | 'definitive', from: string, to: string | null = null) =>
  ({
    kind: 'labour_services',
    status,
    registerNumber: `SL-${String(n).padStart(4, '0')}`,
    validFrom: from,
    validTo: to,
  }) as const;
const FP = (n: number, status: 'provisional' | 'definitive', from: string, to: string | null = null) =>
  ({
    kind: 'training',
    status,
    registerNumber: `FP-B-${String(n).padStart(4, '0')}`,
    validFrom: from,
    validTo: to,
  }) as const;

let serial = 0;
const code = (kind: 'company' | 'public' | 'association', office: string) =>
  numericCode(kind, ++serial, office);
const vat = (office: string) => {
  const c = code('company', office);
  return { fiscalCode: c, vatNumber: c };
};

const CPI_ADDRESSES: Record<string, { address: string; phone: string }> = {
  VA: { address: 'Viale Belforte 22', phone: '0332 252811' },
  CO: { address: 'Via Tommaso Grossi 7', phone: '031 230411' },
  SO: { address: 'Via Trieste 8', phone: '0342 531611' },
  MI: { address: 'Viale Jenner 24', phone: '02 77403811' },
  BG: { address: 'Via Giovanni Battista Moroni 12', phone: '035 387411' },
  BS: { address: 'Via Cipro 30', phone: '030 3748511' },
  PV: { address: 'Viale Cesare Battisti 150', phone: '0382 597611' },
  CR: { address: 'Via Dante Alighieri 136', phone: '0372 406511' },
  MN: { address: 'Via Pietro Torelli 22', phone: '0376 204611' },
  LC: { address: 'Corso Giacomo Matteotti 3', phone: '0341 295411' },
  LO: { address: 'Via Francesco Haussmann 7', phone: '0371 442611' },
  MB: { address: 'Via Grigna 13', phone: '039 9752011' },
};

const REGIONE = 'Regione Lombardia';
const CPI_MILANO = "Centro per l'Impiego di Milano";
const OPERATOR = 'Lavoro Più Lombardia S.r.l.';
const COORDINATOR = 'Fondazione Lavoro e Comunità Lombardia';
const COMPANY = 'Meccanica Lariana S.p.A.';
const SME = 'Forno Fratelli Sala S.n.c.';
const MANAGERS = 'Associazione Dirigenti Industriali Lombardi';

function buildOrganizations(): DemoOrganization[] {
  serial = 0;
  const regional: DemoOrganization = {
    type: 'regional_authority',
    name: REGIONE,
    fiscalCode: code('public', '015'),
    vatNumber: null,
    atecoCode: '84.11.10',
    seat: M.milano,
    address: 'Piazza Città di Lombardia 1',
    postalCode: '20124',
    phone: '02 67651',
    description:
      'Direzione Generale Formazione e Lavoro: programma e finanzia le politiche attive del lavoro e monitora la rete regionale.',
    domain: 'regione-lombardia',
  };

  const jobCentres: DemoOrganization[] = PROVINCES.map((p) => ({
    type: 'public_job_centre',
    name: `Centro per l'Impiego di ${p.name}`,
    fiscalCode: code('public', p.office),
    vatNumber: null,
    atecoCode: '78.10.00',
    seat: p.capital,
    address: CPI_ADDRESSES[p.abbr]!.address,
    postalCode: p.cap,
    phone: CPI_ADDRESSES[p.abbr]!.phone,
    description: `Servizio pubblico per l'impiego della ${
      p.abbr === 'MI'
        ? 'Città metropolitana di Milano'
        : `Provincia di ${p.name === 'Monza' ? 'Monza e della Brianza' : p.name}`
    }: patto di servizio, orientamento, incontro domanda-offerta, collocamento mirato.`,
    domain: `cpi-${normalizeSearch(p.name).replace(/ /g, '-')}`,
  }));

  const operators: DemoOrganization[] = [
    {
      type: 'accredited_operator',
      name: OPERATOR,
      ...vat('015'),
      atecoCode: '78.10.00',
      seat: M.milano,
      address: 'Via Vittor Pisani 16',
      postalCode: '20124',
      phone: '02 66981420',
      description: 'Servizi al lavoro: orientamento, bilancio di competenze, accompagnamento e tirocini.',
      domain: 'lavoropiu-lombardia',
      seatAccreditations: [SL(112, 'definitive', '2016-05-10')],
      offices: [
        {
          name: 'Sede di Monza',
          address: 'Via Italia 21',
          postalCode: '20900',
          municipalityCode: M.monza,
          phone: '039 2301544',
          accreditations: [SL(112, 'definitive', '2017-09-01')],
        },
        {
          name: 'Sede di Bergamo',
          address: 'Via Pietro Paleocapa 5',
          postalCode: '24122',
          municipalityCode: M.bergamo,
          phone: '035 4130672',
          accreditations: [SL(112, 'provisional', '2025-03-01', '2026-02-28')],
        },
      ],
    },
    {
      type: 'accredited_operator',
      name: 'Orienta Insubria Società Cooperativa',
      ...vat('012'),
      atecoCode: '85.59.20',
      seat: M.varese,
      address: 'Via Francesco Sacco 5',
      postalCode: '21100',
      phone: '0332 288430',
      description: 'Formazione professionale e servizi al lavoro per le province di Varese e Como.',
      domain: 'orienta-insubria',
      seatAccreditations: [SL(148, 'definitive', '2014-02-03'), FP(731, 'definitive', '2012-07-16')],
      offices: [
        {
          name: 'Sede di Como',
          address: 'Via Milano 120',
          postalCode: '22100',
          municipalityCode: M.como,
          phone: '031 2759310',
          accreditations: [FP(731, 'definitive', '2015-01-12')],
        },
        {
          name: 'Sede di Busto Arsizio',
          address: 'Via Milano 8',
          postalCode: '21052',
          municipalityCode: M.bustoArsizio,
          phone: '0331 625118',
          accreditations: [SL(148, 'provisional', '2025-02-01', '2026-01-31')],
        },
      ],
    },
    {
      type: 'accredited_operator',
      name: 'Formazione e Impresa Bresciana S.c.a r.l.',
      ...vat('017'),
      atecoCode: '85.59.20',
      seat: M.brescia,
      address: 'Via Corsica 14',
      postalCode: '25125',
      phone: '030 2425780',
      description: 'Ente di formazione delle imprese bresciane: corsi, apprendistato, servizi al lavoro.',
      domain: 'formazione-impresa-bs',
      seatAccreditations: [FP(522, 'definitive', '2011-09-01'), SL(203, 'definitive', '2015-06-15')],
      offices: [
        {
          name: 'Sede di Desenzano del Garda',
          address: 'Via Castello 30',
          postalCode: '25015',
          municipalityCode: M.desenzano,
          accreditations: [FP(522, 'definitive', '2018-03-05')],
        },
        {
          name: 'Sede di Darfo Boario Terme',
          address: 'Via Roma 41',
          postalCode: '25047',
          municipalityCode: M.darfo,
          accreditations: [SL(203, 'definitive', '2019-10-01')],
        },
        {
          name: 'Sede di Bergamo',
          address: 'Via San Bernardino 70',
          postalCode: '24126',
          municipalityCode: M.bergamo,
          accreditations: [FP(522, 'provisional', '2025-09-01', '2026-08-31')],
        },
      ],
    },
    {
      type: 'accredited_operator',
      name: 'Job Bridge Italia S.p.A.',
      ...vat('015'),
      atecoCode: '78.20.00',
      seat: M.milano,
      address: 'Corso Buenos Aires 77',
      postalCode: '20124',
      phone: '02 29536100',
      description: 'Agenzia per il lavoro: somministrazione, ricerca e selezione, ricollocazione.',
      domain: 'jobbridge-italia',
      seatAccreditations: [SL(87, 'definitive', '2013-04-22')],
      offices: [
        {
          name: 'Filiale di Pavia',
          address: 'Corso Camillo Benso di Cavour 20',
          postalCode: '27100',
          municipalityCode: M.pavia,
          accreditations: [SL(87, 'definitive', '2016-11-07')],
        },
        {
          name: 'Filiale di Lodi',
          address: 'Corso Umberto I 44',
          postalCode: '26900',
          municipalityCode: M.lodi,
          accreditations: [SL(87, 'definitive', '2016-11-07')],
        },
        {
          name: 'Filiale di Cremona',
          address: 'Corso Giuseppe Garibaldi 60',
          postalCode: '26100',
          municipalityCode: M.cremona,
          accreditations: [SL(87, 'provisional', '2025-09-15', '2026-09-14')],
        },
      ],
    },
    {
      type: 'accredited_operator',
      name: 'Centro Servizi Lavoro Valtellina S.r.l.',
      ...vat('014'),
      atecoCode: '78.10.00',
      seat: M.sondrio,
      address: 'Via Giuseppe Piazzi 28',
      postalCode: '23100',
      phone: '0342 514270',
      description: 'Servizi al lavoro in Valtellina e Valchiavenna, con attenzione al lavoro stagionale.',
      domain: 'csl-valtellina',
      seatAccreditations: [SL(311, 'provisional', '2025-06-01', '2026-05-31')],
      offices: [
        {
          name: 'Sportello di Morbegno',
          address: 'Via Stelvio 12',
          postalCode: '23017',
          municipalityCode: M.morbegno,
          accreditations: [SL(311, 'provisional', '2025-06-01', '2026-05-31')],
        },
        {
          name: 'Sportello di Chiavenna',
          address: 'Via Dolzino 40',
          postalCode: '23022',
          municipalityCode: M.chiavenna,
        },
        {
          name: 'Sportello di Lecco',
          address: 'Via Roma 28',
          postalCode: '23900',
          municipalityCode: M.lecco,
          accreditations: [SL(311, 'provisional', '2025-06-01', '2026-05-31')],
        },
      ],
    },
    {
      type: 'accredited_operator',
      name: "Ente Lariano per l'Istruzione Professionale",
      fiscalCode: code('association', '097'),
      vatNumber: null,
      atecoCode: '85.59.20',
      seat: M.lecco,
      address: 'Via Antonio Ghislanzoni 20',
      postalCode: '23900',
      phone: '0341 362158',
      description: 'Istruzione e formazione professionale, corsi per adulti e servizi al lavoro.',
      domain: 'elip-lecco',
      seatAccreditations: [FP(264, 'definitive', '2008-09-01'), SL(129, 'definitive', '2012-01-16')],
      offices: [
        {
          name: 'Centro di formazione di Merate',
          address: 'Via Filippo Turati 10',
          postalCode: '23807',
          municipalityCode: M.merate,
          accreditations: [FP(264, 'definitive', '2010-09-01')],
        },
        {
          name: 'Centro di formazione di Bergamo',
          address: 'Via Borgo Palazzo 90',
          postalCode: '24125',
          municipalityCode: M.bergamo,
          accreditations: [FP(264, 'definitive', '2019-09-02')],
        },
      ],
    },
    {
      type: 'accredited_operator',
      name: 'Mantova Lavoro e Sviluppo S.r.l.',
      ...vat('020'),
      atecoCode: '78.10.00',
      seat: M.mantova,
      address: 'Via Giuseppe Verdi 32',
      postalCode: '46100',
      phone: '0376 369245',
      description:
        'Politiche attive e orientamento nel Mantovano; la formazione è sospesa (accreditamento scaduto).',
      domain: 'mantova-lavoro',
      seatAccreditations: [
        SL(276, 'definitive', '2017-02-20'),
        FP(918, 'provisional', '2019-01-07', '2021-12-31'),
      ],
      offices: [
        {
          name: 'Sede di Suzzara',
          address: 'Via Guido Rossa 5',
          postalCode: '46029',
          municipalityCode: M.suzzara,
          accreditations: [SL(276, 'definitive', '2020-05-04')],
        },
        {
          name: 'Sede di Viadana',
          address: 'Piazza Alessandro Manzoni 4',
          postalCode: '46019',
          municipalityCode: M.viadana,
        },
        {
          name: 'Sede di Casalmaggiore',
          address: 'Via Benedetto Cairoli 15',
          postalCode: '26041',
          municipalityCode: M.casalmaggiore,
          accreditations: [SL(276, 'definitive', '2022-01-10')],
        },
      ],
    },
    {
      type: 'accredited_operator',
      name: 'Percorsi Professionali Lombardi S.r.l.',
      ...vat('019'),
      atecoCode: '85.59.20',
      seat: M.crema,
      address: 'Via Giuseppe Mazzini 55',
      postalCode: '26013',
      phone: '0373 259840',
      description: 'Formazione continua e servizi al lavoro tra Cremasco e Lodigiano.',
      domain: 'percorsi-professionali',
      seatAccreditations: [
        FP(645, 'definitive', '2016-09-12'),
        SL(402, 'provisional', '2025-04-01', '2026-03-31'),
      ],
      offices: [
        {
          name: 'Sede di Lodi',
          address: 'Via Camillo Benso di Cavour 30',
          postalCode: '26900',
          municipalityCode: M.lodi,
          accreditations: [FP(645, 'definitive', '2021-02-15')],
        },
        {
          name: 'Sede di Codogno',
          address: 'Viale Gandolfi 8',
          postalCode: '26845',
          municipalityCode: M.codogno,
        },
      ],
    },
  ];

  const network: DemoOrganization[] = [
    {
      type: 'business_association',
      name: 'Unione degli Industriali Bergamaschi',
      fiscalCode: code('association', '016'),
      vatNumber: null,
      atecoCode: '94.11.00',
      seat: M.bergamo,
      address: 'Via Gabriele Camozzi 70',
      postalCode: '24121',
      phone: '035 275211',
      description: 'Associazione territoriale delle imprese industriali della provincia di Bergamo.',
      domain: 'industriali-bergamaschi',
    },
    {
      type: 'business_association',
      name: 'Associazione Industriali di Brescia e Franciacorta',
      fiscalCode: code('association', '017'),
      vatNumber: null,
      atecoCode: '94.11.00',
      seat: M.brescia,
      address: 'Via Antonio Gramsci 16',
      postalCode: '25122',
      phone: '030 2292211',
      description:
        'Rappresenta le imprese manifatturiere bresciane; promuove formazione tecnica e placement.',
      domain: 'industriali-brescia',
    },
    {
      type: 'business_association',
      name: "Associazione Industriali dell'Insubria",
      fiscalCode: code('association', '012'),
      vatNumber: null,
      atecoCode: '94.11.00',
      seat: M.varese,
      address: 'Piazza Monte Grappa 5',
      postalCode: '21100',
      phone: '0332 251011',
      description: 'Associazione delle imprese industriali delle province di Varese e Como.',
      domain: 'industriali-insubria',
    },
    {
      type: 'business_association',
      name: 'Associazione Artigiani della Brianza',
      fiscalCode: code('association', '108'),
      vatNumber: null,
      atecoCode: '94.11.00',
      seat: M.monza,
      address: 'Viale Lombardia 30',
      postalCode: '20900',
      phone: '039 3632211',
      description: 'Associazione delle imprese artigiane e delle piccole imprese di Monza e Brianza.',
      domain: 'artigiani-brianza',
    },
    {
      type: 'chamber_of_commerce',
      name: 'Camera di Commercio Industria Artigianato e Agricoltura della Valpadana',
      fiscalCode: code('public', '019'),
      vatNumber: null,
      atecoCode: '84.13.50',
      seat: M.cremona,
      address: 'Piazza Antonio Stradivari 5',
      postalCode: '26100',
      phone: '0372 4901',
      description:
        'Registro imprese, orientamento al lavoro e alle professioni, certificazione delle competenze.',
      domain: 'camcom-valpadana',
      offices: [
        {
          name: 'Sede di Mantova',
          address: 'Via Pietro Calvi 28',
          postalCode: '46100',
          municipalityCode: M.mantova,
        },
      ],
    },
    {
      type: 'foundation',
      name: COORDINATOR,
      fiscalCode: code('association', '015'),
      vatNumber: null,
      atecoCode: '94.99.50',
      seat: M.milano,
      address: 'Via Giovanni Battista Sammartini 5',
      postalCode: '20125',
      phone: '02 66703190',
      description:
        'Coordina la rete territoriale per il lavoro: accordi di rete, percorsi di ricollocazione, monitoraggio.',
      domain: 'fondazione-lavoro-comunita',
      offices: [
        {
          name: 'Sede operativa di Brescia',
          address: 'Via Solferino 32',
          postalCode: '25122',
          municipalityCode: M.brescia,
        },
      ],
    },
    {
      type: 'foundation',
      name: 'Fondazione Ponte Generazioni',
      fiscalCode: code('association', '018'),
      vatNumber: null,
      atecoCode: '94.99.50',
      seat: M.pavia,
      address: 'Strada Nuova 65',
      postalCode: '27100',
      phone: '0382 302915',
      description:
        'Sostiene il passaggio di competenze tra lavoratori senior e giovani, con borse e tutoraggio.',
      domain: 'ponte-generazioni',
    },
    {
      type: 'third_sector_organization',
      name: 'Nuovi Passi ODV',
      fiscalCode: code('association', '016'),
      vatNumber: null,
      atecoCode: '88.99.09',
      seat: M.bergamo,
      address: 'Via Broseta 40',
      postalCode: '24128',
      phone: '035 4592230',
      description:
        'Organizzazione di volontariato: accompagnamento al lavoro di persone fragili e disoccupati di lunga durata.',
      domain: 'nuovipassi',
    },
    {
      type: 'social_enterprise',
      name: 'Il Telaio Cooperativa Sociale',
      ...vat('013'),
      atecoCode: '81.21.00',
      seat: M.como,
      address: 'Via Pasquale Paoli 3',
      postalCode: '22100',
      phone: '031 526490',
      description:
        'Cooperativa sociale di tipo B (inserimento lavorativo): pulizie e manutenzione del verde con persone svantaggiate.',
      domain: 'iltelaio-coop',
      offices: [
        {
          name: 'Laboratorio di Cantù',
          address: 'Via Milano 61',
          postalCode: '22063',
          municipalityCode: M.cantu,
        },
      ],
    },
    {
      type: 'social_enterprise',
      name: 'La Rete Cooperativa Sociale Onlus',
      ...vat('108'),
      atecoCode: '88.10.00',
      seat: M.monza,
      address: 'Via Enrico Toti 12',
      postalCode: '20900',
      phone: '039 2721560',
      description:
        'Cooperativa sociale di tipo A: servizi diurni per persone con disabilità e orientamento al lavoro.',
      domain: 'larete-coop',
    },
    {
      type: 'school_university',
      name: 'Fondazione ITS Meccatronica Lombarda',
      fiscalCode: code('association', '015'),
      vatNumber: null,
      atecoCode: '85.40.10',
      seat: M.sestoSanGiovanni,
      address: 'Viale Antonio Gramsci 194',
      postalCode: '20099',
      phone: '02 22476301',
      description:
        'Istituto tecnologico superiore: percorsi biennali in meccatronica e automazione con le imprese.',
      domain: 'its-meccatronica',
      offices: [
        {
          name: 'Campus di Lecco',
          address: 'Via Gaetano Previati 1',
          postalCode: '23900',
          municipalityCode: M.lecco,
        },
      ],
    },
    {
      type: 'innovation_hub',
      name: "Polo per l'Innovazione Digitale Lombardia Est",
      ...vat('017'),
      atecoCode: '72.10.29',
      seat: M.brescia,
      address: 'Via Branze 45',
      postalCode: '25123',
      phone: '030 3715590',
      description:
        'Digital innovation hub: assessment di maturità digitale, dimostratori, formazione 4.0 per le PMI.',
      domain: 'polo-innovazione-est',
    },
    {
      type: 'managers_association',
      name: MANAGERS,
      fiscalCode: code('association', '015'),
      vatNumber: null,
      atecoCode: '94.12.20',
      seat: M.milano,
      address: 'Via Larga 31',
      postalCode: '20122',
      phone: '02 58376210',
      description:
        'Associazione di dirigenti e quadri: mentoring, politiche attive per manager, temporary management.',
      domain: 'dirigenti-lombardi',
    },
    {
      type: 'social_partner',
      name: 'Unione Sindacale Territoriale di Brescia',
      fiscalCode: code('association', '017'),
      vatNumber: null,
      atecoCode: '94.20.00',
      seat: M.brescia,
      address: "Via Altipiano d'Asiago 3",
      postalCode: '25128',
      phone: '030 3729211',
      description:
        'Organizzazione sindacale territoriale: sportelli lavoro e accordi per la gestione delle crisi.',
      domain: 'ust-brescia',
    },
    {
      type: 'local_authority',
      name: 'Ambito Territoriale Sociale della Lomellina',
      fiscalCode: code('public', '018'),
      vatNumber: null,
      atecoCode: '84.11.10',
      seat: M.vigevano,
      address: 'Corso Vittorio Emanuele II 25',
      postalCode: '27029',
      phone: '0381 299411',
      description: 'Ufficio di piano dei comuni della Lomellina: inclusione sociale e lavorativa.',
      domain: 'ambito-lomellina',
    },
    {
      type: 'industrial_district',
      name: "Distretto della Calza e dell'Intimo dell'Alto Mantovano",
      fiscalCode: code('association', '020'),
      vatNumber: null,
      atecoCode: '94.11.00',
      seat: M.castelGoffredo,
      address: 'Via Giuseppe Mazzini 2',
      postalCode: '46042',
      phone: '0376 771340',
      description:
        'Distretto produttivo della calzetteria: formazione tecnica condivisa e fabbisogni professionali.',
      domain: 'distretto-calza',
    },
  ];

  const company = (
    name: string,
    office: string,
    atecoCode: string,
    seat: string,
    address: string,
    postalCode: string,
    phone: string,
    description: string,
    domain: string,
  ): DemoOrganization => ({
    type: 'company',
    name,
    ...vat(office),
    atecoCode,
    seat,
    address,
    postalCode,
    phone,
    description,
    domain,
  });

  const companies: DemoOrganization[] = [
    company(
      COMPANY,
      '097',
      '25.53.00',
      M.lecco,
      'Via Leonardo da Vinci 18',
      '23900',
      '0341 283510',
      'Lavorazioni meccaniche di precisione per automotive e macchine utensili; 240 dipendenti.',
      'meccanica-lariana',
    ),
    company(
      'Coltellerie Valgobbia S.r.l.',
      '017',
      '25.61.00',
      M.lumezzane,
      'Via Montesuello 140',
      '25065',
      '030 8271460',
      'Coltelleria e posateria professionale; 45 dipendenti.',
      'coltellerie-valgobbia',
    ),
    company(
      'Acciaierie del Mella S.p.A.',
      '017',
      '24.10.00',
      M.brescia,
      'Via Girelli 12',
      '25135',
      '030 3581200',
      'Acciaieria a forno elettrico: billette e vergella; 410 dipendenti.',
      'acciaierie-mella',
    ),
    company(
      'Seterie Comasche S.r.l.',
      '013',
      '13.20.00',
      M.como,
      'Via Bellinzona 55',
      '22100',
      '031 573880',
      'Tessitura serica per l’alta moda; 85 dipendenti.',
      'seterie-comasche',
    ),
    company(
      'Caseificio Padano Società Agricola Cooperativa',
      '019',
      '10.51.20',
      M.cremona,
      'Via Castelleone 88',
      '26100',
      '0372 432615',
      'Grana Padano e provolone; 120 dipendenti.',
      'caseificio-padano',
    ),
    company(
      'Salumificio Virgiliano S.r.l.',
      '020',
      '10.13.00',
      M.mantova,
      'Strada Ostigliese 40',
      '46100',
      '0376 391742',
      'Salumi tipici mantovani; 60 dipendenti.',
      'salumificio-virgiliano',
    ),
    company(
      'Nuvola Software S.r.l.',
      '015',
      '62.10.00',
      M.milano,
      'Via Tortona 33',
      '20144',
      '02 83241570',
      'Sviluppo software gestionale in cloud; 70 dipendenti.',
      'nuvola-software',
    ),
    company(
      'Logistica Lodigiana S.r.l.',
      '098',
      '52.10.10',
      M.casalpusterlengo,
      "Via dell'Artigianato 9",
      '26841',
      '0377 834120',
      'Magazzinaggio e logistica conto terzi; 150 dipendenti.',
      'logistica-lodigiana',
    ),
    company(
      'Trasporti Oltrepò S.r.l.',
      '018',
      '49.41.00',
      M.voghera,
      'Via Lomellina 21',
      '27058',
      '0383 367820',
      'Autotrasporto merci nazionale; 55 dipendenti.',
      'trasporti-oltrepo',
    ),
    company(
      'Hotel Alpi Retiche S.r.l.',
      '014',
      '55.10.00',
      M.bormio,
      'Via Roma 64',
      '23032',
      '0342 901355',
      'Albergo 4 stelle con centro benessere; 35 dipendenti, stagionali in inverno ed estate.',
      'hotel-alpi-retiche',
    ),
    company(
      'Mobilificio Brianteo S.r.l.',
      '108',
      '31.00.31',
      M.lissone,
      'Via Giosuè Carducci 45',
      '20851',
      '039 2457310',
      'Mobili di design per interni; 40 dipendenti.',
      'mobilificio-brianteo',
    ),
    company(
      'Aerostrutture Insubri S.p.A.',
      '012',
      '30.31.00',
      M.samarate,
      'Via Cascina Costa 6',
      '21017',
      '0331 223940',
      'Componenti strutturali per elicotteri e aerei civili; 320 dipendenti.',
      'aerostrutture-insubri',
    ),
    company(
      'Calzificio Goffredese S.r.l.',
      '020',
      '14.10.10',
      M.castelGoffredo,
      'Via Ceresara 12',
      '46042',
      '0376 780415',
      'Calze e collant per grandi marchi; 95 dipendenti.',
      'calzificio-goffredese',
    ),
    company(
      'Cantine Colli di Broni S.r.l.',
      '018',
      '11.02.10',
      M.broni,
      'Via Emilia 190',
      '27043',
      '0385 51422',
      'Vini DOC dell’Oltrepò Pavese; 25 dipendenti.',
      'cantine-colli-broni',
    ),
    company(
      'Farmaceutici Brianza S.p.A.',
      '108',
      '21.20.09',
      M.vimercate,
      'Via Torri Bianche 9',
      '20871',
      '039 6081230',
      'Farmaci generici e conto terzi; 280 dipendenti.',
      'farmaceutici-brianza',
    ),
    company(
      'Impianti Elettrici Orobici S.r.l.',
      '016',
      '43.21.01',
      M.seriate,
      'Via Nazionale 50',
      '24068',
      '035 298715',
      'Impianti elettrici e fotovoltaici civili e industriali; 18 dipendenti.',
      'impianti-orobici',
    ),
    company(
      SME,
      '016',
      '10.71.10',
      M.treviglio,
      'Via Roma 12',
      '24047',
      '0363 41872',
      'Panificio artigiano con due punti vendita; 9 dipendenti.',
      'forno-sala',
    ),
    {
      // A sole trader: the codice fiscale is the owner's, the partita IVA is separate.
      type: 'company',
      name: 'Officina Meccanica di Gianni Moretti',
      fiscalCode: personCode('MRTGNN70C15B157'),
      vatNumber: code('company', '017'),
      atecoCode: '33.12.10',
      seat: M.palazzolo,
      address: 'Via Brescia 77',
      postalCode: '25036',
      phone: '030 7301264',
      description: 'Riparazione e manutenzione di macchine industriali; 4 dipendenti.',
      domain: 'officina-moretti',
    },
  ];

  return [regional, ...jobCentres, ...operators, ...network, ...companies];
}

// ---------------------------------------------------------------------------------------------
// Users

/** The one documented demo password (README). Change it, or disable the demo, before going live. */
export const DEMO_PASSWORD = 'Trama-Demo-2025';

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  /** The organisation's name, or null for roles that act for no organisation. */
  organization: string | null;
  password: string;
  fiscalCode?: string;
}

/** One user per role, plus a second case worker at a public job centre. Documented in the README. */
const USERS: Omit<DemoUser, 'password'>[] = [
  { email: 'admin@demo.trama.it', displayName: 'Giulia Ferri', role: 'platform_admin', organization: null },
  {
    email: 'regione@demo.trama.it',
    displayName: 'Marco Colombo',
    role: 'regional_officer',
    organization: REGIONE,
  },
  {
    email: 'rete@demo.trama.it',
    displayName: 'Elena Bianchi',
    role: 'network_coordinator',
    organization: COORDINATOR,
  },
  {
    email: 'operatore@demo.trama.it',
    displayName: 'Luca Rossi',
    role: 'operator_staff',
    organization: OPERATOR,
  },
  {
    // A colleague of the same operator: deliveries are validated by a second person.
    email: 'operatore2@demo.trama.it',
    displayName: 'Marta Conti',
    role: 'operator_staff',
    organization: OPERATOR,
  },
  {
    email: 'cpi.milano@demo.trama.it',
    displayName: 'Sara Galli',
    role: 'operator_staff',
    organization: CPI_MILANO,
  },
  {
    email: 'azienda@demo.trama.it',
    displayName: 'Paolo Brambilla',
    role: 'company_staff',
    organization: COMPANY,
  },
  { email: 'manager@demo.trama.it', displayName: 'Roberto Villa', role: 'manager', organization: MANAGERS },
  { email: 'pmi@demo.trama.it', displayName: 'Chiara Sala', role: 'sme_staff', organization: SME },
  {
    email: 'cittadina@demo.trama.it',
    displayName: 'Francesca Ricci',
    role: 'citizen',
    organization: null,
    // Lets the demo citizen sign in through a SPID/CIE test gateway that releases this fiscal code.
    fiscalCode: personCode('RCCFNC85M41F205'),
  },
];
export const DEMO_USERS: readonly DemoUser[] = USERS.map((u) => ({ ...u, password: DEMO_PASSWORD }));

/** The organisations of the demo, for tests and documentation. */
export function demoOrganizations(): readonly DemoOrganization[] {
  return buildOrganizations();
}

// ---------------------------------------------------------------------------------------------
// Loading

const SEED_CTX = { actor: null, requestId: 'demo-seed', ip: null };

const searchTextOf = (o: { name: string; fiscalCode: string; vatNumber: string | null }) =>
  normalizeSearch([o.name, o.fiscalCode, o.vatNumber ?? ''].join(' '));

async function insertAll(tx: Tx, passwordHash: string) {
  const orgs = buildOrganizations();
  // Ids are chosen here, so offices and memberships need no reliance on RETURNING order.
  const orgId = new Map(orgs.map((o) => [o.name, crypto.randomUUID()]));
  await tx.insert(organizations).values(
    orgs.map((o) => ({
      id: orgId.get(o.name)!,
      type: o.type,
      name: o.name,
      fiscalCode: o.fiscalCode,
      vatNumber: o.vatNumber,
      atecoCode: o.atecoCode,
      atecoVersion: o.atecoCode ? '2025' : null,
      legalSeatMunicipalityCode: o.seat,
      address: o.address,
      postalCode: o.postalCode,
      email: `info@${o.domain}.example`,
      pec: `${o.domain}@pec.example`,
      phone: o.phone,
      website: `https://www.${o.domain}.example`,
      description: o.description,
      searchText: searchTextOf(o),
    })),
  );

  const officeRows = orgs.flatMap((o) => {
    const organizationId = orgId.get(o.name)!;
    const seat = {
      id: crypto.randomUUID(),
      organizationId,
      name: o.type === 'company' ? 'Sede legale e stabilimento' : 'Sede legale',
      address: o.address,
      postalCode: o.postalCode,
      municipalityCode: o.seat,
      email: `info@${o.domain}.example`,
      phone: o.phone,
      accreditations: o.seatAccreditations ?? [],
    };
    const others = (o.offices ?? []).map((f, i) => ({
      id: crypto.randomUUID(),
      organizationId,
      name: f.name,
      address: f.address,
      postalCode: f.postalCode,
      municipalityCode: f.municipalityCode,
      email: `sede${i + 2}@${o.domain}.example`,
      phone: f.phone ?? null,
      accreditations: f.accreditations ?? [],
    }));
    return [seat, ...others];
  });
  await tx.insert(offices).values(officeRows.map(({ accreditations: _a, ...row }) => row));
  const accreditationRows = officeRows.flatMap((row) =>
    row.accreditations.map((a) => ({ officeId: row.id, ...a })),
  );
  await tx.insert(accreditations).values(accreditationRows);

  // Users may exist already (e.g. TRAMA_ADMIN_EMAIL chose a demo address): keep them, add the roles.
  await tx
    .insert(users)
    .values(
      DEMO_USERS.map((u) => ({
        email: u.email,
        displayName: u.displayName,
        passwordHash,
        passwordChangedAt: new Date(),
        fiscalCode: u.fiscalCode ?? null,
      })),
    )
    .onConflictDoNothing();
  const userRows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_USERS.map((u) => u.email),
      ),
    );
  const userId = new Map(userRows.map((u) => [u.email, u.id]));
  await tx
    .insert(memberships)
    .values(
      DEMO_USERS.map((u) => ({
        userId: userId.get(u.email)!,
        organizationId: u.organization ? orgId.get(u.organization)! : null,
        role: u.role,
      })),
    )
    .onConflictDoNothing();

  const events: AuditEvent[] = [
    {
      action: 'demo.seed',
      organizationId: null,
      details: {
        organizations: orgs.length,
        offices: officeRows.length,
        accreditations: accreditationRows.length,
        users: DEMO_USERS.length,
      },
    },
    ...orgs.map((o) => ({
      action: 'demo.seed',
      entityType: 'organization',
      entityId: orgId.get(o.name)!,
      organizationId: orgId.get(o.name)!,
      details: { name: o.name, type: o.type },
    })),
    ...DEMO_USERS.map((u) => ({
      action: 'demo.seed',
      entityType: 'user',
      entityId: userId.get(u.email)!,
      organizationId: u.organization ? orgId.get(u.organization)! : null,
      details: { email: u.email, role: u.role },
    })),
  ];
  await audit(tx, SEED_CTX, ...events);
}

/**
 * Loads the demo when the registry is empty; returns whether it did. One transaction; an advisory
 * lock makes concurrent starts (several instances on one PostgreSQL) seed at most once.
 */
export async function seedDemoIfEmpty(database: Database): Promise<boolean> {
  const { db } = database;
  const hasOrganizations = async (d: Pick<Tx, 'select'>) =>
    (
      await d
        .select({ one: sql`1` })
        .from(organizations)
        .limit(1)
    ).length > 0;
  if (await hasOrganizations(db)) return false;
  // Hash once, outside the transaction: every demo user shares the documented password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('trama.demo_seed'))`);
    if (await hasOrganizations(tx)) return false;
    await insertAll(tx, passwordHash);
    return true;
  });
  // Illustrative programmes (GOL / Dote parameters marked as such) so paths can be tried at once.
  if (seeded) await ensureIllustrativeProgrammes(db);
  // People and their pathways in every state, so a case worker's caseload is not empty.
  if (seeded) await seedDemoPaths(database);
  // Company profiles, open vacancies, pledges and a few candidatures, so matching has something to show.
  if (seeded) await seedDemoMarket(database);
  // A company crisis with its cohort and group actions (collective re-employment).
  if (seeded) await seedDemoCrisis(database);
  return seeded;
}
