/**
 * `pnpm bench:seed`: fills the benchmark database (DATABASE_URL, default
 * postgres://masar_bench@127.0.0.1:5432/masar_bench, created when missing) with a large tenant and a
 * few small ones. Earlier bench tenants (slug `bench-…`) and users (`…@….bench.masar.test`) are
 * replaced; nothing else in the database is touched.
 */
import { openDatabase } from '@masar/server';
import { parseFlags } from './lib/args';
import { benchDatabaseUrlOrExit, redactUrl } from './lib/pg-setup';
import { resetBenchData } from './lib/seed/reset';
import { type SeedResult, seedBench } from './lib/seeder';

const flags = parseFlags(
  {
    seed: {
      type: 'int',
      default: 42,
      min: 0,
      max: 2 ** 31 - 1,
      help: 'PRNG seed: the same seed (and --today) gives the same data',
    },
    learners: { type: 'int', default: 1000, min: 1, max: 200_000, help: 'learners in the large organisation' },
    cohorts: { type: 'int', default: 10, min: 1, max: 1000, help: 'cohorts in the large organisation' },
    submissions: {
      type: 'int',
      default: 20000,
      min: 0,
      max: 5_000_000,
      help: 'submissions in the large organisation (about)',
    },
    'small-tenants': { type: 'int', default: 3, min: 0, max: 100, help: 'small organisations (one cohort each)' },
    'small-learners': { type: 'int', default: 10, min: 1, max: 10_000, help: 'learners per small organisation' },
    today: { type: 'string', default: '', help: 'anchor date YYYY-MM-DD for the timeline (default: today in Cairo)' },
  },
  'Usage: pnpm bench:seed [flags]\n\nSeeds the benchmark database (DATABASE_URL or the local masar_bench database).\n',
);

const opts = {
  seed: flags.seed,
  learners: flags.learners,
  cohorts: flags.cohorts,
  submissions: flags.submissions,
  smallTenants: flags['small-tenants'],
  smallLearners: flags['small-learners'],
  today: flags.today || undefined,
};
if (opts.today && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) {
  console.error('--today must be a date like 2026-11-27');
  process.exit(2);
}
if (opts.cohorts > opts.learners) {
  console.error('--cohorts cannot exceed --learners');
  process.exit(2);
}

const url = await benchDatabaseUrlOrExit();

const t0 = performance.now();
console.log(`› seeding ${redactUrl(url)} (seed ${opts.seed})`);
const database = await openDatabase({ url, poolMax: 4 });
let result: SeedResult;
try {
  const removed = await resetBenchData(database);
  if (removed) console.log(`  removed ${removed} earlier bench organisation(s) and their users`);
  result = await seedBench(database, { ...opts, log: (line) => console.log(line) });
} finally {
  await database.close();
}
printLogins(result);
console.log(`\nSeeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (today = ${result.today}).`);

function printLogins(r: SeedResult) {
  console.log(`\nLogins (password ${r.password}):`);
  for (const org of r.orgs) {
    console.log(`  ${org.slug}  admin ${org.admin}  viewer ${org.viewer}  learner ${org.learner}`);
    for (const c of org.cohorts) {
      console.log(`    ${c.name} (${c.learners} learners)  mentors ${c.mentors.join(', ')}`);
    }
  }
}
