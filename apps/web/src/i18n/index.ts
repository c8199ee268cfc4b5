import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import it from './it.json';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'trama.lang';

const isLanguage = (v: unknown): v is Language => v === 'it' || v === 'en';

function readStoredLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** Italian ships with the first page; English is fetched the first time it is chosen. */
async function ensureBundle(lng: Language) {
  if (i18n.hasResourceBundle(lng, 'translation')) return;
  const mod = lng === 'en' ? await import('./en.json') : { default: it };
  i18n.addResourceBundle(lng, 'translation', mod.default, true, true);
}

function applyToDocument(lng: string) {
  document.documentElement.lang = lng;
}

export async function initI18n() {
  await i18n.use(initReactI18next).init({
    resources: { it: { translation: it } },
    lng: 'it',
    fallbackLng: 'it',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  i18n.on('languageChanged', applyToDocument);
  applyToDocument('it');
  const stored = readStoredLanguage();
  if (stored && stored !== 'it') await setLanguage(stored, false);
}

/** Switch the UI language; `remember` keeps the choice for the next visits on this browser. */
export async function setLanguage(lng: Language, remember = true) {
  await ensureBundle(lng);
  await i18n.changeLanguage(lng);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
}

/** The user's saved locale applies unless this browser already has an explicit choice. */
export async function adoptUserLocale(locale: string) {
  if (!readStoredLanguage() && isLanguage(locale) && locale !== i18n.language)
    await setLanguage(locale, false);
}

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'it');

export { i18n };
