/**
 * `pnpm test:faults [pg-restart|kill-server|kill-worker|sigterm …]` (default: all four, in turn).
 * Each drill starts its own throwaway PostgreSQL cluster, seeds a small tenant, runs the real built
 * server as a child process against a fake GitHub, breaks something on purpose while logged-in
 * clients submit and review, and checks what must hold. It prints what it did and what it checked,
 * and exits 0 only when every check passed. Loopback only; everything is torn down afterwards.
 * The drills: ops/drills/ (one file each, what they share in drills/common.ts).
 */
import { parseChoices } from '../bench/lib/args';
import { log, secs } from './drills/common';
import { killServer } from './drills/kill-server';
import { killWorker } from './drills/kill-worker';
import { pgRestart } from './drills/pg-restart';
import { sigterm } from './drills/sigterm';
import { Checks, cleanup, ensureBuilt, machine, main } from './lib/harness';

const DRILLS = ['pg-restart', 'kill-server', 'kill-worker', 'sigterm'] as const;
type Drill = (typeof DRILLS)[number];

const chosen: Drill[] = parseChoices(
  DRILLS,
  `Usage: pnpm test:faults [${DRILLS.join('|')} …]  (default: all)`,
  'drill',
);

const RUN: Record<Drill, (c: Checks) => Promise<void>> = {
  'pg-restart': pgRestart,
  'kill-server': killServer,
  'kill-worker': killWorker,
  sigterm,
};

const TITLES: Record<Drill, string> = {
  'pg-restart': 'restart PostgreSQL (fast, then immediate) during load',
  'kill-server': 'kill -9 the server during submissions and reviews, then restart it',
  'kill-worker': 'kill -9 a worker mid-analysis',
  sigterm: 'SIGTERM the server during load',
};

main('test:faults', async () => {
  log(`test:faults — ${chosen.join(', ')}\n  machine: ${machine()}`);
  ensureBuilt();
  const results: [Drill, boolean, number][] = [];
  for (const d of chosen) {
    log(`\n== ${d}: ${TITLES[d]}`);
    const t0 = performance.now();
    const checks = new Checks();
    try {
      await RUN[d](checks);
    } catch (err) {
      checks.check(false, `the drill ran to the end`, (err as Error).stack ?? String(err));
    }
    await cleanup();
    results.push([d, checks.summary(d), performance.now() - t0]);
  }
  log('\nSummary:');
  for (const [d, ok, ms] of results) log(`  ${ok ? 'PASS' : 'FAIL'}  ${d} (${secs(ms)})`);
  return results.every(([, ok]) => ok);
});
