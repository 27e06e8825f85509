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

describe('file sizes (issue #16: no non-test source file over 400 lines)', () => {
  const LIMIT = 400;
  /** Data, not logic: the built-in roadmap as typed code. */
  const DATA_FILES = ['shared/src/roadmap/builtin.ts'];
  /** Still to split under #16, each at most its size when this rule came in: the list only shrinks. */
  const TO_SPLIT: Record<string, number> = {
    'web/src/pages/org/RoadmapPage.tsx': 866,
    'bench/run.ts': 780,
    'bench/lib/seeder.ts': 708,
    'web/src/pages/org/roadmap/RoadmapDialogs.tsx': 651,
    'web/src/pages/org/cohort/CohortAssignments.tsx': 533,
    'ops/faults.ts': 510,
    'web/src/pages/org/MyRoadmapPage.tsx': 505,
    'web/src/pages/org/cohort/CohortMembers.tsx': 496,
    'web/src/components/submissions/ReviewPanel.tsx': 477,
    'web/src/pages/submissions/SubmissionPage.tsx': 476,
    'web/src/pages/submissions/SubmitPage.tsx': 471,
    'server/src/seed/demo.ts': 471,
    'web/src/components/submissions/AnalysisCard.tsx': 467,
    'web/src/pages/AccountPage.tsx': 426,
    'web/src/pages/submissions/ReviewQueuePage.tsx': 402,
  };
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

  it('keeps every other file at or under 400 lines, and the ones still to split from growing', () => {
    const over = sizes.filter((s) => s.lines > LIMIT && !DATA_FILES.includes(s.file));
    const unexpected = over.filter((s) => !(s.file in TO_SPLIT) || s.lines > TO_SPLIT[s.file]!);
    expect(unexpected).toEqual([]);
  });

  it('drops a file from the to-split list once it is split', () => {
    const done = Object.keys(TO_SPLIT).filter((f) => (sizes.find((s) => s.file === f)?.lines ?? 0) <= LIMIT);
    expect(done).toEqual([]);
  });
});
