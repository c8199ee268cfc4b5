/**
 * Validation of imported rows (layout in IMPORT.md). Each valid row becomes one line of PostgreSQL
 * COPY text format for the staging table; each problem becomes an error with its line and column.
 * Hot path: plain loops, no per-row allocation beyond the output line.
 */
import crypto from 'node:crypto';
import { DID_SOURCES, DRIVING_LICENCES, EMPLOYMENT_STATUSES, PRIORITY_TARGETS } from '@trama/contracts';
import { normalizeSearch } from '../../platform/text';

export interface ImportRowError {
  line: number;
  field: string;
  code: string;
  message: string;
}

/** Logical fields and the column names accepted for each (Italian first, as in the SAP; English too). */
export const IMPORT_COLUMNS = {
  fiscalCode: ['codice_fiscale', 'fiscal_code'],
  lastName: ['cognome', 'last_name'],
  firstName: ['nome', 'first_name'],
  birthDate: ['data_nascita', 'birth_date'],
  sex: ['sesso', 'sex'],
  email: ['email'],
  phone: ['telefono', 'phone'],
  residenceMunicipalityCode: ['comune_residenza', 'residence_municipality_code'],
  residenceAddress: ['indirizzo_residenza', 'residence_address'],
  residencePostalCode: ['cap_residenza', 'residence_postal_code'],
  citizenship: ['cittadinanza', 'citizenship'],
  educationLevel: ['titolo_studio_eqf', 'education_level'],
  employmentStatus: ['condizione_occupazionale', 'employment_status'],
  didDate: ['data_did', 'did_date'],
  didSource: ['fonte_did', 'did_source'],
  hoursPerWeek: ['ore_settimanali', 'hours_per_week'],
  mobilityRadiusKm: ['raggio_mobilita_km', 'mobility_radius_km'],
  drivingLicences: ['patenti', 'driving_licences'],
  priorityTargets: ['target_prioritari', 'priority_targets'],
} as const;
export type ImportField = keyof typeof IMPORT_COLUMNS;
export const REQUIRED_FIELDS: readonly ImportField[] = [
  'fiscalCode',
  'lastName',
  'firstName',
  'employmentStatus',
];

/** Staging table columns, in COPY order. */
export const STAGING_COLUMNS = [
  'line',
  'id',
  'fiscal_code',
  'first_name',
  'last_name',
  'birth_date',
  'sex',
  'birth_place_code',
  'email',
  'phone',
  'residence_municipality_code',
  'residence_address',
  'residence_postal_code',
  'citizenship',
  'education_level',
  'hours_per_week',
  'mobility_radius_km',
  'driving_licences',
  'priority_targets',
  'did_date',
  'did_source',
  'employment_status',
  'search_text',
] as const;

/** people columns an import updates for each logical field present in the header. */
export const FIELD_COLUMNS: Record<ImportField, readonly string[]> = {
  fiscalCode: [],
  lastName: ['last_name'],
  firstName: ['first_name'],
  birthDate: [],
  sex: [],
  email: ['email'],
  phone: ['phone'],
  residenceMunicipalityCode: ['residence_municipality_code'],
  residenceAddress: ['residence_address'],
  residencePostalCode: ['residence_postal_code'],
  citizenship: ['citizenship'],
  educationLevel: ['education_level'],
  employmentStatus: ['employment_status'],
  didDate: ['did_date'],
  didSource: ['did_source'],
  hoursPerWeek: ['hours_per_week'],
  mobilityRadiusKm: ['mobility_radius_km'],
  drivingLicences: ['driving_licences'],
  priorityTargets: ['priority_targets'],
};

