/**
 * What every drill shares: tear-down that runs on success, failure and Ctrl-C; the real built
 * server as a child process (tests/helpers/server-process.ts) on a free loopback port; checks that
 * print what they verified; per-action latency tables.
 */
import fs from 'node:fs';
import os from 'node:os';
import { summarize } from '../../bench/lib/stats';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { type AppProcess, startAppProcess } from '../../tests/helpers/server-process';
import type { RequestRecord } from './clients';

const cleanups: (() => unknown)[] = [];
let cleaning = false;

/** Registers a tear-down step (run last-registered first). */
export function onCleanup(fn: () => unknown) {
  cleanups.push(fn);
}

export async function cleanup() {
  if (cleaning) return;
  cleaning = true;
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error(`  (cleanup: ${(err as Error).message})`);
    }
  }
  cleaning = false;
}

/** Runs a drill: exit 0 when it returns true, 1 when false or on an error; tears down either way. */
export function main(name: string, fn: () => Promise<boolean>) {
  const interrupted = (signal: string) => {
    console.error(`\n${name}: ${signal}, tearing down…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupted('SIGINT'));
  process.once('SIGTERM', () => interrupted('SIGTERM'));
  fn()
    .then(async (ok) => {
      await cleanup();
      process.exit(ok ? 0 : 1);
    })
    .catch(async (err) => {
      console.error(`\n${name} failed: ${(err as Error).stack ?? String(err)}`);
      await cleanup();
      process.exit(1);
    });
}

export function ensureBuilt() {
  if (buildIfStale() !== 0) throw new Error('pnpm build failed');
}

/** Environment of a drill's server: production, PostgreSQL, quiet demo, the given extras. */
export function serverEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    MASAR_QUIET: '1',
    MASAR_DEMO: 'false',
    JOBS_ENABLED: 'false',
    ...extra,
  };
}

/** Starts the built server; it is stopped (SIGKILL if it must) and its data dir removed at tear-down. */
export async function startServer(env: Record<string, string>): Promise<AppProcess> {
  const app = await startAppProcess({ env });
  app.child.once('exit', (code) => {
    if (code === null || code === 0) return;
    // not a kill of ours: show why it died (the lines that are not JSON log records)
    const lines = app
      .output()
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('{'));
    console.log(
      `  ! server pid ${app.child.pid} exited with ${code}:\n${lines
        .slice(-15)
        .map((l) => `    ${l}`)
        .join('\n')}`,
    );
  });
  onCleanup(async () => {
    if (app.child.exitCode === null && app.child.signalCode === null) {
      app.child.kill('SIGKILL');
      await app.stop('SIGKILL');
    }
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  });
  return app;
}

// ---------------------------------------------------------------- checks

export class Checks {
  private failed = 0;
  private passed = 0;
  check(ok: boolean, what: string, detail = '') {
    if (ok) this.passed++;
    else this.failed++;
    console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${what}${detail ? `  (${detail})` : ''}`);
    return ok;
  }
  get ok() {
    return this.failed === 0;
  }
  summary(name: string) {
    console.log(`\n${name}: ${this.passed} passed, ${this.failed} failed → ${this.ok ? 'PASS' : 'FAIL'}`);
    return this.ok;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value or `ms` pass; returns the last value. */
export async function waitFor<T>(fn: () => Promise<T>, ms: number, every = 250): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined as T);
    if (v || Date.now() > deadline) return v;
    await sleep(every);
  }
}

// ---------------------------------------------------------------- tables

export interface ActionStats {
  action: string;
  requests: number;
  rps: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function statsByAction(records: RequestRecord[], seconds: number): { rows: ActionStats[]; all: ActionStats } {
  const by = new Map<string, RequestRecord[]>();
  for (const r of records) by.set(r.action, [...(by.get(r.action) ?? []), r]);
  const row = (action: string, rs: RequestRecord[]): ActionStats => {
    const ok = rs.filter((r) => r.status >= 200 && r.status < 300);
    const l = summarize(rs.map((r) => r.ms));
    return {
      action,
      requests: rs.length,
      rps: rs.length / seconds,
      errors: rs.length - ok.length,
      p50: l.p50,
      p95: l.p95,
      p99: l.p99,
      max: l.max,
    };
  };
  const rows = [...by.entries()].map(([a, rs]) => row(a, rs)).sort((a, b) => b.requests - a.requests);
  return { rows, all: row('all', records) };
}

export function printStats(t: { rows: ActionStats[]; all: ActionStats }) {
  const head = ['action', 'requests', 'req/s', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  const fmt = (s: ActionStats) => [
    s.action,
    String(s.requests),
    s.rps.toFixed(1),
    String(s.errors),
    s.p50.toFixed(1),
    s.p95.toFixed(1),
    s.p99.toFixed(1),
    s.max.toFixed(0),
  ];
  const lines = [head, ...t.rows.map(fmt), fmt(t.all)];
  const w = head.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const line = (l: string[]) => `  ${l.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')}`;
  console.log(line(head));
  for (const l of lines.slice(1, -1)) console.log(line(l));
  console.log(`  ${'-'.repeat(w.reduce((a, b) => a + b + 2, -2))}`);
  console.log(line(lines.at(-1)!));
}

/** Errors grouped by action, status and message (the first few kinds). */
export function printErrors(records: RequestRecord[], limit = 10) {
  const groups = new Map<string, number>();
  for (const r of records) {
    if (r.status >= 200 && r.status < 300) continue;
    const key = `${r.action} ${r.status || 'socket'} ${(r.error ?? '').slice(0, 120)}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [k, n] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`    ${n} × ${k}`);
}

export function machine() {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}, Node ${process.version}`;
}
