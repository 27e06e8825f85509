/**
 * `pnpm bench`: the real server in this process against the seeded PostgreSQL (and a smaller run on
 * a fresh embedded PGlite), measured with autocannon over logged-in sessions; the limits it is
 * compared with (bare SQL, a bare Express handler); the budgets (`--check` exits non-zero on a
 * miss). Results: a table here and bench/results/<timestamp>.json (+ latest.json).
 *
 * The parts: lib/run-options.ts (flags), lib/phases/ (PostgreSQL, PGlite, N instances),
 * lib/scenarios.ts (the load scenarios), lib/budgets.ts, lib/report.ts, lib/results.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { budgets } from './lib/budgets';
import { buildAll, measureBundle, measureColdStart, ROOT } from './lib/checks';
import { pglitePhase } from './lib/phases/pglite';
import { postgresPhase } from './lib/phases/postgres';
import { scaleOut } from './lib/phases/scale-out';
import { printRun } from './lib/report';
import { finish, newResults, type RunContext, writeResults } from './lib/results';
import { runOptions, scaleOutOnly } from './lib/run-options';

const opts = runOptions();
const results = newResults(opts);
const log = (line: string) => console.log(line);
const ctx: RunContext = { opts, results, log };

const t0 = performance.now();
let buildError: string | null = null;
if (opts.check && opts.build) {
  log('› pnpm build (web app and server bundle, NODE_ENV=production)');
  buildError = buildAll();
  if (buildError) log(`  build failed: ${buildError}`);
}

// The processes first: the submit scenario below enqueues analyses that their workers would have to
// work through before the run's own jobs.
if (opts.instances > 1) await scaleOut(ctx);
if (!scaleOutOnly(opts)) await postgresPhase(ctx);
if (opts.pgliteLearners > 0 && !scaleOutOnly(opts)) await pglitePhase(ctx);

if (opts.check || fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
  try {
    if (buildError) throw new Error(buildError);
    results.bundle = measureBundle();
  } catch (err) {
    results.bundle = { error: (err as Error).message };
  }
}
if (opts.check || fs.existsSync(path.join(ROOT, 'server/dist/main.js'))) {
  log('› cold start: node server/dist/main.js on a fresh DATA_DIR');
  try {
    if (buildError) throw new Error(buildError);
    results.coldStart = await measureColdStart();
  } catch (err) {
    results.coldStart = { error: (err as Error).message };
  }
}

results.budgets = budgets(results, opts);
finish(results);
printRun(results, log);

const file = writeResults(results);
log(
  `\nResults: ${path.relative(ROOT, file)} (and bench/results/latest.json), ${Math.round((performance.now() - t0) / 1000)} s`,
);

if (opts.check) {
  const missed = results.budgets.filter((b) => b.pass !== true);
  if (missed.length) {
    console.error(`\n${missed.length} budget(s) missed or not measured: ${missed.map((b) => b.name).join('; ')}`);
    process.exit(1);
  }
  log('All budgets met.');
}
