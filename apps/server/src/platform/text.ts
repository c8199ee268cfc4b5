/**
 * Search normalisation shared by writes and queries: lower case, accents removed, punctuation
 * folded to spaces. Stored in `search_text` columns indexed with pg_trgm, so "Citta" finds "Città"
 * on PGlite and PostgreSQL alike without depending on the unaccent dictionary.
 */
export function normalizeSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
