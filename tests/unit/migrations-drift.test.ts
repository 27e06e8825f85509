import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const drizzleDir = path.join(root, 'drizzle');

describe('drizzle schema and committed migrations', () => {
  it('agree: drizzle-kit generate finds nothing to add', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'masar-drift-'));
    fs.cpSync(path.join(drizzleDir, 'migrations'), out, { recursive: true });
    const before = fs.readdirSync(out).sort();
    const bin = path.join(drizzleDir, 'node_modules', '.bin', 'drizzle-kit');
    const log = execFileSync(
      bin,
      ['generate', '--dialect=postgresql', '--schema=./src/schema/index.ts', `--out=${path.relative(drizzleDir, out)}`],
      {
        cwd: drizzleDir,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' },
      },
    );
    const after = fs.readdirSync(out).sort();
    fs.rmSync(out, { recursive: true, force: true });
    expect(log).toMatch(/No schema changes/);
    expect(
      after,
      `the schema (drizzle/src/schema/) has changes without a migration; run \`pnpm db:generate\`.\n${log}`,
    ).toEqual(before);
  });
});
