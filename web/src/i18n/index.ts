import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCompany from './en.company.json';
import enDashboards from './en.dashboards.json';
import en from './en.json';
import enSubmissions from './en.submissions.json';

export const SUPPORTED_LOCALES = ['en', 'ar'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
const STORAGE_KEY = 'masar.locale';

export function directionOf(locale: string): 'rtl' | 'ltr' {
  return locale.startsWith('ar') ? 'rtl' : 'ltr';
}

function initialLocale(): AppLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ar') return saved;
  } catch {
    // storage may be unavailable (privacy mode)
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return nav.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

function applyDocumentLocale(locale: string) {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** The Arabic catalogs load on demand, so English readers do not download them with the first page. */
async function ensureLocale(locale: AppLocale): Promise<void> {
  if (locale !== 'ar' || i18n.hasResourceBundle('ar', 'translation')) return;
  const [ar, arSubmissions, arDashboards, arCompany] = await Promise.all([
    import('./ar.json'),
    import('./ar.submissions.json'),
    import('./ar.dashboards.json'),
    import('./ar.company.json'),
  ]);
  i18n.addResourceBundle(
    'ar',
    'translation',
    deepMerge(ar.default, arSubmissions.default, arDashboards.default, arCompany.default),
  );
}

export function setLocale(locale: AppLocale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore
  }
  void ensureLocale(locale).then(() => i18n.changeLanguage(locale));
}

type Catalog = { [key: string]: string | Catalog };

/** Merges extra catalogs (one per feature) into a language's main one: nested keys merge, leaves win. */
function deepMerge(base: Catalog, ...extras: Catalog[]): Catalog {
  const out: Catalog = { ...base };
  for (const extra of extras) {
    for (const [key, value] of Object.entries(extra)) {
      const current = out[key];
      out[key] = typeof value === 'object' && typeof current === 'object' ? deepMerge(current, value) : value;
    }
  }
  return out;
}

const initial = initialLocale();
void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: deepMerge(en, enSubmissions, enDashboards, enCompany) },
  },
  lng: 'en',
  partialBundledLanguages: true,
  fallbackLng: 'en',
  supportedLngs: SUPPORTED_LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLocale(i18n.language);
i18n.on('languageChanged', applyDocumentLocale);

/** Resolves once the reader's language is loaded (the app renders after it, so Arabic never flashes English). */
export const i18nReady: Promise<unknown> = ensureLocale(initial).then(() =>
  initial === 'en' ? undefined : i18n.changeLanguage(initial),
);

/** Translate a server message key (e.g. `errors.slug.taken`), falling back to a generic message. */
export function translateServerMessage(key: string | undefined | null): string {
  if (key && i18n.exists(key)) return i18n.t(key);
  return i18n.t('errors.generic');
}

export default i18n;
