/** `pnpm bench --instances N`: N server processes on the seeded database (../instances.ts). */
import { openDatabase } from '@masar/server';
import { discoverTargetOrExit, type Target } from '../discover';
import { scaleOutPhase } from '../instances';
import { benchDatabaseUrlOrExit } from '../pg-setup';
import type { RunContext } from '../results';
import { BIG_ORG_SLUG } from '../seeder';

export async function scaleOut(ctx: RunContext) {
  const { opts, results, log } = ctx;
  const url = await benchDatabaseUrlOrExit(log);
  const database = await openDatabase({ url });
  let target: Target;
  try {
    target = await discoverTargetOrExit(database, BIG_ORG_SLUG);
  } finally {
    await database.close();
  }
  try {
    results.scaleOut = await scaleOutPhase({
      databaseUrl: url,
      target,
      instances: opts.instances,
      jobs: opts.jobs,
      duration: opts.duration,
      rounds: opts.rounds,
      connections: opts.connections,
      warmup: opts.warmup,
      logFile: opts.serverLog,
      log,
    });
  } catch (err) {
    results.scaleOut = { error: (err as Error).message };
    log(`  scale-out run failed: ${(err as Error).message}`);
  }
}
