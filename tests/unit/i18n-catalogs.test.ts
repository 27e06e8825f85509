import fs from 'node:fs';
import path from 'node:path';
import { AnalysisNoteSchema, EVIDENCE_KINDS } from '@masar/shared';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, 'web/src/i18n');

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`),
  );
}
function catalog(lang: string): Set<string> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f === `${lang}.json` || (f.startsWith(`${lang}.`) && f.endsWith('.json')));
  return new Set(files.flatMap((f) => flatten(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Tree)));
}
/** Plural forms share a base key: `items_one`, `items_other` … → `items`. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function sources(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('i18n catalogs', () => {
  const en = catalog('en');
  const ar = catalog('ar');

  it('English and Arabic have the same keys (plural forms aside)', () => {
    const enBase = new Set([...en].map(base));
    const arBase = new Set([...ar].map(base));
    expect(
      [...enBase].filter((k) => !arBase.has(k)),
      'missing in Arabic',
    ).toEqual([]);
    expect(
      [...arBase].filter((k) => !enBase.has(k)),
      'missing in English',
    ).toEqual([]);
  });

  it('Arabic plurals have all six forms where English has plurals', () => {
    const plurals = [...new Set([...en].filter((k) => /_(one|other)$/.test(k)).map(base))];
    const missing = plurals
      .flatMap((b) => ['zero', 'one', 'two', 'few', 'many', 'other'].map((f) => `${b}_${f}`))
      .filter((k) => !ar.has(k));
    expect(missing).toEqual([]);
  });

  it('every literal key the web app passes to t() exists', () => {
    const keys = new Set([...en].map(base));
    const missing: string[] = [];
    for (const file of sources(path.join(root, 'web/src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        const key = m[1]!;
        if (!keys.has(key) && !en.has(key)) missing.push(`${path.relative(root, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every kind of repository-analysis note and evidence has its words (template keys)', () => {
    const keys = new Set([...en].map(base));
    const noteKinds = AnalysisNoteSchema.options.map((o) => o.shape.kind.value);
    // manifestInvalid is worded per format; file is a path only (no words)
    const noteKeys = noteKinds.flatMap((k) =>
      k === 'manifestInvalid' ? ['manifestInvalidJson', 'manifestInvalidOther'] : [k],
    );
    const evidenceKeys = EVIDENCE_KINDS.filter((k) => k !== 'file').flatMap((k) =>
      k === 'dependency' ? ['dependency', 'dependencyEloquent'] : [k],
    );
    const missing = [
      ...noteKeys.map((k) => `analysis.noteKinds.${k}`),
      ...evidenceKeys.map((k) => `analysis.evidence.${k}`),
    ].filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
  });

  it('every user-facing error key the server and shared code send exists', () => {
    const keys = new Set([...en].map(base));
    const missing: string[] = [];
    for (const file of [...sources(path.join(root, 'server/src')), ...sources(path.join(root, 'shared/src'))]) {
      if (file.endsWith('.test.ts')) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'(errors\.[a-zA-Z][\w.]*)'/g)) {
        if (!keys.has(m[1]!)) missing.push(`${path.relative(root, file)}: ${m[1]}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
