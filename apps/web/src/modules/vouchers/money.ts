const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'it-IT');

/** Integer euro cents -> "1.234,50 €" / "€1,234.50". */
export function formatCents(cents: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Units (hours, sessions) with at most two decimals, in the UI language. */
export function formatUnits(units: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(units);
}

/** "2,5" or "2.5" -> 2.5; NaN when it is not a number. */
export function parseDecimal(text: string): number {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return Number.NaN;
  return Number(t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t);
}
