/** The PGlite phase of `pnpm bench`: a fresh embedded database, seeded small, the same scenarios. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@masar/server';
import { discoverTarget } from '../discover';
import type { RunContext } from '../results';
import { runScenarios, sessionsFor } from '../scenarios';
import { BIG_ORG_SLUG, seedBench } from '../seeder';
import { type BenchServer, startBenchServer } from '../server';
import { round } from '../stats';

export async function pglitePhase(ctx: RunContext) {
  const { opts, results, log } = ctx;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masar-bench-pglite-'));
  log(`› PGlite: fresh embedded database in ${dir}, seeding ${opts.pgliteLearners} learners`);
  const database = await openDatabase({ dataDir: dir });
  let server: BenchServer | null = null;
  try {
    const t0 = performance.now();
    await seedBench(database, {
      seed: 42,
      learners: opts.pgliteLearners,
      cohorts: 1,
      submissions: opts.pgliteLearners * 20,
      smallTenants: 0,
      smallLearners: 1,
      log: (line) => log(line),
    });
    const seedSeconds = round((performance.now() - t0) / 1000, 1);
    const target = await discoverTarget(database, BIG_ORG_SLUG);
    server = await startBenchServer(database, { dataDir: dir, logFile: opts.serverLog });
    const sessions = await sessionsFor(server, target);
    const scenarios = await runScenarios(ctx, 'pglite', database, server, target, sessions);
    results.pglite = {
      database: 'pglite',
      org: { slug: target.slug, ...target.counts },
      fromEarlierRuns: 0,
      cohort: { name: target.cohort.name, learners: target.cohort.learners },
      scenarios,
      seedSeconds,
    };
  } finally {
    await server?.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
