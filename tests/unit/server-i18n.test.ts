import fs from 'node:fs';
import path from 'node:path';
import { progressStatus, reviewDecision, skillRating } from '@masar/drizzle';
import {
  formatDay,
  NOTIFICATION_KINDS,
  PROGRESS_COLUMNS,
  REVIEW_COLUMNS,
  resolveLocale,
  serverCatalogs,
  serverT,
} from '@masar/server';
import { ROLES, SKILL_CATEGORIES } from '@masar/shared';
import { describe, expect, it } from 'vitest';

/**
 * The server's own catalogs (server/src/i18n/en.json + ar.json): emails, digests, CSV exports.
 * The web app's catalogs are checked by i18n-catalogs.test.ts.
 */
const root = path.resolve(import.meta.dirname, '../..');
const FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  return new Map(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v] as const] : [...flatten(v, `${prefix}${k}.`)],
    ),
  );
}
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const en = flatten(serverCatalogs.en as Tree);
const ar = flatten(serverCatalogs.ar as Tree);
const enBase = new Set([...en.keys()].map(base));

function sources(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? sources(p) : /\.ts$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Keys built from a template (`csv.status.${status}`): every value the code can put in. */
const DYNAMIC: Record<string, readonly string[]> = {
  'notification.*.subject': NOTIFICATION_KINDS,
  'notification.*.body': NOTIFICATION_KINDS,
  'roles.*': ROLES,
  'csv.progress.*': PROGRESS_COLUMNS,
  'csv.reviews.*': REVIEW_COLUMNS,
  'csv.status.*': [...progressStatus.enumValues, 'not_started'],
  'csv.decision.*': reviewDecision.enumValues,
  'csv.rating.*': skillRating.enumValues,
  'categories.*': SKILL_CATEGORIES,
};

describe('server i18n catalogs', () => {
  it('English and Arabic have the same keys (plural forms aside)', () => {
    const arBase = new Set([...ar.keys()].map(base));
    expect(
      [...enBase].filter((k) => !arBase.has(k)),
      'missing in Arabic',
    ).toEqual([]);
    expect(
      [...arBase].filter((k) => !enBase.has(k)),
      'missing in English',
    ).toEqual([]);
  });

  it('plural keys: English has one and other, Arabic all six forms', () => {
    const plurals = [...new Set([...en.keys(), ...ar.keys()].filter((k) => base(k) !== k).map(base))];
    expect(plurals.length).toBeGreaterThan(5);
    const missing = [
      ...plurals.flatMap((b) => ['one', 'other'].map((f) => `${b}_${f}`)).filter((k) => !en.has(k)),
      ...plurals.flatMap((b) => FORMS.map((f) => `${b}_${f}`)).filter((k) => !ar.has(k)),
    ];
    expect(missing).toEqual([]);
    // a key is either plural or not, in both languages
    expect([...en.keys()].filter((k) => base(k) === k && plurals.includes(k))).toEqual([]);
  });

  it('Arabic uses the same placeholders as English (a count may be spelled out)', () => {
    const vars = (text: string | undefined) =>
      [...(text ?? '').matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!).filter((v) => v !== 'count');
    const differing: string[] = [];
    for (const key of enBase) {
      const enVars = new Set([...en].filter(([k]) => base(k) === key).flatMap(([, v]) => vars(v)));
      const arVars = new Set([...ar].filter(([k]) => base(k) === key).flatMap(([, v]) => vars(v)));
      if ([...enVars].sort().join() !== [...arVars].sort().join()) differing.push(key);
    }
    expect(differing).toEqual([]);
  });

  it('every key the server passes to t() or tOr() exists; template keys are enumerated here', () => {
    const missing: string[] = [];
    const templates = new Set<string>();
    let literal = 0;
    for (const file of sources(path.join(root, 'server/src'))) {
      const text = fs.readFileSync(file, 'utf8');
      const where = path.relative(root, file);
      for (const m of text.matchAll(/\b(?:t|tOr)\(\s*\w+,\s*'([^']+)'/g)) {
        literal++;
        if (!enBase.has(m[1]!)) missing.push(`${where}: ${m[1]}`);
      }
      for (const m of text.matchAll(/\b(?:t|tOr)\(\s*\w+,\s*\w+\s*\?\s*'([^']+)'\s*:\s*'([^']+)'/g)) {
        for (const key of [m[1]!, m[2]!]) if (!enBase.has(key)) missing.push(`${where}: ${key}`);
      }
      for (const m of text.matchAll(/\b(?:t|tOr)\(\s*\w+,\s*`([^`]+)`/g)) {
        templates.add(m[1]!.replace(/\$\{[^}]+\}/g, '*'));
      }
    }
    expect(literal).toBeGreaterThan(20);
    expect(
      [...templates].filter((tpl) => !(tpl in DYNAMIC)),
      'template keys not enumerated in DYNAMIC',
    ).toEqual([]);
    for (const [tpl, values] of Object.entries(DYNAMIC)) {
      for (const v of values) {
        const key = tpl.replace('*', v);
        if (!enBase.has(key)) missing.push(`${tpl}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('server t()', () => {
  it('picks the CLDR plural form: Arabic zero, one, two, few, many, other', () => {
    const days = (n: number) => serverT('ar', 'common.daysAgo', { count: n });
    expect([0, 1, 2, 3, 11, 100].map(days)).toEqual([
      'اليوم',
      'منذ يوم واحد',
      'منذ يومين',
      'منذ 3 أيام',
      'منذ 11 يومًا',
      'منذ 100 يوم',
    ]);
    expect(serverT('en', 'common.days', { count: 1 })).toBe('1 day');
    expect(serverT('en', 'common.days', { count: 1234 })).toBe('1,234 days');
  });

  it('isolates names in Arabic only, never links', () => {
    expect(serverT('ar', 'common.greeting', { name: 'Sara' })).toBe('مرحبًا \u2068Sara\u2069،');
    expect(serverT('en', 'common.greeting', { name: 'سارة' })).toBe('Hello سارة,');
    expect(serverT('ar', 'digest.mentor.item', { title: 'API', days: 'x', link: 'https://m.test/a' })).toMatch(
      / https:\/\/m\.test\/a$/,
    );
  });

  it('chooses the user’s locale, else the organisation’s, else English', () => {
    expect(resolveLocale('ar', 'en')).toBe('ar');
    expect(resolveLocale(null, 'ar')).toBe('ar');
    expect(resolveLocale('fr', undefined)).toBe('en');
    expect(resolveLocale(null, null)).toBe('en');
  });

  it('formats calendar days with Intl in the reader’s language', () => {
    expect(formatDay('en', '2026-11-01')).toBe('Nov 1, 2026');
    expect(formatDay('ar', '2026-11-01')).toBe(
      new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-11-01T00:00:00Z')),
    );
    expect(formatDay('ar', 'not-a-date')).toBe('not-a-date');
  });
});
