import { ProgrammeInput, type ProfilingRules } from '@trama/contracts';
import type { Db } from '../../platform/db';
import { findProgrammeByCode } from './programmes.repository';
import { createProgrammeRecord } from './programmes.usecases';

/**
 * Demo programmes with ILLUSTRATIVE parameters. What is verified (see shared/data/programmes): the five
 * GOL paths; up to 150 training hours in GOL path 2 in Lombardy; Dote Unica Lavoro bands 1 (3 months),
 * 2 and 3 (6 months), 4 "altro aiuto" (6 months); the result rule of a contract of at least 180 days.
 * NOT found in any source, hence invented here and flagged `illustrative`: band caps, unit costs
 * (UCS), service codes, profiling coefficients and thresholds.
 */

/** Illustrative profiling: higher score = further from the labour market. Not the ANPAL model. */
export const ILLUSTRATIVE_RULES: ProfilingRules = {
  factors: [
    {
      kind: 'range',
      key: 'age',
      label: 'Età',
      input: 'age',
      bands: [
        { max: 29, points: 6 },
        { min: 30, max: 44, points: 0 },
        { min: 45, max: 54, points: 8 },
        { min: 55, points: 14 },
      ],
      missingPoints: 0,
    },
    {
      kind: 'range',
      key: 'months_unemployed',
      label: 'Mesi dalla DID',
      input: 'monthsUnemployed',
      bands: [
        { max: 5, points: 0 },
        { min: 6, max: 11, points: 10 },
        { min: 12, max: 23, points: 18 },
        { min: 24, points: 25 },
      ],
      missingPoints: 0,
    },
    {
      kind: 'range',
      key: 'education',
      label: 'Titolo di studio (EQF)',
      input: 'educationLevel',
      bands: [
        { max: 2, points: 12 },
        { min: 3, max: 4, points: 5 },
        { min: 5, points: 0 },
      ],
      missingPoints: 8,
    },
    {
      kind: 'range',
      key: 'last_job',
      label: "Mesi dall'ultimo lavoro",
      input: 'monthsSinceLastJob',
      bands: [
        { max: 6, points: 0 },
        { min: 7, max: 24, points: 6 },
        { min: 25, points: 10 },
      ],
      missingPoints: 12,
    },
    {
      kind: 'value',
      key: 'sex',
      label: 'Genere',
      input: 'sex',
      values: [{ value: 'F', points: 3 }],
      missingPoints: 0,
    },
    {
      kind: 'flags',
      key: 'priority',
      label: 'Target prioritari',
      input: 'priorityTargets',
      points: {
        disability_l68: 12,
        long_term_unemployed: 6,
        neet_under_30: 4,
        over_50: 4,
        woman_returning: 4,
        migrant: 5,
        social_services: 10,
      },
      cap: 20,
    },
  ],
  pathThresholds: [
    { minScore: 0, path: 1 },
    { minScore: 20, path: 2 },
    { minScore: 40, path: 3 },
  ],
  bandThresholds: [
    { minScore: 0, band: 1 },
    { minScore: 20, band: 2 },
    { minScore: 40, band: 3 },
  ],
  flagPaths: [{ flag: 'social_services', path: 4 }],
};

const ILLUSTRATIVE_NOTE =
  'Parametri illustrativi per dimostrazione: massimali, costi unitari (UCS), codici dei servizi e coefficienti di profilazione NON provengono da atti ufficiali (non reperiti). Illustrative parameters for demonstration only.';

