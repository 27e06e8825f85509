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

  it('a router module defines exactly one router (one key per file)', () => {
    for (const key of keys) {
      const text = fs.readFileSync(path.join(FEATURES, key, 'router.ts'), 'utf8');
      expect(text.match(/^export const \w+Router = router\(/gm), key).toHaveLength(1);
    }
  });
});