const EMPLOYMENT_ALIASES: Record<string, string> = {
  disoccupato: 'unemployed',
  disoccupata: 'unemployed',
  occupato: 'employed',
  occupata: 'employed',
  sottoccupato: 'underemployed',
  sottoccupata: 'underemployed',
  autonomo: 'self_employed',
  autonoma: 'self_employed',
  studente: 'student',
  studentessa: 'student',
  inattivo: 'inactive',
  inattiva: 'inactive',
};
const DID_ALIASES: Record<string, string> = {
  cpi: 'job_centre',
  centro_impiego: 'job_centre',
  operatore_accreditato: 'accredited_operator',
  altro: 'other',
};
const TARGET_ALIASES: Record<string, string> = {
  disabile_l68: 'disability_l68',
  disoccupato_lunga_durata: 'long_term_unemployed',
  neet: 'neet_under_30',
  over50: 'over_50',
  donna_rientro: 'woman_returning',
  migrante: 'migrant',
  servizi_sociali: 'social_services',
};
const enumMap = (values: readonly string[], aliases: Record<string, string>) => {
  const m = new Map<string, string>();
  for (const v of values) m.set(v, v);
  for (const [k, v] of Object.entries(aliases)) m.set(k, v);
  return m;
};
const EMPLOYMENT = enumMap(EMPLOYMENT_STATUSES, EMPLOYMENT_ALIASES);
const DID = enumMap(DID_SOURCES, DID_ALIASES);
const TARGETS = enumMap(PRIORITY_TARGETS, TARGET_ALIASES);
const LICENCES = new Set<string>(DRIVING_LICENCES);

export interface HeaderMapping {
  index: Partial<Record<ImportField, number>>;
  present: Set<ImportField>;
}

/** Maps the header row to fields; file-level errors for unknown, duplicate or missing columns. */
export function mapHeader(header: string[]): { mapping: HeaderMapping; errors: ImportRowError[] } {
  const byName = new Map<string, ImportField>();
  for (const [field, names] of Object.entries(IMPORT_COLUMNS))
    for (const n of names) byName.set(n, field as ImportField);
  const index: Partial<Record<ImportField, number>> = {};
  const errors: ImportRowError[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase().replace(/\s+/g, '_');
    if (!name) return;
    const field = byName.get(name);
    if (!field) {
      errors.push({
        line: 1,
        field: raw,
        code: 'unknown_column',
        message: `Unknown column "${raw}" (see IMPORT.md)`,
      });
      return;
    }
    if (index[field] !== undefined) {
      errors.push({
        line: 1,
        field: raw,
        code: 'duplicate_column',
        message: `Column "${raw}" appears twice`,
      });
      return;
    }
    index[field] = i;
  });
  for (const f of REQUIRED_FIELDS)
    if (index[f] === undefined)
      errors.push({
        line: 1,
        field: IMPORT_COLUMNS[f][0],
        code: 'missing_column',
        message: `Required column "${IMPORT_COLUMNS[f][0]}" is missing`,
      });
  return { mapping: { index, present: new Set(Object.keys(index) as ImportField[]) }, errors };
}

const NULL = '\\N';
const escCopy = (s: string) =>
  /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;

const nz = (s: string) => (s ? escCopy(s) : NULL);

