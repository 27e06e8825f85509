import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(ROOT, 'server/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  });
}

describe('structure rules (docs/decisions/024-tenant-entry-points.md)', () => {
  it('opens transactions only in server/src/db (withTenant, withScope, inTransaction)', () => {
    const files = sources(SERVER);
    expect(files.length).toBeGreaterThan(40);
    const offenders = files
      .filter((f) => !f.startsWith(path.join(SERVER, 'db') + path.sep))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(ROOT, f)}:${i + 1}` }))
          .filter(({ line }) => /\.transaction\(/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });

  it('the rule can fail: it sees the transactions inside server/src/db', () => {
    const inDb = sources(path.join(SERVER, 'db')).filter((f) => /\.transaction\(/.test(fs.readFileSync(f, 'utf8')));
    expect(inDb.map((f) => path.relative(ROOT, f))).toContain('server/src/db/tenant.ts');
  });
});

describe('feature folders (docs/decisions/025-feature-folders.md)', () => {
  const FEATURES = path.join(SERVER, 'features');
  // the keys the app router registers: `key: somethingRouter,` inside `router({ … })`
  const routerSource = fs.readFileSync(path.join(SERVER, 'router.ts'), 'utf8');
  const keys = [...routerSource.matchAll(/^\s+(\w+): \w+Router,$/gm)].map((m) => m[1]!);

  it('reads the router keys from server/src/router.ts', () => {
    expect(keys).toEqual(expect.arrayContaining(['roadmaps', 'cohorts', 'submissions', 'notifications', 'readiness']));
    expect(keys.length).toBeGreaterThanOrEqual(14);
  });

  it('gives every router key a folder with its router, imported from there', () => {
    for (const key of keys) {
      expect(fs.existsSync(path.join(FEATURES, key, 'router.ts')), `server/src/features/${key}/router.ts`).toBe(true);
      expect(routerSource).toContain(`from './features/${key}/router'`);
    }
  });

  it('has no folder under features that is not a router key, and no old routers/ or services/', () => {
    const folders = fs.readdirSync(FEATURES).filter((f) => fs.statSync(path.join(FEATURES, f)).isDirectory());
    expect(folders.filter((f) => !keys.includes(f))).toEqual([]);
    expect(fs.existsSync(path.join(SERVER, 'routers'))).toBe(false);
    expect(fs.existsSync(path.join(SERVER, 'services'))).toBe(false);
  });

  it('mirrors the feature folders in the web app: web/src/features/<router key>, no pages/ folder', () => {
    const WEB = path.join(ROOT, 'web/src');
    const folders = fs
      .readdirSync(path.join(WEB, 'features'))
      .filter((f) => fs.statSync(path.join(WEB, 'features', f)).isDirectory());
    expect(folders.length).toBeGreaterThanOrEqual(10);
    expect(folders.filter((f) => !keys.includes(f))).toEqual([]);
    expect(fs.existsSync(path.join(WEB, 'pages'))).toBe(false);
  });

  it('a router module defines exactly one router (one key per file)', () => {
    for (const key of keys) {
      const text = fs.readFileSync(path.join(FEATURES, key, 'router.ts'), 'utf8');
      expect(text.match(/^export const \w+Router = router\(/gm), key).toHaveLength(1);
    }
  });
});

describe('file sizes (issue #16: no non-test source file over 400 lines)', () => {
  const LIMIT = 400;
  /** Data, not logic: the built-in roadmap as typed code. */
  const DATA_FILES = ['shared/src/roadmap/builtin.ts'];
  const DIRS = ['server/src', 'web/src', 'shared/src', 'drizzle/src', 'bench', 'ops'];
  function walk(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : walk(full);
      return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [full] : [];
    });
  }
  const sizes = DIRS.flatMap((d) => walk(path.join(ROOT, d))).map((f) => ({
    file: path.relative(ROOT, f),
    lines: fs.readFileSync(f, 'utf8').split('\n').length - 1,
  }));

  it('sees the source files', () => {
    expect(sizes.length).toBeGreaterThan(150);
  });

  it('keeps every other file at or under 400 lines', () => {
    expect(sizes.filter((s) => s.lines > LIMIT && !DATA_FILES.includes(s.file))).toEqual([]);
  });

  it('the data-file exception is still needed (the rule can fail)', () => {
    for (const file of DATA_FILES) expect(sizes.find((s) => s.file === file)?.lines ?? 0).toBeGreaterThan(LIMIT);
  });
});
