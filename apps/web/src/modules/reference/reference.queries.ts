import type { AtecoItem, Place } from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';
import type { ComboboxOption } from '../../components/combobox';

export type PlaceItem = z.infer<typeof Place>;
export type Ateco = z.infer<typeof AtecoItem>;

const LIMIT = 20;

export async function searchMunicipalities(q: string, signal: AbortSignal): Promise<ComboboxOption[]> {
  const places = await api.get<PlaceItem[] | { items: PlaceItem[] }>(
    '/reference/places',
    { kind: 'municipality', q, limit: LIMIT },
    signal,
  );
  return itemsOf(places).map(municipalityOption);
}

export const municipalityOption = (p: {
  code: string;
  name: string;
  provinceAbbreviation?: string | null;
}): ComboboxOption => ({
  value: p.code,
  label: p.provinceAbbreviation ? `${p.name} (${p.provinceAbbreviation})` : p.name,
});

export async function searchProvinces(q: string, signal: AbortSignal): Promise<ComboboxOption[]> {
  const places = await api.get<PlaceItem[] | { items: PlaceItem[] }>(
    '/reference/places',
    { kind: 'province', q, limit: LIMIT },
    signal,
  );
  return itemsOf(places).map((p) => ({
    value: p.provinceAbbreviation ?? p.code,
    label: p.provinceAbbreviation ? `${p.name} (${p.provinceAbbreviation})` : p.name,
    description: p.regionName,
  }));
}

export function searchAteco(lang: string) {
  return async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
    const items = await api.get<Ateco[] | { items: Ateco[] }>(
      '/reference/ateco',
      { q, limit: LIMIT },
      signal,
    );
    return itemsOf(items).map((a) => atecoOption(a.code, lang === 'en' && a.titleEn ? a.titleEn : a.titleIt));
  };
}

export const atecoOption = (code: string, title: string | null): ComboboxOption => ({
  value: code,
  label: title ? `${code} – ${title}` : code,
});

/** The look-ups answer a plain array; accept a page object too. */
function itemsOf<T>(r: T[] | { items: T[] }): T[] {
  return Array.isArray(r) ? r : r.items;
}