const ASCII = /^[\x20-\x7e]*$/;
/** normalizeSearch, with a fast path for plain ASCII (same output). */
export function fastSearchText(s: string): string {
  if (!ASCII.test(s)) return normalizeSearch(s);
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * UUIDv7-style id (48-bit millisecond time, then random): new people's ids arrive in order, so the
 * primary key index grows at its right edge instead of splitting random pages.
 */
export function timeOrderedUuid(now = Date.now()): string {
  const ts = now.toString(16).padStart(12, '0');
  const r = crypto.randomUUID();
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${r.slice(15)}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+() ./-]{5,40}$/;
const DIGITS6 = /^\d{6}$/;
const CAP = /^\d{5}$/;
const ISO2 = /^[A-Za-z]{2}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const IT_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** 'YYYY-MM-DD' from ISO or Italian (DD/MM/YYYY) notation; null if not a real date. */
export function parseDate(s: string): string | null {
  let y: number, m: number, d: number;
  let r = ISO_DATE.exec(s);
  if (r) {
    y = +r[1]!;
    m = +r[2]!;
    d = +r[3]!;
  } else {
    r = IT_DATE.exec(s);
    if (!r) return null;
    d = +r[1]!;
    m = +r[2]!;
    y = +r[3]!;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCDate() !== d) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function parseIntIn(s: string, min: number, max: number): number | null {
  if (!/^\d{1,4}$/.test(s)) return null;
  const n = +s;
  return n >= min && n <= max ? n : null;
}

const splitList = (s: string) =>
  s
    .split(/[|,;]/)
    .map((x) => x.trim())
    .filter(Boolean);

const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const MONTH_OF = new Int8Array(128).fill(0);
'ABCDEHLMPRST'.split('').forEach((c, i) => (MONTH_OF[c.charCodeAt(0)] = i + 1));
/** Digit value of a position that may hold a digit or its omocodia letter (L..V), or -1. */
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) DIGIT_OF[48 + i] = i;
'LMNPQRSTUV'.split('').forEach((c, i) => (DIGIT_OF[c.charCodeAt(0)] = i));
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLetter = (c: number) => c >= 65 && c <= 90;

/**
 * Same result as isValidPersonFiscalCode + decodePersonFiscalCode (contracts/fiscal.ts) for an
 * upper-case code, in one pass without regular expressions (the import validates millions of them).
 * Null when the code is not valid.
 */
export function decodeFiscalCodeFast(
  v: string,
  currentYY: number,
): { birthDate: string; sex: 'F' | 'M'; birthPlaceCode: string } | null {
  if (v.length !== 16) return null;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = v.charCodeAt(i);
    let value: number;
    if (isLetter(c)) {
      if (i >= 6 && i !== 8 && i !== 11 && !(DIGIT_OF[c]! >= 0)) return null;
      value = c - 65;
      if (i % 2 === 0) value = ODD[value]!;
    } else if (c >= 48 && c <= 57) {
      if (i < 6 || i === 8 || i === 11) return null;
      value = c - 48;
      if (i % 2 === 0) value = ODD[value]!;
    } else return null;
    sum += value;
  }
  const check = v.charCodeAt(15);
  if (!isLetter(check) || check - 65 !== sum % 26) return null;
  const month = MONTH_OF[v.charCodeAt(8)]!;
  if (month === 0) return null;
  const yy = DIGIT_OF[v.charCodeAt(6)]! * 10 + DIGIT_OF[v.charCodeAt(7)]!;
  let day = DIGIT_OF[v.charCodeAt(9)]! * 10 + DIGIT_OF[v.charCodeAt(10)]!;
  const sex = day > 40 ? 'F' : 'M';
  if (day > 40) day -= 40;
  const year = (yy > currentYY ? 1900 : 2000) + yy;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day < 1 || day > (month === 2 && !leap ? 28 : DAYS[month - 1]!)) return null;
  const place =
    v[11]! + DIGIT_OF[v.charCodeAt(12)]! + DIGIT_OF[v.charCodeAt(13)]! + DIGIT_OF[v.charCodeAt(14)]!;
  return {
    birthDate: `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`,
    sex,
    birthPlaceCode: place,
  };
}

export interface ValidRow {
  line: number;
  fiscalCode: string;
  /** One line of COPY text format (no trailing newline). */
  copy: string;
}

export class RowValidator {
  private readonly idx: Partial<Record<ImportField, number>>;
  private readonly seen = new Map<string, number>();
  private readonly today = new Date().toISOString().slice(0, 10);
  private readonly currentYY = new Date().getUTCFullYear() % 100;

  constructor(
    private readonly mapping: HeaderMapping,
    private readonly municipalities: ReadonlySet<string>,
    private readonly header: string[],
  ) {
    this.idx = mapping.index;
  }

  private col(f: ImportField): string {
    return this.header[this.idx[f]!] ?? IMPORT_COLUMNS[f][0];
  }

  private get(fields: string[], f: ImportField): string {
    const i = this.idx[f];
    if (i === undefined) return '';
    const v = fields[i];
    return v === undefined ? '' : v.trim();
  }

  private err(errors: ImportRowError[], line: number, f: ImportField, code: string, message: string) {
    errors.push({ line, field: this.col(f), code, message });
  }

