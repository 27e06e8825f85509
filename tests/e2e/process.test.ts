import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, startAppProcess } from '../helpers/server-process';

const MAIN = path.join(ROOT, 'server/dist/main.js');
type Info = { result: { data: { json: { database: { migrationsApplied: number } } } } };

function runMain(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the server process', () => {
  it('exits non-zero with one readable line for PORT=abc', () => {
    const r = runMain({ PORT: 'abc' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")',
    ]);
  });

  it('exits non-zero with one readable line for DATABASE_URL=nonsense', () => {
    const r = runMain({ DATABASE_URL: 'nonsense' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: DATABASE_URL must be a URL like postgres:/);
  });

  it('exits non-zero with one line when PostgreSQL cannot be reached', () => {
    const r = runMain({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot open PostgreSQL \(DATABASE_URL\): ECONNREFUSED/);
  });

  it('stops cleanly on SIGTERM and SIGINT (exit 0), and keeps its data across restarts', async () => {
    const first = await startAppProcess({ env: { LOG_LEVEL: 'info' } });
    const info1 = (await (await fetch(`${first.url}/trpc/system.info`)).json()) as Info;
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('Masar stopped');

    const second = await startAppProcess({ dataDir: first.dataDir });
    const info2 = (await (await fetch(`${second.url}/trpc/system.info`)).json()) as Info;
    expect(info2.result.data.json.database.migrationsApplied).toBe(info1.result.data.json.database.migrationsApplied);
    expect(await second.stop('SIGINT')).toBe(0);
  });
});
