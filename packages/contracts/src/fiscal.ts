/**
 * Italian fiscal identifiers with check-digit validation.
 * - Partita IVA / numeric codice fiscale of legal entities: 11 digits, Luhn-style check digit.
 * - Codice fiscale of natural persons: 16 characters, check character per DM 23/12/1976 (omocodia allowed).
 */

export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = value.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === value.charCodeAt(10) - 48;
}

const ODD_VALUES: Record<string, number> = {};
const EVEN_VALUES: Record<string, number> = {};
(() => {
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  for (let i = 0; i < 10; i++) {
    ODD_VALUES[String(i)] = odd[i]!;
    EVEN_VALUES[String(i)] = i;
  }
  for (let i = 0; i < 26; i++) {
    const ch = String.fromCharCode(65 + i);
    ODD_VALUES[ch] = odd[i]!;
    EVEN_VALUES[ch] = i;
  }
})();

const PERSON_CF_SHAPE =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export function personFiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i]!;
    sum += i % 2 === 0 ? ODD_VALUES[ch]! : EVEN_VALUES[ch]!;
  }
  return String.fromCharCode(65 + (sum % 26));
}

export function isValidPersonFiscalCode(value: string): boolean {
  const v = value.toUpperCase();
  if (!PERSON_CF_SHAPE.test(v)) return false;
  return personFiscalCodeCheckChar(v.slice(0, 15)) === v[15];
}

const OMOCODIA: Record<string, string> = {
  L: '0',
  M: '1',
  N: '2',
  P: '3',
  Q: '4',
  R: '5',
  S: '6',
  T: '7',
  U: '8',
  V: '9',
};
const MONTHS = 'ABCDEHLMPRST';

/** Birth date and sex encoded in a person's codice fiscale (century inferred: not in the future). */
export function decodePersonFiscalCode(
  value: string,
  today: Date = new Date(),
): { birthDate: string; sex: 'F' | 'M'; birthPlaceCode: string } | null {
  const v = value.toUpperCase();
  if (!isValidPersonFiscalCode(v)) return null;
  const digits = (s: string) => s.replace(/[LMNPQRSTUV]/g, (c) => OMOCODIA[c]!);
  const yy = Number(digits(v.slice(6, 8)));
  const month = MONTHS.indexOf(v[8]!) + 1;
  let day = Number(digits(v.slice(9, 11)));
  const sex = day > 40 ? 'F' : 'M';
  if (day > 40) day -= 40;
  const currentYY = today.getUTCFullYear() % 100;
  const century = yy > currentYY ? 1900 : 2000;
  const year = century + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const place = v[11]! + digits(v.slice(12, 15));
  return { birthDate, sex, birthPlaceCode: place };
}

/** An organisation's codice fiscale: 11 digits (legal entity) or 16 characters (sole trader). */
export function isValidOrganizationFiscalCode(value: string): boolean {
  return /^\d{11}$/.test(value) ? isValidPartitaIva(value) : isValidPersonFiscalCode(value);
}