export const ILLUSTRATIVE_PROGRAMMES: ProgrammeInput[] = [
  ProgrammeInput.parse({
    code: 'GOL-LOM-DEMO',
    name: 'GOL Lombardia (parametri illustrativi)',
    description:
      'Garanzia di Occupabilità dei Lavoratori (PNRR M5C1). Percorsi 1-5: reinserimento, aggiornamento, riqualificazione, lavoro e inclusione, ricollocazione collettiva.',
    status: 'active',
    illustrative: true,
    sourceNote: `${ILLUSTRATIVE_NOTE} Verificato: i 5 percorsi GOL; fino a 150 ore di formazione nel percorso 2 in Lombardia (D.g.r. 923/2023: fino a 140 ore nel percorso 1).`,
    minNoticeHours: 24,
    pactDeadlineDays: 30,
    voucherExpiryWarningDays: 30,
    handoverDays: 30,
    resultMinContractDays: 180,
    questionnaireVersion: 'qual-1',
    bands: [
      { band: 1, name: 'Intensità bassa', capCents: 120_000, durationMonths: 3 },
      { band: 2, name: 'Intensità media', capCents: 250_000, durationMonths: 6 },
      { band: 3, name: 'Intensità alta', capCents: 400_000, durationMonths: 6 },
    ],
    catalogue: [
      {
        code: 'ORI-IND',
        name: 'Orientamento specialistico individuale',
        paymentMode: 'per_unit',
        unit: 'hour',
        unitCostCents: 3_550,
        maxUnitsPerVoucher: 8,
      },
      {
        code: 'ORI-GRP',
        name: 'Orientamento di gruppo',
        paymentMode: 'per_unit',
        unit: 'hour',
        unitCostCents: 1_200,
        maxUnitsPerVoucher: 12,
      },
      {
        code: 'ACC-LAV',
        name: 'Accompagnamento al lavoro',
        paymentMode: 'per_unit',
        unit: 'hour',
        unitCostCents: 3_400,
        maxUnitsPerVoucher: 20,
      },
      {
        code: 'FOR-UPS',
        name: 'Formazione breve (upskilling)',
        paymentMode: 'per_unit',
        unit: 'hour',
        unitCostCents: 1_500,
        maxUnitsPerVoucher: 150,
      },
      {
        code: 'INS-LAV',
        name: 'Inserimento lavorativo (a risultato)',
        paymentMode: 'on_result',
        unit: 'lump_sum',
        unitCostCents: 80_000,
        maxUnitsPerVoucher: 1,
      },
    ],
    rules: ILLUSTRATIVE_RULES,
  }),
  ProgrammeInput.parse({
    code: 'DUL-DEMO',
    name: 'Dote Unica Lavoro (parametri illustrativi)',
    description:
      'Dote Unica Lavoro, Regione Lombardia: fasce di intensità di aiuto che fissano valore e durata della dote.',
    status: 'active',
    illustrative: true,
    sourceNote: `${ILLUSTRATIVE_NOTE} Verificato (fasi fino al 2017): fascia 1 durata 3 mesi, fasce 2 e 3 durata 6 mesi, fascia 4 "altro aiuto" 6 mesi; la dote termina con un contratto di almeno 180 giorni.`,
    minNoticeHours: 48,
    pactDeadlineDays: 30,
    voucherExpiryWarningDays: 30,
    handoverDays: 30,
    resultMinContractDays: 180,
    questionnaireVersion: 'qual-1',
    bands: [
      { band: 1, name: 'Intensità di aiuto bassa', capCents: 100_000, durationMonths: 3 },
      { band: 2, name: 'Intensità di aiuto media', capCents: 200_000, durationMonths: 6 },
      { band: 3, name: 'Intensità di aiuto alta', capCents: 300_000, durationMonths: 6 },
      { band: 4, name: 'Altro aiuto (riqualificazione)', capCents: 150_000, durationMonths: 6 },
    ],
    catalogue: [
      {
        code: 'PIC',
        name: 'Presa in carico',
        paymentMode: 'per_unit',
        unit: 'lump_sum',
        unitCostCents: 5_000,
        maxUnitsPerVoucher: 1,
      },
      {
        code: 'ORI-IND',
        name: 'Orientamento individuale',
        paymentMode: 'per_unit',
        unit: 'hour',
        unitCostCents: 3_300,
        maxUnitsPerVoucher: 10,
      },
      {
        code: 'ORI-FOR',
        name: 'Orientamento di gruppo e formazione',
        paymentMode: 'per_unit',
        unit: 'hour',
        unitCostCents: 1_400,
        maxUnitsPerVoucher: 60,
      },
      {
        code: 'INS-LAV',
        name: 'Inserimento lavorativo (a risultato)',
        paymentMode: 'on_result',
        unit: 'lump_sum',
        unitCostCents: 100_000,
        maxUnitsPerVoucher: 1,
      },
      {
        code: 'TIR',
        name: 'Tirocinio (a risultato)',
        paymentMode: 'on_result',
        unit: 'lump_sum',
        unitCostCents: 40_000,
        maxUnitsPerVoucher: 1,
      },
    ],
    rules: {
      ...ILLUSTRATIVE_RULES,
      bandThresholds: [
        { minScore: 0, band: 1 },
        { minScore: 20, band: 2 },
        { minScore: 40, band: 3 },
      ],
    },
  }),
];

/** Creates the illustrative programmes that do not exist yet (by code). Returns the codes created. */
export async function ensureIllustrativeProgrammes(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const p of ILLUSTRATIVE_PROGRAMMES) {
    if (await findProgrammeByCode(db, p.code)) continue;
    await createProgrammeRecord(db, p, null);
    created.push(p.code);
  }
  return created;
}
