import i18n, { type ParseKeys, type TOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAnalysis from './en.analysis.json';
import enCompany from './en.company.json';
import enDashboards from './en.dashboards.json';
import en from './en.json';
import enSettings from './en.settings.json';
import enSubmissions from './en.submissions.json';

export const SUPPORTED_LOCALES = ['en', 'ar'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
const STORAGE_KEY = 'masar.locale';
const DIGITS_KEY = 'masar.digits';

/** Digits in Arabic text: the Unicode `nu` keyword, Western 0-9 ('latn', the default) or Arabic-Indic ٠-٩ ('arab'). */
export type DigitsChoice = 'latn' | 'arab';
export const DEFAULT_DIGITS: DigitsChoice = 'latn';

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
  const [ar, arSubmissions, arAnalysis, arDashboards, arCompany, arSettings] = await Promise.all([
    import('./ar.json'),
    import('./ar.submissions.json'),
    import('./ar.analysis.json'),
    import('./ar.dashboards.json'),
    import('./ar.company.json'),
    import('./ar.settings.json'),
  ]);
  i18n.addResourceBundle(
    'ar',
    'translation',
    deepMerge(
      ar.default,
      arSubmissions.default,
      arAnalysis.default,
      arDashboards.default,
      arCompany.default,
      arSettings.default,
    ),
  );
}

/** The language this device remembers (chosen while logged out, or last applied), if any. */
export function rememberedLocale(): AppLocale | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' || saved === 'ar' ? saved : null;
  } catch {
    return null;
  }
}

/**
 * Switches the language at once (no reload; the Arabic catalogs load first if needed).
 * `remember: false` applies a default (the organisation's) without recording it as this device's choice.
 */
export function setLocale(locale: AppLocale, opts: { remember?: boolean } = {}): Promise<unknown> {
  if (opts.remember !== false) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // ignore
    }
  }
  if (i18n.language === locale) return Promise.resolve();
  return ensureLocale(locale).then(() => i18n.changeLanguage(locale));
}

// ---------------------------------------------------------------- digits

function initialDigits(): DigitsChoice {
  try {
    const saved = localStorage.getItem(DIGITS_KEY);
    if (saved === 'latn' || saved === 'arab') return saved;
  } catch {
    // ignore
  }
  return DEFAULT_DIGITS;
}

let digits: DigitsChoice = initialDigits();
const digitListeners = new Set<() => void>();

export function currentDigits(): DigitsChoice {
  return digits;
}

/** Applies a digits choice (null = the default) everywhere at once, and remembers it on this device. */
export function setDigits(choice: DigitsChoice | null) {
  const next = choice ?? DEFAULT_DIGITS;
  try {
    localStorage.setItem(DIGITS_KEY, next);
  } catch {
    // ignore
  }
  if (next === digits) return;
  digits = next;
  for (const listener of digitListeners) listener();
  // Translated messages format their numbers too: re-render every t() user as on a language change.
  i18n.emit('languageChanged', i18n.language);
}

export function subscribeDigits(listener: () => void): () => void {
  digitListeners.add(listener);
  return () => digitListeners.delete(listener);
}

/**
 * The BCP 47 tag every Intl formatter uses: English as is; Arabic as Egyptian Arabic with the
 * reader's digits (`ar-EG-u-nu-latn` or `ar-EG-u-nu-arab`).
 */
export function intlLocaleFor(language: string, choice: DigitsChoice = digits): string {
  return language.startsWith('ar') ? `ar-EG-u-nu-${choice}` : 'en';
}

/** The time zone dates are shown in when no organisation's zone applies. */
export const DEFAULT_TIME_ZONE = 'Africa/Cairo';

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
    en: { translation: deepMerge(en, enSubmissions, enAnalysis, enDashboards, enCompany, enSettings) },
  },
  lng: 'en',
  partialBundledLanguages: true,
  fallbackLng: 'en',
  supportedLngs: SUPPORTED_LOCALES,
  interpolation: {
    escapeValue: false,
    // Every number interpolated into a message ({{count}}, {{total}} …) is written in the reader's
    // language and digits (Western or Arabic-Indic), so no caller can forget to.
    alwaysFormat: true,
    format: (value, format, lng) =>
      typeof value === 'number' && !format
        ? new Intl.NumberFormat(intlLocaleFor(lng ?? i18n.language)).format(value)
        : value,
  },
  returnNull: false,
});
applyDocumentLocale(i18n.language);
i18n.on('languageChanged', applyDocumentLocale);

/** Resolves once the reader's language is loaded (the app renders after it, so Arabic never flashes English). */
export const i18nReady: Promise<unknown> = ensureLocale(initial).then(() =>
  initial === 'en' ? undefined : i18n.changeLanguage(initial),
);

/** A key of the English catalogues: `t()` accepts only these (i18next `CustomTypeOptions`, i18next.d.ts). */
export type TranslationKey = ParseKeys;

/**
 * A key that comes from data (a server message, a stored kind, an analysis signal) is checked at
 * run time instead: the key when the catalogues have it, else null.
 */
export function knownKey(key: string | undefined | null, options?: TOptions): TranslationKey | null {
  return key && i18n.exists(key, options) ? (key as TranslationKey) : null;
}

/** Translate a server message key (e.g. `errors.slug.taken`), falling back to a generic message. */
export function translateServerMessage(key: string | undefined | null): string {
  const known = knownKey(key);
  return known ? i18n.t(known) : i18n.t('errors.generic');
}

export default i18n;
