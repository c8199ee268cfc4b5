/**
 * The demo's re-employment paths (issue 3): about 25 people followed by the demo operator
 * (Lavoro Più Lombardia) and the Centro per l'Impiego di Milano, with pathways in every state, a voucher
 * with validated deliveries, appointments (one overdue without outcome), a voucher about to expire, a
 * pending referral from the operator to CPI Milano, and the demo citizen's own record and signed pact.
 *
 * Everything goes through the modules' use cases (access grants, timeline, budget checks, audit), acting
 * as the demo case workers with request id `demo-seed`, inside ONE transaction (the use cases'
 * transactions become savepoints). Use cases date things "now"; a final set-based pass spreads each
 * pathway's timeline over the weeks before today, so the demo looks lived-in whenever it is started.
 *
 * People are fictitious: names drawn from common Italian names, codici fiscali built by the official
 * algorithm (check character included) from those names, the birth date, sex and birthplace.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  AssessmentInput,
  PactContentInput,
  PersonCreate,
  type ConsentPurpose,
  type PersonSection,
  type PriorityTarget,
} from '@trama/contracts';
import type { Actor } from '../platform/actor';
import type { Database, Db, Tx } from '../platform/db';
import { memberships, users } from '../modules/identity/identity.table';
import { offices } from '../modules/organizations/organizations.table';
import { todayInItaly } from '../modules/organizations';
import { people } from '../modules/people';
import { createPerson } from '../modules/people/people.usecases';
import { buildFiscalCode } from '../modules/people/people.synthetic';
import { programmeCatalogueLines, programmes } from '../modules/programmes';
import {
  assessmentProposal,
  createPactVersion,
  recordAppointmentOutcome,
  recordAssessment,
  recordPlacement,
  scheduleAppointment,
  signPact,
  takeInCharge,
  transition,
  type Ctx,
} from '../modules/pathways/pathways.usecases';
import { issueVoucher, recordDelivery, validateDelivery } from '../modules/vouchers/vouchers.usecases';
import { createReferral } from '../modules/referrals/referrals.usecases';
import { refOccupations, refOccupationSkills } from '../modules/reference/reference.table';

const OPERATOR_EMAIL = 'operatore@demo.trama.it';
const COLLEAGUE_EMAIL = 'operatore2@demo.trama.it';
const CPI_EMAIL = 'cpi.milano@demo.trama.it';
const CITIZEN_EMAIL = 'cittadina@demo.trama.it';

type Scenario =
  | 'taken' // taken in charge, not yet assessed
  | 'assessed' // assessed, pact to be signed
  | 'pact' // pact signed, voucher not issued yet
  | 'delivery' // voucher issued, deliveries recorded and validated
  | 'expiring' // in delivery, voucher ending within the warning window
  | 'suspended'
  | 'placed'
  | 'closed'; // closed without outcome

type Worker = 'luca' | 'marta' | 'sara';

interface DemoPerson {
  first: string;
  last: string;
  sex: 'F' | 'M';
  birth: string;
  /** Cadastral code of the birthplace (Z... for abroad). */
  born: string;
  residence: { code: string; cap: string; address: string };
  citizenship: string;
  eqf: number;
  languages: { language: string; level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' | 'native' }[];
  /** ESCO occupation code (ref_occupations.code) and ATECO 2025 of the last job. */
  job: { esco: string; ateco: string; employer: string; title: string; yearsAgo: number; months: number };
  hours: number;
  radiusKm: number;
  licences: ('B' | 'C' | 'CQC' | 'AM')[];
  priority: PriorityTarget[];
  /** DID this many days before today (the long-term unemployed have one over a year old). */
  didDaysAgo: number;
  didSource: 'myanpal' | 'job_centre' | 'inps' | 'accredited_operator';
  noSharing?: boolean;
  worker: Worker;
  programme: 'GOL-LOM-DEMO' | 'DUL-DEMO';
  scenario: Scenario;
  /** Taken in charge this many days before today. */
  startedDaysAgo: number;
  extra?: 'overdue_appointment' | 'next_appointment' | 'referral' | 'citizen';
}

const MI = { code: '015146', cap: '20100' };
const R = (m: { code: string; cap: string }, address: string) => ({ ...m, address });
const SESTO = { code: '015209', cap: '20099' };
const MONZA = { code: '108033', cap: '20900' };
const LISSONE = { code: '108028', cap: '20851' };
const VIMERCATE = { code: '108050', cap: '20871' };
const BERGAMO = { code: '016024', cap: '24121' };
const SERIATE = { code: '016198', cap: '24068' };
const TREVIGLIO = { code: '016219', cap: '24047' };
const BRESCIA = { code: '017029', cap: '25121' };
const VARESE = { code: '012133', cap: '21100' };
const BUSTO = { code: '012026', cap: '21052' };
const COMO = { code: '013075', cap: '22100' };
const PAVIA = { code: '018110', cap: '27100' };
const LODI = { code: '098031', cap: '26900' };
const LECCO = { code: '097042', cap: '23900' };

