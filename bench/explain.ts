/**
 * `pnpm --filter @masar/bench explain`: EXPLAIN (ANALYZE, BUFFERS) of every statement the cohort
 * dashboard sends for the seeded large tenant's measured cohort. The statements are captured from
 * a real request through the in-process server, then explained with the same parameters on a
 * connection whose `app.org_id` is the tenant (row-level security applies, as in the app).
 */
import postgres from 'postgres';
import { parseFlags } from './lib/args';
import { openCapturingDatabase } from './lib/capture';
import { discoverTarget, NotSeededError } from './lib/discover';
import { logIn, trpcGet } from './lib/http';
import { dashboardStatements } from './lib/limits';
import { benchDatabaseUrlOrExit } from './lib/pg-setup';
import { BENCH_PASSWORD, BIG_ORG_SLUG } from './lib/seeder';
import { startBenchServer } from './lib/server';

const flags = parseFlags(
  {
    summary: { type: 'boolean', default: false, help: 'only planning and execution time per statement' },
    org: { type: 'string', default: BIG_ORG_SLUG, help: 'organisation slug (its median cohort is explained)' },
  },
  'Usage: pnpm --filter @masar/bench explain [flags]\n',
);

const url = await benchDatabaseUrlOrExit();
const { database, capture } = await openCapturingDatabase(url);
let statements: Awaited<ReturnType<typeof capture>>;
let target: Awaited<ReturnType<typeof discoverTarget>>;
try {
  try {
    target = await discoverTarget(database, flags.org);
  } catch (err) {
    if (err instanceof NotSeededError) {
      console.error(`Not seeded (${err.message}): run \`pnpm bench:seed\` first.`);
      process.exit(1);
    }
    throw err;
  }
  const server = await startBenchServer(database, { databaseUrl: url });
  try {
    const cookie = await logIn(server.url, server.origin, target.mentorEmail, BENCH_PASSWORD);
    const input = { orgSlug: target.slug, cohortId: target.cohort.id };
    await trpcGet(server.url, cookie, 'dashboards.cohort', input);
    statements = dashboardStatements(await capture(() => trpcGet(server.url, cookie, 'dashboards.cohort', input)));
  } finally {
    await server.close();
  }
} finally {
  await database.close();
}

/** `'{uuid,uuid,…}'::uuid[]` literals (the roadmap's skill ids) shortened to their count. */
function shorten(line: string): string {
  return line.replace(/'\{([0-9a-f-]{36}(?:,[0-9a-f-]{36})+)\}'::uuid\[\]/g, (_m, ids: string) => {
    return `'{…${ids.split(',').length} skill ids…}'::uuid[]`;
  });
}

console.log(
  `-- ${target.slug}: ${target.counts.learners} learners, cohort "${target.cohort.name}" (${target.cohort.learners} learners), ${statements.length} dashboard statements`,
);
const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { 'app.org_id': target.orgId } });
try {
  for (const [i, s] of statements.entries()) {
    await sql.unsafe(s.query, s.params as never[]); // warm the cache and the plan cache
    const rows = await sql.unsafe(`explain (analyze, buffers) ${s.query}`, s.params as never[]);
    const plan = rows.map((r) => shorten(String(r['QUERY PLAN'])));
    const oneLine = s.query.replace(/\s+/g, ' ').trim();
    console.log(`\n-- [${i + 1}] ${oneLine.length > 160 ? `${oneLine.slice(0, 157)}…` : oneLine}`);
    if (flags.summary) {
      for (const line of plan.filter((l) => /^(Planning|Execution) Time/.test(l))) console.log(`   ${line}`);
    } else {
      console.log(plan.join('\n'));
    }
  }
} finally {
  await sql.end({ timeout: 5 });
}
