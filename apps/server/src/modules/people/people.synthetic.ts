/**
 * Realistic synthetic Italian people for tests, the demo and the import benchmark: names, a codice
 * fiscale built by the official algorithm (with its check character), birth date and sex matching it.
 * Deterministic for a given seed.
 */
import { personFiscalCodeCheckChar } from '@trama/contracts';

export const MALE_NAMES = [
  'Marco',
  'Luca',
  'Giuseppe',
  'Francesco',
  'Alessandro',
  'Andrea',
  'Matteo',
  'Lorenzo',
  'Davide',
  'Simone',
  'Federico',
  'Riccardo',
  'Stefano',
  'Paolo',
  'Giovanni',
  'Roberto',
  'Antonio',
  'Fabio',
  'Nicola',
  'Emanuele',
  'Tommaso',
  'Gabriele',
  'Mattia',
  'Pietro',
  'Alberto',
  'Claudio',
  'Massimo',
  'Daniele',
  'Enrico',
  'Filippo',
];
export const FEMALE_NAMES = [
  'Giulia',
  'Chiara',
  'Francesca',
  'Sara',
  'Martina',
  'Valentina',
  'Alessia',
  'Elisa',
  'Federica',
  'Silvia',
  'Laura',
  'Anna',
  'Elena',
  'Paola',
  'Roberta',
  'Cristina',
  'Monica',
  'Ilaria',
  'Beatrice',
  'Sofia',
  'Aurora',
  'Giorgia',
  'Alice',
  'Marta',
  'Caterina',
  'Serena',
  'Daniela',
  'Barbara',
  'Simona',
  'Noemi',
];
export const SURNAMES = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Mancini',
  'Costa',
  'Giordano',
  'Rizzo',
  'Lombardi',
  'Moretti',
  'Barbieri',
  'Fontana',
  'Santoro',
  'Mariani',
  'Rinaldi',
  'Caruso',
  'Ferrara',
  'Galli',
  'Martini',
  'Leone',
  'Longo',
  'Gentile',
  'Martinelli',
  'Vitale',
  'Lombardo',
  'Serra',
  'Coppola',
  'De Santis',
  "D'Angelo",
  'Marchetti',
  'Parisi',
  'Villa',
  'Conte',
  'Ferraro',
  'Ferri',
  'Fabbri',
  'Bianco',
  'Marini',
  'Grasso',
  'Valentini',
  'Brambilla',
  'Cattaneo',
  'Sala',
  'Pozzi',
  'Galbiati',
  'Riva',
  'Mauri',
  'Crippa',
  'Fumagalli',
  'Redaelli',
];

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
const lettersOf = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();

function surnameCode(surname: string): string {
  const l = lettersOf(surname);
  const cons = [...l].filter((c) => !VOWELS.has(c));
  const vows = [...l].filter((c) => VOWELS.has(c));
  return [...cons, ...vows, 'X', 'X', 'X'].slice(0, 3).join('');
}

function nameCode(name: string): string {
  const l = lettersOf(name);
  const cons = [...l].filter((c) => !VOWELS.has(c));
  const vows = [...l].filter((c) => VOWELS.has(c));
  if (cons.length >= 4) return cons[0]! + cons[2]! + cons[3]!;
  return [...cons, ...vows, 'X', 'X', 'X'].slice(0, 3).join('');
}

const MONTHS = 'ABCDEHLMPRST';

/** Builds a codice fiscale from its parts (birthDate 'YYYY-MM-DD', birthPlaceCode e.g. 'F205'). */
export function buildFiscalCode(p: {
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: 'F' | 'M';
  birthPlaceCode: string;
}): string {
  const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  const day = String(p.sex === 'F' ? d + 40 : d).padStart(2, '0');
  const first15 =
    surnameCode(p.lastName) +
    nameCode(p.firstName) +
    String(y % 100).padStart(2, '0') +
    MONTHS[m - 1] +
    day +
    p.birthPlaceCode.toUpperCase();
  return first15 + personFiscalCodeCheckChar(first15);
}

export { prng } from '../../platform/random';

export interface SyntheticPerson {
  fiscalCode: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: 'F' | 'M';
}

/**
 * The n-th synthetic person. Fiscal codes are unique for n < 17,000 x birthPlaces.length: the birth
 * date and place are drawn from n itself (a day x place grid), so a million rows never collide.
 */
export function syntheticPerson(
  n: number,
  birthPlaces: readonly string[],
  rand: () => number = Math.random,
): SyntheticPerson {
  const sex: 'F' | 'M' = rand() < 0.5 ? 'F' : 'M';
  const firstName = (sex === 'F' ? FEMALE_NAMES : MALE_NAMES)[Math.floor(rand() * 30)]!;
  const lastName = SURNAMES[Math.floor(rand() * SURNAMES.length)]!;
  // 17,000 days of birth dates (1960-2006) x places.
  const places = birthPlaces.length;
  const dayIndex = Math.floor(n / places) % 17_000;
  const place = birthPlaces[n % places]!;
  const date = new Date(Date.UTC(1960, 0, 1) + dayIndex * 86_400_000);
  const birthDate = date.toISOString().slice(0, 10);
  const fiscalCode = buildFiscalCode({ firstName, lastName, birthDate, sex, birthPlaceCode: place });
  return { fiscalCode, firstName, lastName, birthDate, sex };
}
