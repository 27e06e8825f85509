import { BUILTIN_ROADMAP, type Locale } from '@masar/shared';
import i18next from 'i18next';
import ar from './ar.json';
import en from './en.json';

/**
 * The server's own messages (emails, digests, CSV exports) in English and Arabic. One i18next
 * instance with the catalogs next to this file; CLDR plural rules come from `Intl.PluralRules`
 * (Arabic: zero/one/two/few/many/other), numbers in `{{count, number}}` from `Intl.NumberFormat`.
 * tRPC errors are not here: they travel as `errors.*` keys that the web app translates.
 */
export const SERVER_LOCALES = ['en', 'ar'] as const satisfies readonly Locale[];
export type ServerLocale = (typeof SERVER_LOCALES)[number];

export const catalogs = { en, ar } as const;

const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: en }, ar: { translation: ar } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...SERVER_LOCALES],
  initAsync: false,
  showSupportNotice: false,
  returnNull: false,
  interpolation: { escapeValue: false },
});

/** The untyped `t` (keys are checked by tests/unit/server-i18n.test.ts, not by the compiler). */
const translate = instance.t.bind(instance) as unknown as (key: string, options: Record<string, unknown>) => string;

export function isServerLocale(value: unknown): value is ServerLocale {
  return typeof value === 'string' && (SERVER_LOCALES as readonly string[]).includes(value);
}

/**
 * The language to write to someone in: the first supported one of, in order, the user's own
 * `users.locale`, the organisation's `default_locale`, and English.
 */
export function resolveLocale(...candidates: Array<string | null | undefined>): ServerLocale {
  for (const c of candidates) if (isServerLocale(c)) return c;
  return 'en';
}

/** First strong (Unicode) isolate … pop: keeps a Latin name or repository in order inside Arabic text. */
function isolate(value: string) {
  return `\u2068${value}\u2069`;
}

/**
 * Parameters that carry text people typed (names, titles, repositories): isolated in Arabic.
 * Translated fragments and links stay bare (mail clients must still recognise a URL).
 */
const USER_TEXT = new Set(['name', 'actor', 'inviter', 'org', 'cohort', 'title', 'repo', 'skill']);

export type Params = Record<string, string | number | null | undefined>;

/**
 * `t('ar', 'digest.learner.overdueCount', { count: 3 })`. In Arabic, the parameters people typed
 * (see USER_TEXT) are wrapped in Unicode isolates so mixed-direction text reads correctly.
 */
export function t(locale: ServerLocale, key: string, params: Params = {}): string {
  const options: Record<string, unknown> = { lng: locale };
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) options[k] = '';
    else options[k] = locale === 'ar' && typeof v === 'string' && USER_TEXT.has(k) ? isolate(v) : v;
  }
  return translate(key, options);
}

/** The translation of `key` if the catalog has it, else `fallback` (an unknown enum value, a custom category). */
export function tOr(locale: ServerLocale, key: string, fallback: string): string {
  return instance.exists(key, { lng: locale }) ? t(locale, key) : fallback;
}

/** A calendar day (`YYYY-MM-DD`, no time or zone) as that same day, e.g. "Nov 1, 2026" / "01‏/11‏/2026". */
export function formatDay(locale: ServerLocale, isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

const builtinSkillTitles = new Map(BUILTIN_ROADMAP.skills.map((s) => [s.key, s.title]));

/**
 * A skill's title for the reader: built-in skills (unedited, `builtinKey` set) in the reader's
 * language from the built-in roadmap, others as their organisation wrote them.
 */
export function skillTitle(locale: ServerLocale, row: { title: string; builtinKey?: string | null }): string {
  const builtin = row.builtinKey ? builtinSkillTitles.get(row.builtinKey) : undefined;
  return builtin ? builtin[locale] : row.title;
}