const it = (level: 'native' = 'native') => ({ language: 'it', level });
const en = (level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1') => ({ language: 'en', level });

const PEOPLE: DemoPerson[] = [
  // The demo citizen (Francesca Ricci): her users.fiscal_code is RCCFNC85M41F205 + check character.
  {
    first: 'Francesca',
    last: 'Ricci',
    sex: 'F',
    birth: '1985-08-01',
    born: 'F205',
    residence: R(MI, 'Via Padova 112'),
    citizenship: 'IT',
    eqf: 6,
    languages: [it(), en('B2')],
    job: {
      esco: '4120.1',
      ateco: '69.20.01',
      employer: 'Studio Associato Fontana',
      title: 'Segretaria',
      yearsAgo: 1,
      months: 60,
    },
    hours: 30,
    radiusKm: 25,
    licences: ['B'],
    priority: ['woman_returning'],
    didDaysAgo: 75,
    didSource: 'myanpal',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'pact',
    startedDaysAgo: 45,
    extra: 'citizen',
  },
  {
    first: 'Marco',
    last: 'Colombo',
    sex: 'M',
    birth: '1971-03-14',
    born: 'F205',
    residence: R(SESTO, 'Viale Gramsci 45'),
    citizenship: 'IT',
    eqf: 3,
    languages: [it(), en('A2')],
    job: {
      esco: '7223.4',
      ateco: '28.41.00',
      employer: 'Officine Meccaniche Brambilla S.r.l.',
      title: 'Operatore CNC',
      yearsAgo: 1,
      months: 180,
    },
    hours: 40,
    radiusKm: 30,
    licences: ['B'],
    priority: ['over_50'],
    didDaysAgo: 120,
    didSource: 'inps',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'delivery',
    startedDaysAgo: 70,
    extra: 'next_appointment',
  },
  {
    first: 'Giulia',
    last: 'Bianchi',
    sex: 'F',
    birth: '2001-11-02',
    born: 'F704',
    residence: R(MONZA, 'Via Italia 18'),
    citizenship: 'IT',
    eqf: 4,
    languages: [it(), en('B1')],
    job: {
      esco: '5223.7.8',
      ateco: '47.71.10',
      employer: 'Moda Brianza S.r.l.',
      title: 'Commessa',
      yearsAgo: 1,
      months: 10,
    },
    hours: 40,
    radiusKm: 20,
    licences: ['B'],
    priority: ['neet_under_30'],
    didDaysAgo: 50,
    didSource: 'myanpal',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'taken',
    startedDaysAgo: 6,
  },
  {
    first: 'Ahmed',
    last: 'Benali',
    sex: 'M',
    birth: '1988-05-20',
    born: 'Z330',
    residence: R(MI, 'Via Giambellino 60'),
    citizenship: 'MA',
    eqf: 3,
    languages: [
      { language: 'ar', level: 'native' },
      { language: 'fr', level: 'B2' },
      { language: 'it', level: 'B1' },
    ],
    job: {
      esco: '9333.8',
      ateco: '52.10.10',
      employer: 'Logistica Padana S.p.A.',
      title: 'Magazziniere',
      yearsAgo: 2,
      months: 36,
    },
    hours: 40,
    radiusKm: 40,
    licences: ['B', 'C', 'CQC'],
    priority: ['migrant', 'long_term_unemployed'],
    didDaysAgo: 430,
    didSource: 'job_centre',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'assessed',
    startedDaysAgo: 42,
    extra: 'overdue_appointment',
  },
  {
    first: 'Luca',
    last: 'Ferrari',
    sex: 'M',
    birth: '1994-09-09',
    born: 'A794',
    residence: R(SERIATE, 'Corso Roma 27'),
    citizenship: 'IT',
    eqf: 6,
    languages: [it(), en('C1')],
    job: {
      esco: '3313.2',
      ateco: '69.20.03',
      employer: 'Studio Rota Commercialisti',
      title: 'Contabile',
      yearsAgo: 1,
      months: 40,
    },
    hours: 40,
    radiusKm: 35,
    licences: ['B'],
    priority: [],
    didDaysAgo: 90,
    didSource: 'myanpal',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'placed',
    startedDaysAgo: 85,
  },
  {
    first: 'Anna',
    last: 'Esposito',
    sex: 'F',
    birth: '1968-01-25',
    born: 'F839',
    residence: R(MI, 'Via Lorenteggio 150'),
    citizenship: 'IT',
    eqf: 2,
    languages: [it()],
    job: {
      esco: '9112.2',
      ateco: '81.21.00',
      employer: 'Pulizie Lombarde Soc. Coop.',
      title: 'Addetta alle pulizie',
      yearsAgo: 2,
      months: 96,
    },
    hours: 25,
    radiusKm: 10,
    licences: [],
    priority: ['over_50', 'long_term_unemployed', 'social_services'],
    didDaysAgo: 500,
    didSource: 'job_centre',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'suspended',
    startedDaysAgo: 100,
  },
  {
    first: 'Davide',
    last: 'Galli',
    sex: 'M',
    birth: '1990-07-04',
    born: 'F205',
    residence: R(LISSONE, 'Via Carducci 9'),
    citizenship: 'IT',
    eqf: 4,
    languages: [it(), en('A2')],
    job: {
      esco: '7411.1',
      ateco: '43.21.01',
      employer: 'Impianti Elettrici Sala S.n.c.',
      title: 'Elettricista',
      yearsAgo: 1,
      months: 72,
    },
    hours: 40,
    radiusKm: 50,
    licences: ['B'],
    priority: [],
    didDaysAgo: 110,
    didSource: 'accredited_operator',
    worker: 'luca',
    programme: 'DUL-DEMO',
    scenario: 'expiring',
    startedDaysAgo: 95,
  },
  {
    first: 'Sara',
    last: 'Moretti',
    sex: 'F',
    birth: '1979-12-12',
    born: 'B157',
    residence: R(BRESCIA, 'Via Milano 88'),
    citizenship: 'IT',
    eqf: 4,
    languages: [it(), en('B1')],
    job: {
      esco: '5230.1',
      ateco: '47.11.01',
      employer: 'Supermercati Lombardi S.p.A.',
      title: 'Cassiera',
      yearsAgo: 1,
      months: 84,
    },
    hours: 30,
    radiusKm: 15,
    licences: ['B'],
    priority: ['woman_returning'],
    didDaysAgo: 150,
    didSource: 'myanpal',
    worker: 'marta',
    programme: 'GOL-LOM-DEMO',
    scenario: 'closed',
    startedDaysAgo: 140,
  },
  {
    first: 'Andrei',
    last: 'Popescu',
    sex: 'M',
    birth: '1983-04-30',
    born: 'Z129',
    residence: R(VIMERCATE, 'Via Cavour 3'),
    citizenship: 'RO',
    eqf: 3,
    languages: [
      { language: 'ro', level: 'native' },
      { language: 'it', level: 'B2' },
    ],
    job: {
      esco: '7212.3',
      ateco: '25.11.00',
      employer: 'Carpenterie Brianzole S.r.l.',
      title: 'Saldatore',
      yearsAgo: 1,
      months: 100,
    },
    hours: 40,
    radiusKm: 40,
    licences: ['B', 'C'],
    priority: ['migrant'],
    didDaysAgo: 60,
    didSource: 'inps',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'pact',
    startedDaysAgo: 30,
    extra: 'referral',
  },
  {
    first: 'Chiara',
    last: 'Fontana',
    sex: 'F',
    birth: '1998-02-17',
    born: 'L682',
    residence: R(VARESE, 'Via Dandolo 21'),
    citizenship: 'IT',
    eqf: 5,
    languages: [it(), en('B2'), { language: 'de', level: 'A2' }],
    job: {
      esco: '5120.1',
      ateco: '10.71.10',
      employer: 'Panificio Varesino S.n.c.',
      title: 'Aiuto cuoca',
      yearsAgo: 1,
      months: 24,
    },
    hours: 35,
    radiusKm: 25,
    licences: ['B'],
    priority: ['neet_under_30'],
    didDaysAgo: 40,
    didSource: 'myanpal',
    worker: 'marta',
    programme: 'GOL-LOM-DEMO',
    scenario: 'taken',
    startedDaysAgo: 3,
  },
  {
    first: 'Roberto',
    last: 'Villa',
    sex: 'M',
    birth: '1965-06-08',
    born: 'C933',
    residence: R(COMO, 'Via Borgovico 40'),
    citizenship: 'IT',
    eqf: 3,
    languages: [it()],
    job: {
      esco: '7223.4',
      ateco: '25.62.00',
      employer: 'Serrature Lariane S.p.A.',
      title: 'Operatore macchine utensili',
      yearsAgo: 2,
      months: 240,
    },
    hours: 40,
    radiusKm: 20,
    licences: ['B'],
    priority: ['over_50', 'long_term_unemployed'],
    didDaysAgo: 420,
    didSource: 'inps',
    worker: 'marta',
    programme: 'DUL-DEMO',
    scenario: 'delivery',
    startedDaysAgo: 60,
  },
  {
    first: 'Elena',
    last: 'Conti',
    sex: 'F',
    birth: '1987-10-03',
    born: 'G388',
    residence: R(PAVIA, 'Corso Cavour 12'),
    citizenship: 'IT',
    eqf: 7,
    languages: [it(), en('C1'), { language: 'es', level: 'B1' }],
    job: {
      esco: '2635.3',
      ateco: '88.10.00',
      employer: 'Cooperativa Sociale Il Ponte',
      title: 'Assistente sociale',
      yearsAgo: 1,
      months: 48,
    },
    hours: 36,
    radiusKm: 40,
    licences: ['B'],
    priority: [],
    didDaysAgo: 35,
    didSource: 'myanpal',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'assessed',
    startedDaysAgo: 12,
  },
  {
    first: 'Matteo',
    last: 'Greco',
    sex: 'M',
    birth: '1999-08-22',
    born: 'G273',
    residence: R(BERGAMO, 'Via Broseta 70'),
    citizenship: 'IT',
    eqf: 4,
    languages: [it(), en('B1')],
    job: {
      esco: '5131.2',
      ateco: '56.30.01',
      employer: 'Bar Centrale di Bergamo',
      title: 'Cameriere',
      yearsAgo: 1,
      months: 18,
    },
    hours: 40,
    radiusKm: 30,
    licences: ['B', 'AM'],
    priority: ['neet_under_30'],
    didDaysAgo: 80,
    didSource: 'myanpal',
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'placed',
    startedDaysAgo: 75,
  },
  {
    first: 'Paola',
    last: 'Lombardi',
    sex: 'F',
    birth: '1975-05-11',
    born: 'E648',
    residence: R(LODI, 'Corso Archinti 5'),
    citizenship: 'IT',
    eqf: 4,
    languages: [it(), en('A2')],
    job: {
      esco: '4120.1',
      ateco: '82.20.00',
      employer: 'Contact Lodi S.r.l.',
      title: 'Operatrice di call center',
      yearsAgo: 1,
      months: 120,
    },
    hours: 30,
    radiusKm: 20,
    licences: ['B'],
    priority: ['over_50'],
    didDaysAgo: 100,
    didSource: 'accredited_operator',
    worker: 'marta',
    programme: 'GOL-LOM-DEMO',
    scenario: 'delivery',
    startedDaysAgo: 55,
  },
  {
    first: 'Arben',
    last: 'Hoxha',
    sex: 'M',
    birth: '1992-01-19',
    born: 'Z100',
    residence: R(TREVIGLIO, 'Viale Piave 33'),
    citizenship: 'AL',
    eqf: 3,
    languages: [
      { language: 'sq', level: 'native' },
      { language: 'it', level: 'C1' },
    ],
    job: {
      esco: '7112.1',
      ateco: '25.11.00',
      employer: 'Edilizia Bassa Bergamasca S.r.l.',
      title: 'Muratore',
      yearsAgo: 1,
      months: 60,
    },
    hours: 40,
    radiusKm: 50,
    licences: ['B', 'C'],
    priority: ['migrant'],
    didDaysAgo: 70,
    didSource: 'job_centre',
    worker: 'luca',
    programme: 'DUL-DEMO',
    scenario: 'pact',
    startedDaysAgo: 25,
  },
  {
    first: 'Silvia',
    last: 'Rinaldi',
    sex: 'F',
    birth: '1983-03-28',
    born: 'E507',
    residence: R(LECCO, 'Via Cavour 50'),
    citizenship: 'IT',
    eqf: 3,
    languages: [it()],
    job: {
      esco: '5141.1',
      ateco: '96.21.00',
      employer: 'Salone Stile di Lecco',
      title: 'Parrucchiera',
      yearsAgo: 3,
      months: 70,
    },
    hours: 20,
    radiusKm: 15,
    licences: ['B'],
    priority: ['woman_returning', 'disability_l68'],
    didDaysAgo: 400,
    didSource: 'myanpal',
    noSharing: true,
    worker: 'luca',
    programme: 'GOL-LOM-DEMO',
    scenario: 'delivery',
    startedDaysAgo: 50,
  },
  // Centro per l'Impiego di Milano (Sara Galli)
  {
    first: 'Giuseppe',
    last: 'Russo',
    sex: 'M',
    birth: '1963-09-15',
    born: 'A662',
    residence: R(MI, 'Via Novara 200'),
    citizenship: 'IT',
    eqf: 2,
    languages: [it()],
    job: {
      esco: '9333.8',
      ateco: '49.41.00',
      employer: 'Trasporti Milanesi S.r.l.',
      title: 'Magazziniere',
      yearsAgo: 2,
      months: 200,
    },
    hours: 40,
    radiusKm: 20,
    licences: ['B', 'C'],
    priority: ['over_50', 'long_term_unemployed'],
    didDaysAgo: 600,
    didSource: 'job_centre',
    worker: 'sara',
    programme: 'GOL-LOM-DEMO',
    scenario: 'assessed',
    startedDaysAgo: 40,
    extra: 'overdue_appointment',
  },
  {
    first: 'Martina',
    last: 'Costa',
    sex: 'F',
    birth: '2003-06-06',
    born: 'F205',
    residence: R(MI, 'Via Mecenate 77'),
    citizenship: 'IT',
    eqf: 4,
    languages: [it(), en('B2')],
    job: {
      esco: '5132.1.1',
      ateco: '56.30.01',
      employer: 'Caffè Navigli S.r.l.',
      title: 'Barista',
      yearsAgo: 1,
      months: 8,
    },
    hours: 40,
    radiusKm: 15,
    licences: [],
    priority: ['neet_under_30'],
    didDaysAgo: 30,
    didSource: 'myanpal',
    worker: 'sara',
    programme: 'GOL-LOM-DEMO',
    scenario: 'taken',
    startedDaysAgo: 8,
  },
  {
    first: 'Mohamed',
    last: 'Hassan',
    sex: 'M',
    birth: '1986-12-01',
    born: 'Z336',
    residence: R(MI, 'Via Padova 250'),
    citizenship: 'EG',
    eqf: 3,
    languages: [
      { language: 'ar', level: 'native' },
      { language: 'it', level: 'B1' },
      { language: 'en', level: 'A2' },
    ],
    job: {
      esco: '5120.1',
      ateco: '56.30.01',
      employer: 'Ristorante Da Nino',
      title: 'Cuoco',
      yearsAgo: 1,
      months: 50,
    },
    hours: 40,
    radiusKm: 20,
    licences: ['B'],
    priority: ['migrant'],
    didDaysAgo: 95,
    didSource: 'job_centre',
    worker: 'sara',
    programme: 'GOL-LOM-DEMO',
    scenario: 'delivery',
    startedDaysAgo: 65,
  },
  {
    first: 'Laura',
    last: 'Marino',
    sex: 'F',
    birth: '1977-02-09',
    born: 'H501',
    residence: R(MI, 'Via Ripamonti 180'),
    citizenship: 'IT',
    eqf: 6,
    languages: [it(), en('B2'), { language: 'fr', level: 'B1' }],
    job: {
      esco: '3313.2',
      ateco: '69.20.01',
      employer: 'Amministrazioni Condominiali Meda',
      title: 'Impiegata contabile',
      yearsAgo: 1,
      months: 150,
    },
    hours: 40,
    radiusKm: 25,
    licences: ['B'],
    priority: [],
    didDaysAgo: 60,
    didSource: 'myanpal',
    worker: 'sara',
    programme: 'GOL-LOM-DEMO',
    scenario: 'placed',
    startedDaysAgo: 58,
  },
  {
    first: 'Stefano',
    last: 'Bruno',
    sex: 'M',
    birth: '1969-10-21',
    born: 'F205',
    residence: R(MI, 'Viale Monza 140'),
    citizenship: 'IT',
    eqf: 3,
    languages: [it()],
    job: {
      esco: '7411.1',
      ateco: '43.21.01',
      employer: 'Elettroimpianti Milano S.r.l.',
      title: 'Elettricista',
      yearsAgo: 2,
      months: 220,
    },
    hours: 40,
    radiusKm: 30,
    licences: ['B'],
    priority: ['over_50', 'long_term_unemployed'],
    didDaysAgo: 450,
    didSource: 'inps',
    worker: 'sara',
    programme: 'DUL-DEMO',
    scenario: 'suspended',
    startedDaysAgo: 90,
  },
  {
    first: 'Valentina',
    last: 'Gallo',
    sex: 'F',
    birth: '1995-04-14',
    born: 'F205',
    residence: R(BUSTO, 'Via Milano 15'),
    citizenship: 'IT',
    eqf: 6,
    languages: [it(), en('C1')],
    job: {
      esco: '5223.7',
      ateco: '47.52.10',
      employer: 'Ferramenta Bustese S.n.c.',
      title: 'Commessa',
      yearsAgo: 1,
      months: 30,
    },
    hours: 40,
    radiusKm: 30,
    licences: ['B'],
    priority: [],
    didDaysAgo: 130,
    didSource: 'myanpal',
    worker: 'sara',
    programme: 'GOL-LOM-DEMO',
    scenario: 'closed',
    startedDaysAgo: 120,
  },
  {
    first: 'Olena',
    last: 'Kovalenko',
    sex: 'F',
    birth: '1984-07-07',
    born: 'Z138',
    residence: R(MI, 'Via Imbonati 66'),
    citizenship: 'UA',
    eqf: 6,
    languages: [
      { language: 'uk', level: 'native' },
      { language: 'ru', level: 'C1' },
      { language: 'it', level: 'A2' },
    ],
    job: {
      esco: '2635.3',
      ateco: '87.30.00',
      employer: 'RSA Villa dei Tigli',
      title: 'Operatrice socio-assistenziale',
      yearsAgo: 1,
      months: 14,
    },
    hours: 30,
    radiusKm: 20,
    licences: [],
    priority: ['migrant', 'woman_returning'],
    didDaysAgo: 45,
    didSource: 'job_centre',
    worker: 'sara',
    programme: 'GOL-LOM-DEMO',
    scenario: 'pact',
    startedDaysAgo: 20,
    extra: 'next_appointment',
  },
  {
    first: 'Alessandro',
    last: 'Ricci',
    sex: 'M',
    birth: '1996-11-30',
    born: 'F205',
    residence: R(MI, 'Via Gallarate 95'),
    citizenship: 'IT',
    eqf: 4,
    languages: [it(), en('B1')],
    job: {
      esco: '9333.8.1',
      ateco: '52.10.10',
      employer: 'Hub Logistico Nord S.p.A.',
      title: 'Addetto al picking',
      yearsAgo: 1,
      months: 20,
    },
    hours: 40,
    radiusKm: 35,
    licences: ['B'],
    priority: [],
    didDaysAgo: 25,
    didSource: 'myanpal',
    worker: 'sara',
    programme: 'DUL-DEMO',
    scenario: 'expiring',
    startedDaysAgo: 88,
  },
  {
    first: 'Federica',
    last: 'Mancini',
    sex: 'F',
    birth: '1991-09-18',
    born: 'D150',
    residence: R(MI, 'Via Washington 30'),
    citizenship: 'IT',
    eqf: 7,
    languages: [it(), en('C1')],
    job: {
      esco: '2635.3',
      ateco: '88.10.00',
      employer: 'Cooperativa Sociale Aurora',
      title: 'Educatrice',
      yearsAgo: 1,
      months: 36,
    },
    hours: 36,
    radiusKm: 20,
    licences: ['B'],
    priority: [],
    didDaysAgo: 20,
    didSource: 'myanpal',
    worker: 'sara',
    programme: 'GOL-LOM-DEMO',
    scenario: 'assessed',
    startedDaysAgo: 10,
  },
];

const PACT = PactContentInput.parse({
  jobSearchActs: [
    { description: 'Inviare candidature a offerte coerenti con il profilo', timing: 'almeno 3 a settimana' },
    { description: 'Aggiornare il curriculum sul portale regionale', timing: 'entro 15 giorni' },
    { description: 'Partecipare ai colloqui di selezione proposti', timing: 'a ogni convocazione' },
  ],
  meetingFrequencyDays: 30,
  searchProofMethod: 'Copia delle candidature inviate e registro delle attività di ricerca',
  availableForTraining: true,
  availableForWorkshops: true,
  acceptsSuitableOffers: true,
});

const ANSWERS = {
  goal_realism: 3,
  career_orientation: 4,
  willing_to_train: true,
  mobility: 2,
  search_activity: 3,
  needs_network_services: false,
};

const dayMs = 86_400_000;
const isoDaysAgo = (days: number) => todayInItaly(new Date(Date.now() - days * dayMs));

/** Case-worker actors for the demo users, as a session would build them. */
async function demoActors(db: Db) {
  const rows = await db
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
    .where(inArray(users.email, [OPERATOR_EMAIL, COLLEAGUE_EMAIL, CPI_EMAIL, CITIZEN_EMAIL]));
  const ctx = (email: string): Ctx => {
    const r = rows.find((x) => x.email === email);
    if (!r) throw new Error(`demo user ${email} is missing`);
    const actor: Actor = { ...r, sessionId: 'demo-seed' };
    return { actor, requestId: 'demo-seed', ip: null };
  };
  return { luca: ctx(OPERATOR_EMAIL), marta: ctx(COLLEAGUE_EMAIL), sara: ctx(CPI_EMAIL) };
}

/**
 * Seeds the paths when no person exists yet; returns whether it did. Called by seedDemoIfEmpty on
 * first start, after the organisations, users and illustrative programmes.
 */
export async function seedDemoPaths(database: Database): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('trama.demo_paths'))`);
    if (
      (
        await tx
          .select({ one: sql`1` })
          .from(people)
          .limit(1)
      ).length > 0
    )
      return false;
    await insertPaths(tx);
    return true;
  });
}

async function insertPaths(tx: Tx) {
  // The use cases take a Db; inside this transaction their own transactions become savepoints.
  const db = tx as unknown as Db;
  const ctx = await demoActors(db);
  const orgOf = (w: Worker) => ctx[w].actor.organizationId!;

  // Offices: the operator's seat and other offices (by name), CPI Milano's seat.
  const officeRows = await db
    .select({ id: offices.id, organizationId: offices.organizationId })
    .from(offices)
    .where(inArray(offices.organizationId, [orgOf('luca'), orgOf('sara')]))
    .orderBy(asc(offices.name));
  const officeOf = (w: Worker, i: number) => {
    const list = officeRows.filter((o) => o.organizationId === orgOf(w));
    return list[i % list.length]!.id;
  };

  const progRows = await db
    .select({ id: programmes.id, code: programmes.code })
    .from(programmes)
    .where(inArray(programmes.code, ['GOL-LOM-DEMO', 'DUL-DEMO']));
  const programmeId = new Map(progRows.map((p) => [p.code, p.id]));
  const lineRows = await db
    .select({
      id: programmeCatalogueLines.id,
      programmeId: programmeCatalogueLines.programmeId,
      code: programmeCatalogueLines.code,
    })
    .from(programmeCatalogueLines)
    .where(inArray(programmeCatalogueLines.programmeId, [...programmeId.values()]));
  const lineId = (programme: string, code: string) =>
    lineRows.find((l) => l.programmeId === programmeId.get(programme) && l.code === code)!.id;

  // ESCO occupations by code, and a few essential skills of each (one set-based query).
  const escoCodes = [...new Set(PEOPLE.map((p) => p.job.esco))];
  const occRows = await db
    .select({ id: refOccupations.id, code: refOccupations.code })
    .from(refOccupations)
    .where(inArray(refOccupations.code, escoCodes));
  const occupationId = new Map(occRows.map((o) => [o.code!, o.id]));
  const relations = occRows.length
    ? await db
        .select({ occupationId: refOccupationSkills.occupationId, skillId: refOccupationSkills.skillId })
        .from(refOccupationSkills)
        .where(
          and(
            inArray(
              refOccupationSkills.occupationId,
              occRows.map((o) => o.id),
            ),
            eq(refOccupationSkills.relation, 'essential'),
          ),
        )
        .orderBy(asc(refOccupationSkills.occupationId), asc(refOccupationSkills.skillId))
    : [];
  const skillsOf = (occ: number | undefined) =>
    relations
      .filter((r) => r.occupationId === occ)
      .slice(0, 4)
      .map((r) => r.skillId);

  const cpiOrganizationId = orgOf('sara');
  const started = new Map<string, number>(); // pathway id -> days ago

  for (const [i, p] of PEOPLE.entries()) {
    const owner = ctx[p.worker];
    const fiscalCode = buildFiscalCode({
      firstName: p.first,
      lastName: p.last,
      birthDate: p.birth,
      sex: p.sex,
      birthPlaceCode: p.born,
    });
    const occ = occupationId.get(p.job.esco);
    const lastJobEnd = new Date(Date.now() - p.job.yearsAgo * 120 * dayMs);
    const lastJobStart = new Date(lastJobEnd.getTime() - p.job.months * 30.4 * dayMs);
    const consents: ConsentPurpose[] = p.noSharing
      ? ['case_management', 'statistics']
      : ['case_management', 'network_sharing', 'company_matching', 'statistics'];
    const mailName = `${p.first}.${p.last}`.toLowerCase().replace(/[^a-z.]/g, '');
    const person = await createPerson(
      db,
      owner,
      PersonCreate.parse({
        fiscalCode,
        firstName: p.first,
        lastName: p.last,
        birthDate: p.birth,
        sex: p.sex,
        email: `${mailName}@posta.example`,
        phone: `+39 3${String(40 + (i % 9))} ${String(1_000_000 + i * 73_331).slice(-7)}`,
        residenceMunicipalityCode: p.residence.code,
        residenceAddress: p.residence.address,
        residencePostalCode: p.residence.cap,
        citizenship: p.citizenship,
        educationLevel: p.eqf,
        languages: p.languages,
        workHistory: [
          {
            employerName: p.job.employer,
            atecoCode: p.job.ateco,
            occupationId: occ ?? null,
            jobTitle: p.job.title,
            fromDate: todayInItaly(lastJobStart),
            toDate: todayInItaly(lastJobEnd),
          },
        ],
        skills: skillsOf(occ).map((skillId, k) => ({
          skillId,
          source: k === 0 ? 'verified' : 'declared',
        })),
        hoursPerWeek: p.hours,
        mobilityRadiusKm: p.radiusKm,
        drivingLicences: p.licences,
        priorityTargets: p.priority,
        didDate: isoDaysAgo(p.didDaysAgo),
        didSource: p.didSource,
        employmentStatus: 'unemployed',
        consents,
      }),
    );

    const programme = programmeId.get(p.programme)!;
    const pathway = await takeInCharge(db, owner, {
      personId: person.id,
      programmeId: programme,
      officeId: officeOf(p.worker, i),
      caseWorkerUserId: owner.actor.userId,
    });
    started.set(pathway.id, p.startedDaysAgo);

    if (p.extra === 'overdue_appointment') {
      // Held three days ago; nobody recorded whether the person came.
      await scheduleAppointment(db, owner, pathway.id, {
        scheduledAt: new Date(Date.now() - 3 * dayMs).toISOString(),
        durationMinutes: 45,
        channel: 'in_person',
        purpose: 'Colloquio di orientamento e firma del patto',
        location: 'Sportello, sala colloqui 2',
        notifiedAt: new Date(Date.now() - 12 * dayMs).toISOString(),
        notificationChannel: 'email',
      });
    }

    if (p.scenario === 'taken') continue;
    const proposal = await assessmentProposal(db, owner, pathway.id);
    await recordAssessment(
      db,
      owner,
      pathway.id,
      AssessmentInput.parse({
        questionnaireVersion: 'qual-1',
        answers: ANSWERS,
        confirmedPath: proposal.proposedPath,
        confirmedBand: proposal.proposedBand,
      }),
    );
    if (p.scenario === 'assessed') continue;

    const pact = await createPactVersion(db, owner, pathway.id, PACT);
    await signPact(db, owner, pathway.id, pact.version, {
      signer: 'person',
      method: p.extra === 'citizen' ? 'spid' : 'handwritten',
    });
    await signPact(db, owner, pathway.id, pact.version, { signer: 'operator', method: 'otp' });

    if (p.extra === 'next_appointment' || p.extra === 'citizen') {
      // An earlier meeting, attended, and the next one in a week.
      const past = await scheduleAppointment(db, owner, pathway.id, {
        scheduledAt: new Date(Date.now() - 5 * dayMs).toISOString(),
        durationMinutes: 60,
        channel: 'in_person',
        purpose: 'Colloquio di verifica del patto di servizio',
        location: 'Sportello, sala colloqui 1',
        notifiedAt: new Date(Date.now() - 15 * dayMs).toISOString(),
        notificationChannel: 'sms',
      });
      await recordAppointmentOutcome(db, owner, pathway.id, past.id, { outcome: 'attended' });
      await scheduleAppointment(db, owner, pathway.id, {
        scheduledAt: new Date(Date.now() + 7 * dayMs).toISOString(),
        durationMinutes: 45,
        channel: 'video',
        purpose: 'Aggiornamento sulla ricerca attiva',
        location: null,
        notificationChannel: 'email',
      });
    }
    if (p.extra === 'referral') {
      await createReferral(db, owner, {
        personId: person.id,
        toOrganizationId: cpiOrganizationId,
        pathwayId: pathway.id,
        reason:
          'Richiesta di valutazione per il collocamento mirato e per le offerte di lavoro gestite dal CPI di Milano',
        sharedSections: ['identity', 'contacts', 'education', 'work_history', 'skills'] as PersonSection[],
      });
    }
    if (p.scenario === 'pact') continue;

    if (p.scenario === 'closed') {
      await transition(db, owner, pathway.id, {
        action: 'close_without_outcome',
        reason: 'La persona si è trasferita fuori regione',
      });
      continue;
    }

    // A voucher with its individual plan, started some weeks ago.
    const gol = p.programme === 'GOL-LOM-DEMO';
    const expiring = p.scenario === 'expiring';
    const startDaysAgo = Math.max(5, p.startedDaysAgo - 20);
    const plan = gol
      ? [
          { catalogueLineId: lineId(p.programme, 'ORI-IND'), plannedUnits: 6 },
          { catalogueLineId: lineId(p.programme, 'ACC-LAV'), plannedUnits: 10 },
          { catalogueLineId: lineId(p.programme, 'FOR-UPS'), plannedUnits: 24 },
        ]
      : [
          { catalogueLineId: lineId(p.programme, 'PIC'), plannedUnits: 1 },
          { catalogueLineId: lineId(p.programme, 'ORI-IND'), plannedUnits: 8 },
          { catalogueLineId: lineId(p.programme, 'ORI-FOR'), plannedUnits: 20 },
        ];
    const voucher = await issueVoucher(db, owner, {
      pathwayId: pathway.id,
      startDate: isoDaysAgo(startDaysAgo),
      ...(expiring ? { endDate: isoDaysAgo(-12) } : {}),
      plan,
    });
    // Deliveries: recorded by the case worker, validated by a colleague (second person) for the older ones.
    const validator = p.worker === 'sara' ? null : p.worker === 'luca' ? ctx.marta : ctx.luca;
    const firstLine = voucher.plan.find((l) => l.code === (gol ? 'ORI-IND' : 'PIC'))!;
    const secondLine = voucher.plan.find((l) => l.code === (gol ? 'ACC-LAV' : 'ORI-IND'))!;
    const sessions = [
      { line: firstLine, units: gol ? 2 : 1, daysAgo: startDaysAgo - 1 },
      { line: secondLine, units: 2, daysAgo: Math.max(1, startDaysAgo - 8) },
      { line: secondLine, units: 2, daysAgo: Math.max(1, startDaysAgo - 15) },
    ].slice(0, p.extra === 'next_appointment' ? 3 : 2); // a longer history for one, enough for the others
    for (const [k, s] of sessions.entries()) {
      const d = await recordDelivery(db, owner, voucher.id, {
        planLineId: s.line.id,
        deliveredOn: isoDaysAgo(Math.max(0, s.daysAgo)),
        units: s.units,
        attendanceSigned: true,
        note: k === 0 ? 'Primo colloquio individuale' : null,
      });
      // The last one waits for validation; CPI Milano has a single demo case worker, so none validated there.
      if (validator && k < sessions.length - 1) await validateDelivery(db, validator, voucher.id, d.id);
    }

    if (p.scenario === 'suspended')
      await transition(db, owner, pathway.id, {
        action: 'suspend',
        reason: 'Ricovero ospedaliero: percorso sospeso fino al rientro',
      });
    if (p.scenario === 'placed')
      await recordPlacement(db, owner, pathway.id, {
        employerName: p.job.employer.replace(/^[^ ]+/, 'Nuova'),
        contractType: 'fixed_term',
        startDate: isoDaysAgo(4),
        expectedDurationDays: 365,
        hoursPerWeek: p.hours,
        note: 'Assunzione dopo il tirocinio di orientamento',
      });
  }

  await backdate(tx, started);
}

/**
 * Spreads each pathway's history over the days before today: taken in charge `daysAgo` days ago, each
 * timeline event after the previous one, dependent timestamps following their events. Set-based.
 */
async function backdate(tx: Tx, started: Map<string, number>) {
  const values = sql.join(
    [...started].map(([id, days]) => sql`(${id}::uuid, ${days}::int)`),
    sql`, `,
  );
  await tx.execute(sql`
    create temporary table demo_started (pathway_id uuid primary key, days int) on commit drop;
    `);
  await tx.execute(sql`insert into demo_started values ${values}`);
  // Timeline events. Steps with a date of their own follow it (appointments, deliveries, the voucher's
  // start); taking in charge, assessment and pact are spread over the first weeks; suspensions and
  // closures happened ten days ago, placements yesterday. Same-step events keep their order, minutes apart.
  await tx.execute(sql`
    with base as (
      select pathway_id, days,
             (date_trunc('day', now() at time zone 'Europe/Rome') - make_interval(days => days) + interval '9 hours')
               at time zone 'Europe/Rome' as t0,
             greatest(1, least(round(days * 0.1)::int, 7)) as a_day
        from demo_started
    ), dated as (
      select e.id,
        case
          when e.kind = 'appointment.scheduled' then ap.notified_at
          when e.kind = 'appointment.outcome' then ap.scheduled_at + make_interval(mins => ap.duration_minutes)
          when e.kind = 'delivery.recorded' then (d.delivered_on + interval '17 hours') at time zone 'Europe/Rome'
          when e.kind = 'delivery.validated'
            then least((d.delivered_on + interval '1 day 10 hours') at time zone 'Europe/Rome', now() - interval '1 hour')
          when e.kind in ('voucher.issued', 'transition.start_delivery')
            then (v.start_date + interval '10 hours') at time zone 'Europe/Rome'
          when e.kind in ('placement.recorded', 'transition.place') then now() - interval '1 day'
          when e.kind = 'referral.proposed' then now() - interval '2 days'
          when e.kind in ('transition.suspend', 'transition.close_without_outcome') then now() - interval '10 days'
          else b.t0 + make_interval(days => case
              when e.kind like 'assessment.%' or e.kind = 'transition.assess' then b.a_day
              when e.kind like 'pact.%' or e.kind = 'transition.sign_pact'
                then greatest(b.a_day + 1, least(round(b.days * 0.2)::int, 15))
              else 0 end)
            + (row_number() over (partition by e.pathway_id order by e.id)) * interval '4 minutes'
        end as at
      from pathway_events e
      join base b on b.pathway_id = e.pathway_id
      left join appointments ap on e.kind like 'appointment.%' and ap.id = (e.details ->> 'appointmentId')::uuid
      left join voucher_deliveries d on e.kind like 'delivery.%' and d.id = (e.details ->> 'deliveryId')::uuid
      left join vouchers v on v.pathway_id = e.pathway_id
    )
    update pathway_events e set at = dated.at from dated where dated.id = e.id`);
  await tx.execute(sql`
    update appointments a
       set created_at = a.notified_at,
           outcome_recorded_at = case when a.outcome is null then null
                                      else a.scheduled_at + make_interval(mins => a.duration_minutes + 30) end
      from demo_started s where s.pathway_id = a.pathway_id`);
  await tx.execute(sql`
    update pathways p
       set taken_in_charge_at = x.first_at, created_at = x.first_at,
           state_changed_at = x.last_transition_at,
           closed_at = case when p.closed_at is null then null else x.last_transition_at end,
           updated_at = x.last_at
      from (select e.pathway_id, min(e.at) as first_at, max(e.at) as last_at,
                   max(e.at) filter (where e.kind like 'transition.%') as last_transition_at
              from pathway_events e join demo_started s on s.pathway_id = e.pathway_id
             group by e.pathway_id) x
     where x.pathway_id = p.id`);
  await tx.execute(sql`
    update people pe
       set created_at = p.taken_in_charge_at - interval '1 hour', updated_at = p.taken_in_charge_at - interval '1 hour'
      from pathways p join demo_started s on s.pathway_id = p.id
     where p.person_id = pe.id`);
  await tx.execute(sql`
    update person_consents c set given_at = pe.created_at
      from people pe where pe.id = c.person_id and c.given_at > pe.created_at`);
  await tx.execute(sql`
    update person_access a set valid_from = pe.created_at, created_at = pe.created_at
      from people pe where pe.id = a.person_id and a.valid_from > pe.created_at`);
  await tx.execute(sql`
    update assessments a set assessed_at = x.at
      from (select pathway_id, max(at) as at from pathway_events where kind = 'transition.assess' group by pathway_id) x
     where x.pathway_id = a.pathway_id`);
  await tx.execute(sql`
    update pact_versions v
       set created_at = x.at - interval '12 minutes',
           person_signed_at = case when v.person_signed_at is null then null else x.at - interval '8 minutes' end,
           operator_signed_at = case when v.operator_signed_at is null then null else x.at - interval '4 minutes' end
      from (select pathway_id, max(at) as at from pathway_events where kind = 'transition.sign_pact' group by pathway_id) x
     where x.pathway_id = v.pathway_id`);
  await tx.execute(sql`
    update vouchers v set created_at = (v.start_date + interval '10 hours') at time zone 'Europe/Rome'
      from demo_started s where s.pathway_id = v.pathway_id`);
  await tx.execute(sql`
    update voucher_deliveries d
       set recorded_at = (d.delivered_on + interval '17 hours') at time zone 'Europe/Rome',
           validated_at = case when d.validated_at is null then null
                               else least((d.delivered_on + interval '1 day 10 hours') at time zone 'Europe/Rome',
                                          now() - interval '1 hour') end
      from vouchers v join demo_started s on s.pathway_id = v.pathway_id
     where v.id = d.voucher_id and d.kind = 'service'`);
  await tx.execute(sql`
    update referrals r set created_at = now() - interval '2 days', updated_at = now() - interval '2 days'
      from demo_started s where s.pathway_id = r.pathway_id`);
  await tx.execute(sql`
    update referral_events e set at = now() - interval '2 days'
      from referrals r join demo_started s on s.pathway_id = r.pathway_id where r.id = e.referral_id`);
}

/** How many people the demo follows (for tests). */
export const DEMO_PEOPLE_COUNT = PEOPLE.length;
