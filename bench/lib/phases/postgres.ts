/**
 * The PostgreSQL phase of `pnpm bench`: the seeded large tenant through the real server in this
 * process — statements per dashboard request (large and small cohort), the comparisons with bare
 * SQL and a bare Express handler (./versus-bare.ts), and the load scenarios.
 */
import { rowsOf } from '@masar/server';
import { sql } from 'drizzle-orm';
import { openCapturingDatabase } from '../capture';
import { discoverTargetOrExit, type Target } from '../discover';
import { logIn, trpcGet } from '../http';
import { benchDatabaseUrlOrExit, redactUrl } from '../pg-setup';
import type { Results, RunContext, TargetRun } from '../results';
import { runScenarios, sessionsFor } from '../scenarios';
import { BENCH_PASSWORD, BIG_ORG_SLUG } from '../seeder';
import { type BenchServer, startBenchServer } from '../server';
import { dashboardVsBareSql, readVsBareExpress } from './versus-bare';

export async function postgresPhase(ctx: RunContext) {
  const { opts, results, log } = ctx;
  const url = await benchDatabaseUrlOrExit(log);
  log(`› PostgreSQL: ${redactUrl(url)}`);
  const { database, capture } = await openCapturingDatabase(url);
  let server: BenchServer | null = null;
  try {
    const [version] = rowsOf<{ v: string }>(await database.db.execute(sql`select version() as v`));
    results.machine.postgres = version?.v ?? 'unknown';
    const target: Target = await discoverTargetOrExit(database, BIG_ORG_SLUG);
    const small: Target = await discoverTargetOrExit(database, 'bench-small-1');
    log(
      `  ${target.slug}: ${target.counts.learners} learners, ${target.counts.submissions} submissions, ` +
        `${target.counts.reviews} reviews; measuring "${target.cohort.name}" (${target.cohort.learners} learners)`,
    );
    if (target.fromEarlierRuns > 0) {
      log(
        `  note: ${target.fromEarlierRuns} submissions come from earlier bench runs; run \`pnpm bench:seed\` first for numbers comparable with a fresh seed`,
      );
    }
    server = await startBenchServer(database, { databaseUrl: url, logFile: opts.serverLog });
    const srv = server;
    const sessions = await sessionsFor(srv, target);
    const smallMentor = await logIn(srv.url, srv.origin, small.mentorEmail, BENCH_PASSWORD);
    const run: TargetRun = {
      database: 'postgres',
      org: { slug: target.slug, ...target.counts },
      fromEarlierRuns: target.fromEarlierRuns,
      cohort: { name: target.cohort.name, learners: target.cohort.learners },
      scenarios: [],
    };
    const limits: NonNullable<Results['limits']> = {};
    results.postgres = run;
    results.limits = limits;

    // Statements per dashboard request, for a 100- and a 10-learner cohort (after one warm call each).
    const statementsOf = async (cookie: string, t: Target) => {
      const input = { orgSlug: t.slug, cohortId: t.cohort.id };
      await trpcGet(srv.url, cookie, 'dashboards.cohort', input);
      return capture(() => trpcGet(srv.url, cookie, 'dashboards.cohort', input));
    };
    const largeStatements = await statementsOf(sessions.mentor, target);
    const smallStatements = await statementsOf(smallMentor, small);
    results.statements = {
      large: { learners: target.cohort.learners, count: largeStatements.length },
      small: { learners: small.cohort.learners, count: smallStatements.length },
    };
    log(
      `  statements per dashboard request: ${largeStatements.length} (${target.cohort.learners} learners), ` +
        `${smallStatements.length} (${small.cohort.learners} learners)`,
    );

    const shared = { url, server: srv, target, sessions, run, limits };
    await dashboardVsBareSql(ctx, { ...shared, statements: largeStatements });

    const scenarios = await runScenarios(ctx, 'postgres', database, srv, target, sessions);
    run.scenarios.push(...scenarios);
    const order = ['dashboards.cohort', 'dashboards.cohort@1'];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    run.scenarios.sort((a, b) => rank(a.name) - rank(b.name));

    await readVsBareExpress(ctx, shared);
  } finally {
    await server?.close();
    await database.close();
  }
}
