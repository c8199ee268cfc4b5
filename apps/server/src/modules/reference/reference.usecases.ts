import type { z } from 'zod';
import type {
  AtecoItem,
  AtecoQuery,
  OccupationDetail,
  OccupationItem,
  OccupationQuery,
  Place,
  PlacesQuery,
  ProfessionItem,
  ProfessionQuery,
  ReferenceLang,
  SkillItem,
  SkillQuery,
} from '@trama/contracts';
import type { DbOrTx } from '../../platform/db';
import { occupationNotFound, placeNotFound } from './reference.errors';
import * as repo from './reference.repository';
import { VERSIONS } from './reference.sources';

// Reference look-ups: public to every signed-in user, no personal data (so no audit entry).

type In<T extends z.ZodType> = z.output<T>;

const pick = (lang: ReferenceLang, it: string | null, en: string | null) =>
  (lang === 'it' ? (it ?? en) : (en ?? it)) ?? '';

export async function searchPlaces(db: DbOrTx, q: In<typeof PlacesQuery>): Promise<{ items: Place[] }> {
  return { items: await repo.searchPlaces(db, { ...q, version: VERSIONS.territory }) };
}

export async function getPlace(db: DbOrTx, code: string): Promise<Place> {
  const kind = code.length === 6 ? 'municipality' : code.length === 3 ? 'province' : 'region';
  const place = await repo.findPlace(db, kind, code);
  if (!place) throw placeNotFound(code);
  return place;
}

const COVERAGE = { TOTALE: 'total', PARZIALE: 'partial' } as const;

export async function searchAteco(db: DbOrTx, q: In<typeof AtecoQuery>): Promise<{ items: AtecoItem[] }> {
  const found = await repo.searchAteco(db, q);
  return {
    items: found.map((a) => ({
      ...a,
      correspondences: a.correspondences.map((c) => ({
        ...c,
        coverage: COVERAGE[c.coverage as keyof typeof COVERAGE] ?? null,
      })),
    })),
  };
}

const occupationItem = (lang: ReferenceLang, o: repo.OccupationRecord) => ({
  ...o,
  label: pick(lang, o.labelIt, o.labelEn),
});

export async function searchOccupations(
  db: DbOrTx,
  q: In<typeof OccupationQuery>,
): Promise<{ items: In<typeof OccupationItem>[] }> {
  const found = await repo.searchOccupations(db, { ...q, version: VERSIONS.esco });
  return { items: found.map((o) => occupationItem(q.lang, o)) };
}

export async function getOccupation(
  db: DbOrTx,
  id: number,
  lang: ReferenceLang,
): Promise<In<typeof OccupationDetail>> {
  const o = await repo.findOccupation(db, id);
  if (!o) throw occupationNotFound(id);
  const skills = o.skills
    .map((s) => ({
      id: s.id,
      uri: s.uri,
      label: pick(lang, s.labelIt, s.labelEn),
      skillType: s.skillType,
      relation: s.relation,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, lang) || a.id - b.id);
  const strip = ({ relation: _r, ...s }: (typeof skills)[number]) => s;
  return {
    ...occupationItem(lang, o),
    description: lang === 'it' ? (o.descriptionIt ?? o.descriptionEn) : (o.descriptionEn ?? o.descriptionIt),
    iscoGroupLabel: lang === 'it' ? (o.iscoLabelIt ?? o.iscoLabelEn) : (o.iscoLabelEn ?? o.iscoLabelIt),
    essentialSkills: skills.filter((s) => s.relation === 'essential').map(strip),
    optionalSkills: skills.filter((s) => s.relation === 'optional').map(strip),
  };
}

export async function searchSkills(
  db: DbOrTx,
  q: In<typeof SkillQuery>,
): Promise<{ items: In<typeof SkillItem>[] }> {
  const found = await repo.searchSkills(db, { ...q, version: VERSIONS.esco });
  return { items: found.map((s) => ({ ...s, label: pick(q.lang, s.labelIt, s.labelEn) })) };
}

export async function searchProfessions(
  db: DbOrTx,
  q: In<typeof ProfessionQuery>,
): Promise<{ items: In<typeof ProfessionItem>[] }> {
  return { items: await repo.searchProfessions(db, { ...q, version: VERSIONS.cp2021 }) };
}
