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