  /** Validates one row: pushes errors, returns the staged row when valid. */
  validate(line: number, fields: string[], errors: ImportRowError[]): ValidRow | null {
    const before = errors.length;

    // identity
    const fiscalCode = this.get(fields, 'fiscalCode').toUpperCase();
    let birthDate = '';
    let sex = '';
    let birthPlace = '';
    if (!fiscalCode) this.err(errors, line, 'fiscalCode', 'required', 'The fiscal code is required');
    else {
      const d = decodeFiscalCodeFast(fiscalCode, this.currentYY);
      if (d === null)
        this.err(errors, line, 'fiscalCode', 'fiscal_code_invalid', 'The fiscal code is not valid');
      else {
        birthDate = d.birthDate;
        sex = d.sex;
        birthPlace = d.birthPlaceCode;
        const first = this.seen.get(fiscalCode);
        if (first !== undefined)
          this.err(
            errors,
            line,
            'fiscalCode',
            'duplicate_in_file',
            `The same fiscal code is already on line ${first}`,
          );
        else this.seen.set(fiscalCode, line);
      }
    }
    const lastName = this.get(fields, 'lastName');
    const firstName = this.get(fields, 'firstName');
    if (!lastName) this.err(errors, line, 'lastName', 'required', 'The surname is required');
    else if (lastName.length > 120) this.err(errors, line, 'lastName', 'too_long', 'At most 120 characters');
    if (!firstName) this.err(errors, line, 'firstName', 'required', 'The name is required');
    else if (firstName.length > 120)
      this.err(errors, line, 'firstName', 'too_long', 'At most 120 characters');
    const bd = this.get(fields, 'birthDate');
    if (bd) {
      const parsed = parseDate(bd);
      if (!parsed) this.err(errors, line, 'birthDate', 'date_invalid', 'Use YYYY-MM-DD or DD/MM/YYYY');
      else if (birthDate && parsed !== birthDate) {
        if (
          parsed.slice(4) === birthDate.slice(4) &&
          Math.abs(+parsed.slice(0, 4) - +birthDate.slice(0, 4)) === 100
        )
          birthDate = parsed;
        else this.err(errors, line, 'birthDate', 'fiscal_code_mismatch', `The fiscal code says ${birthDate}`);
      }
    }
    const sx = this.get(fields, 'sex').toUpperCase();
    if (sx) {
      if (sx !== 'M' && sx !== 'F') this.err(errors, line, 'sex', 'invalid', 'Use M or F');
      else if (sex && sx !== sex)
        this.err(errors, line, 'sex', 'fiscal_code_mismatch', `The fiscal code says ${sex}`);
    }
    // contacts
    const email = this.get(fields, 'email');
    if (email && (email.length > 254 || !EMAIL.test(email)))
      this.err(errors, line, 'email', 'email_invalid', 'Not an e-mail address');
    const phone = this.get(fields, 'phone');
    if (phone && !PHONE.test(phone)) this.err(errors, line, 'phone', 'phone_invalid', 'Not a phone number');
    // residence
    const municipality = this.get(fields, 'residenceMunicipalityCode');
    if (municipality) {
      if (!DIGITS6.test(municipality))
        this.err(
          errors,
          line,
          'residenceMunicipalityCode',
          'municipality_code_invalid',
          'Use the 6-digit ISTAT code',
        );
      else if (!this.municipalities.has(municipality))
        this.err(
          errors,
          line,
          'residenceMunicipalityCode',
          'municipality_not_found',
          `No municipality with ISTAT code ${municipality}`,
        );
    }
    const address = this.get(fields, 'residenceAddress');
    if (address.length > 200)
      this.err(errors, line, 'residenceAddress', 'too_long', 'At most 200 characters');
    const cap = this.get(fields, 'residencePostalCode');
    if (cap && !CAP.test(cap))
      this.err(errors, line, 'residencePostalCode', 'postal_code_invalid', 'Use 5 digits');
    const citizenship = this.get(fields, 'citizenship').toUpperCase();
    if (citizenship && !ISO2.test(citizenship))
      this.err(errors, line, 'citizenship', 'country_code_invalid', 'Use the ISO 3166 two-letter code');
    // education, availability
    const eqfRaw = this.get(fields, 'educationLevel');
    const eqf = eqfRaw ? parseIntIn(eqfRaw, 1, 8) : null;
    if (eqfRaw && eqf === null)
      this.err(errors, line, 'educationLevel', 'eqf_invalid', 'Use an EQF level from 1 to 8');
    const hoursRaw = this.get(fields, 'hoursPerWeek');
    const hours = hoursRaw ? parseIntIn(hoursRaw, 0, 168) : null;
    if (hoursRaw && hours === null)
      this.err(errors, line, 'hoursPerWeek', 'out_of_range', 'Use a whole number from 0 to 168');
    const radiusRaw = this.get(fields, 'mobilityRadiusKm');
    const radius = radiusRaw ? parseIntIn(radiusRaw, 0, 1000) : null;
    if (radiusRaw && radius === null)
      this.err(errors, line, 'mobilityRadiusKm', 'out_of_range', 'Use a whole number from 0 to 1000');
    const licencesRaw = this.get(fields, 'drivingLicences');
    let licences = '{}';
    if (licencesRaw) {
      const list = [...new Set(splitList(licencesRaw.toUpperCase()))];
      const bad = list.filter((l) => !LICENCES.has(l));
      if (bad.length)
        this.err(errors, line, 'drivingLicences', 'licence_invalid', `Unknown licence: ${bad.join(', ')}`);
      else licences = `{${list.join(',')}}`;
    }
    const targetsRaw = this.get(fields, 'priorityTargets');
    let targets = '{}';
    if (targetsRaw) {
      const list = splitList(targetsRaw.toLowerCase());
      const mapped = [...new Set(list.map((t) => TARGETS.get(t)))];
      if (mapped.includes(undefined))
        this.err(
          errors,
          line,
          'priorityTargets',
          'target_invalid',
          `Unknown priority target in "${targetsRaw}"`,
        );
      else targets = `{${mapped.join(',')}}`;
    }
    // employment
    const statusRaw = this.get(fields, 'employmentStatus').toLowerCase();
    const status = EMPLOYMENT.get(statusRaw);
    if (!statusRaw)
      this.err(errors, line, 'employmentStatus', 'required', 'The employment status is required');
    else if (!status)
      this.err(errors, line, 'employmentStatus', 'invalid', `Unknown employment status "${statusRaw}"`);
    const didRaw = this.get(fields, 'didDate');
    const didDate = didRaw ? parseDate(didRaw) : null;
    if (didRaw && !didDate) this.err(errors, line, 'didDate', 'date_invalid', 'Use YYYY-MM-DD or DD/MM/YYYY');
    else if (didDate && didDate > this.today)
      this.err(errors, line, 'didDate', 'date_in_future', 'The DID date is in the future');
    const didSourceRaw = this.get(fields, 'didSource').toLowerCase();
    const didSource = didSourceRaw ? DID.get(didSourceRaw) : undefined;
    if (didSourceRaw && !didSource)
      this.err(errors, line, 'didSource', 'invalid', `Unknown DID source "${didSourceRaw}"`);
    if (!didRaw !== !didSourceRaw)
      this.err(
        errors,
        line,
        didRaw ? 'didSource' : 'didDate',
        'did_date_and_source_together',
        'Give both the DID date and its source',
      );

    if (errors.length > before) return null;
    const copy =
      line +
      '\t' +
      timeOrderedUuid() +
      '\t' +
      fiscalCode +
      '\t' +
      escCopy(firstName) +
      '\t' +
      escCopy(lastName) +
      '\t' +
      birthDate +
      '\t' +
      sex +
      '\t' +
      birthPlace +
      '\t' +
      nz(email) +
      '\t' +
      nz(phone) +
      '\t' +
      nz(municipality) +
      '\t' +
      nz(address) +
      '\t' +
      nz(cap) +
      '\t' +
      nz(citizenship) +
      '\t' +
      (eqf ?? NULL) +
      '\t' +
      (hours ?? NULL) +
      '\t' +
      (radius ?? NULL) +
      '\t' +
      licences +
      '\t' +
      targets +
      '\t' +
      (didDate ?? NULL) +
      '\t' +
      (didSource ?? NULL) +
      '\t' +
      status +
      '\t' +
      escCopy(fastSearchText(`${firstName} ${lastName} ${fiscalCode}`));
    return { line, fiscalCode, copy };
  }
}
