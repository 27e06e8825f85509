/**
 * `pnpm bench`: the real server in this process against the seeded PostgreSQL (and a smaller run on
 * a fresh embedded PGlite), measured with autocannon over logged-in sessions; the limits it is
 * compared with (bare SQL, a bare Express handler); the budgets (`--check` exits non-zero on a
 * miss). Results: a table here and bench/results/<timestamp>.json (+ latest.json).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, rowsOf } from '@masar/server';
import { sql } from 'drizzle-orm';
import { intFlag, parseFlags } from './lib/args';
import { openCapturingDatabase } from './lib/capture';
import { type BundleReport, buildAll, measureBundle, measureColdStart, ROOT } from './lib/checks';
import { discoverTarget, NotSeededError, reviewPool, type Target } from './lib/discover';
import { logIn, trpcGet, trpcGetPath, trpcPostPath } from './lib/http';
import { type ScaleOutResult, scaleOutPhase } from './lib/instances';
import { type BareMode, dashboardStatements, openBareSql, startBareExpress } from './lib/limits';
import { type LoadResult, type LoadSpec, mergeLoads, runLoad } from './lib/load';
import { BenchSetupError, benchDatabaseUrl, redactUrl } from './lib/pg-setup';
import { printBudgets, printScenarios } from './lib/report';
import { BENCH_PASSWORD, BIG_ORG_SLUG, seedBench } from './lib/seeder';
import { type BenchServer, startBenchServer } from './lib/server';
import { round, summarize } from './lib/stats';

const flags = parseFlags(
  {
    duration: { type: 'string', default: '10', help: 'seconds of load per scenario' },
    connections: { type: 'string', default: '10', help: 'concurrent connections per scenario' },
    warmup: { type: 'string', default: '1', help: 'seconds of unrecorded load before each read scenario' },
    rounds: {
      type: 'string',
      default: '5',
      help: 'compared measurements (app vs its floor) alternate in this many slices of --duration',
    },
    'sql-iterations': { type: 'string', default: '200', help: 'sequential executions of the bare dashboard SQL' },
    'pglite-learners': { type: 'string', default: '100', help: 'learners in the embedded (PGlite) run; 0 skips it' },
    check: { type: 'boolean', default: false, help: 'build, check every budget, exit non-zero on a miss' },
    build: { type: 'boolean', default: true, help: 'with --check: run `pnpm build` first (--no-build reuses dist/)' },
    'server-log': { type: 'string', default: '', help: 'write the servers’ request logs to this file' },
    only: {
      type: 'string',
      default: '',
      help: 'comma-separated scenarios: dashboard.cohort, dashboards.cohort@1, dashboard.learner, submission.queue, submission.submit, submission.review, roadmap.list, instances (default: all)',
    },
    instances: {
      type: 'string',
      default: '1',
      help: 'also run N server processes on the one database (own pools and job workers): req/s per instance and in total, jobs processed exactly once',
    },
    jobs: { type: 'string', default: '100', help: 'with --instances: submissions (analysis jobs) to spread over them' },
  },
  'Usage: pnpm bench [flags]\n\nRun `pnpm bench:seed` first. Results go to bench/results/.\n',
);
const opts = {
  duration: intFlag('duration', flags.duration, 1, 3600),
  connections: intFlag('connections', flags.connections, 1, 1000),
  warmup: intFlag('warmup', flags.warmup, 0, 600),
  rounds: intFlag('rounds', flags.rounds, 1, 100),
  sqlIterations: intFlag('sql-iterations', flags['sql-iterations'], 1, 100_000),
  pgliteLearners: intFlag('pglite-learners', flags['pglite-learners'], 0, 10_000),
  check: flags.check,
  build: flags.build,
  serverLog: flags['server-log'] ? path.resolve(process.env.INIT_CWD ?? process.cwd(), flags['server-log']) : undefined,
  only: flags.only ? new Set(flags.only.split(',').map((s) => s.trim())) : null,
  instances: intFlag('instances', flags.instances, 1, 8),
  jobs: intFlag('jobs', flags.jobs, 1, 10_000),
};
/** `--only instances`: the scale-out run alone. */
const scaleOutOnly = opts.only !== null && [...opts.only].every((n) => n === 'instances');

// ---------------------------------------------------------------- result shapes

export interface Budget {
  name: string;
  value: string;
  budget: string;
  /** null = not measured in this run (see note). */
  pass: boolean | null;
  note?: string;
}

type Scenario = LoadResult & { description: string };

interface TargetRun {
  database: 'postgres' | 'pglite';
  org: { slug: string; learners: number; submissions: number; reviews: number; skillProgress: number };
  /** Submissions left by earlier bench runs when this one started (0 = a fresh seed). */
  fromEarlierRuns: number;
  cohort: { name: string; learners: number };
  scenarios: Scenario[];
}

const results: {
  version: 1;
  startedAt: string;
  finishedAt?: string;
  machine: Record<string, unknown>;
  options: Record<string, unknown>;
  postgres?: TargetRun;
  pglite?: TargetRun & { seedSeconds: number };
  limits?: {
    bareSql?: { iterations: number; statements: number; latencyMs: LoadResult['latencyMs'] };
    dashboardVsBareSql?: { appP95: number; bareP95: number; ratio: number };
    read?: {
      app: LoadResult;
      bare: LoadResult;
      ratio: number;
      diagnostic: { appProtocolRps: number; preparedRps: number; pipelinedRps: number };
    };
  };
  statements?: { large: { learners: number; count: number }; small: { learners: number; count: number } };
  bundle?: BundleReport | { error: string };
  coldStart?: { seconds: number } | { error: string };
  /** `--instances N`: N server processes on the one database. */
  scaleOut?: ScaleOutResult | { error: string };
  budgets: Budget[];
} = {
  version: 1,
  startedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    /** 1/5/15-minute load averages at the start and the end: other work on the machine skews numbers. */
    loadAverageStart: os.loadavg().map((x) => round(x, 2)),
  },
  options: { ...opts, only: opts.only ? [...opts.only] : null },
  budgets: [],
};

const log = (line: string) => console.log(line);
const wanted = (name: string) => !opts.only || opts.only.has(name);
const withoutSamples = ({ samples: _s, ...r }: LoadResult): LoadResult => r;

function summaryLine(r: LoadResult) {
  return (
    `${Math.round(r.rps)} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms` +
    (r.errors + r.socketErrors ? `, ${r.errors + r.socketErrors} errors ${JSON.stringify(r.status)}` : '') +
    (r.conflicts ? `, ${r.conflicts} conflicts (409)` : '')
  );
}

async function measure(label: string, spec: LoadSpec, description: string): Promise<Scenario> {
  process.stdout.write(`  ${label}: ${spec.name} (${spec.duration} s, ${spec.connections} connections)… `);
  const r = await runLoad(spec);
  log(summaryLine(r));
  return { ...r, description };
}

// ---------------------------------------------------------------- scenarios

interface Sessions {
  mentor: string;
  learners: string[];
}

function baseSpec(server: BenchServer) {
  return {
    url: server.url,
    duration: opts.duration,
    connections: opts.connections,
    warmup: opts.warmup,
    origin: server.origin,
  };
}

function dashboardSpec(server: BenchServer, target: Target, s: Sessions, connections: number): LoadSpec {
  return {
    ...baseSpec(server),
    name: connections === 1 ? 'dashboards.cohort@1' : 'dashboards.cohort',
    connections,
    kind: 'get',
    cookies: [s.mentor],
    paths: [trpcGetPath('dashboards.cohort', { orgSlug: target.slug, cohortId: target.cohort.id })],
  };
}

/** The load scenarios, in order (reads first; submit before review so it refills the review pool). */
function scenarioSpecs(server: BenchServer, target: Target, s: Sessions, runId: string) {
  const base = baseSpec(server);
  const orgSlug = target.slug;
  const cohortId = target.cohort.id;
  const specs: { spec: LoadSpec; description: string }[] = [
    {
      description: `GET dashboard.cohort as a mentor, ${target.cohort.learners}-learner cohort`,
      spec: dashboardSpec(server, target, s, opts.connections),
    },
    {
      description: `GET dashboard.learner as a mentor, each of the cohort's ${target.learners.length} learners in turn`,
      spec: {
        ...base,
        name: 'dashboards.learner',
        kind: 'get',
        cookies: [s.mentor],
        paths: target.learners.map((l) => trpcGetPath('dashboards.learner', { orgSlug, cohortId, learnerId: l.id })),
      },
    },
    {
      description: 'GET submission.queue as a mentor (the cohorts they mentor), waiting, page 1 of 20',
      spec: {
        ...base,
        name: 'submissions.queue',
        kind: 'get',
        cookies: [s.mentor],
        paths: [trpcGetPath('submissions.queue', { orgSlug })],
      },
    },
    {
      description: `POST submission.submit, ${s.learners.length} learners in turn, a new repository each time`,
      spec: {
        ...base,
        name: 'submissions.submit',
        kind: 'submit',
        cookies: s.learners,
        submit: {
          path: trpcPostPath('submissions.submit'),
          orgSlug,
          cohortId,
          claimedSkillIds: target.claimableSkillIds.slice(0, 4),
          runId,
        },
      },
    },
    {
      description: 'POST submission.review as a mentor, the waiting submissions in turn (409 = expected conflict)',
      spec: { ...base, name: 'submissions.review', kind: 'review', cookies: [s.mentor] },
    },
  ];
  return specs;
}

async function runScenarios(
  label: 'postgres' | 'pglite',
  database: Awaited<ReturnType<typeof openDatabase>>,
  server: BenchServer,
  target: Target,
  sessions: Sessions,
): Promise<Scenario[]> {
  const runId = `${Date.now().toString(36)}${label === 'pglite' ? 'l' : 'p'}`;
  const out: Scenario[] = [];
  for (const { spec, description } of scenarioSpecs(server, target, sessions, runId)) {
    if (!wanted(spec.name)) continue;
    if (spec.kind === 'review') {
      // The pool is read now: it includes what the submit scenario just added.
      const pool = await reviewPool(database, target.orgId, target.cohort.id);
      if (pool.length === 0) {
        log(`  ${label}: ${spec.name}: no waiting submission to review, skipped`);
        continue;
      }
      const review = { path: trpcPostPath('submissions.review'), orgSlug: target.slug, pool };
      out.push(await measure(label, { ...spec, review }, `${description}; pool of ${pool.length}`));
      continue;
    }
    out.push(await measure(label, spec, description));
  }
  return out;
}

async function sessionsFor(server: BenchServer, target: Target): Promise<Sessions> {
  const mentor = await logIn(server.url, server.origin, target.mentorEmail, BENCH_PASSWORD);
  const learners: string[] = [];
  for (const l of target.learners.slice(0, 10)) {
    learners.push(await logIn(server.url, server.origin, l.email, BENCH_PASSWORD));
  }
  return { mentor, learners };
}

/** Seconds per interleaved slice (fractions allowed). */
const sliceSeconds = () => opts.duration / opts.rounds;

// ---------------------------------------------------------------- PostgreSQL

async function postgresPhase() {
  let url: string;
  try {
    url = await benchDatabaseUrl(log);
  } catch (err) {
    if (err instanceof BenchSetupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  log(`› PostgreSQL: ${redactUrl(url)}`);
  const { database, capture } = await openCapturingDatabase(url);
  let server: BenchServer | null = null;
  try {
    const [version] = rowsOf<{ v: string }>(await database.db.execute(sql`select version() as v`));
    results.machine.postgres = version?.v ?? 'unknown';
    let target: Target;
    let small: Target;
    try {
      target = await discoverTarget(database, BIG_ORG_SLUG);
      small = await discoverTarget(database, 'bench-small-1');
    } catch (err) {
      if (err instanceof NotSeededError) {
        console.error(`The bench database is not seeded (${err.message}). Run \`pnpm bench:seed\` first.`);
        process.exit(1);
      }
      throw err;
    }
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
    results.postgres = {
      database: 'postgres',
      org: { slug: target.slug, ...target.counts },
      fromEarlierRuns: target.fromEarlierRuns,
      cohort: { name: target.cohort.name, learners: target.cohort.learners },
      scenarios: [],
    };
    results.limits = {};

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

    // The dashboard at one connection against its own statements replayed bare, in alternating
    // slices so both see the same background load.
    if (wanted('dashboards.cohort@1')) {
      const own = dashboardStatements(largeStatements);
      const bare = await openBareSql(url, target.orgId, own);
      const appSlices: LoadResult[] = [];
      const sqlTimes: number[] = [];
      const perRound = Math.max(1, Math.round(opts.sqlIterations / opts.rounds));
      process.stdout.write(
        `  postgres: dashboards.cohort@1 vs bare SQL (${opts.rounds} × [${round(sliceSeconds(), 1)} s app, ${perRound} SQL runs])… `,
      );
      try {
        await bare.sample(Math.min(20, opts.sqlIterations)); // warm-up
        for (let r = 0; r < opts.rounds; r++) {
          appSlices.push(
            await runLoad({
              ...dashboardSpec(srv, target, sessions, 1),
              duration: sliceSeconds(),
              warmup: r === 0 ? opts.warmup : 0,
              raw: true,
            }),
          );
          sqlTimes.push(...(await bare.sample(perRound)));
        }
      } finally {
        await bare.close();
      }
      const app = mergeLoads(appSlices);
      const bareSql = { iterations: sqlTimes.length, statements: own.length, latencyMs: summarize(sqlTimes) };
      log(
        `app p50 ${app.latencyMs.p50} / p95 ${app.latencyMs.p95} ms; bare SQL p50 ${bareSql.latencyMs.p50} / p95 ${bareSql.latencyMs.p95} ms`,
      );
      results.postgres.scenarios.push({
        ...app,
        description: 'the same, one connection (latency without queueing), interleaved with the bare SQL',
      });
      results.limits.bareSql = bareSql;
      results.limits.dashboardVsBareSql = {
        appP95: app.latencyMs.p95,
        bareP95: bareSql.latencyMs.p95,
        ratio: round(app.latencyMs.p95 / bareSql.latencyMs.p95, 2),
      };
    }

    const scenarios = await runScenarios('postgres', database, srv, target, sessions);
    results.postgres.scenarios.push(...scenarios);
    const order = ['dashboards.cohort', 'dashboards.cohort@1'];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    results.postgres.scenarios.sort((a, b) => rank(a.name) - rank(b.name));

    // The app's org-scoped read against a bare Express handler doing the same query, plus two
    // diagnostic handlers that split the gap into "round trips" and "framework"; alternating slices.
    if (wanted('roadmaps.list')) {
      const variants: { mode: BareMode | 'app'; name: string; description: string }[] = [
        {
          mode: 'app',
          name: 'roadmap.list (app)',
          description: 'GET roadmap.list through tRPC: session, RLS transaction, membership, query',
        },
        {
          mode: 'query',
          name: 'roadmap.list (bare Express)',
          description: 'the same query in a bare Express handler (no tRPC, no session, no transaction)',
        },
        {
          mode: 'app-protocol',
          name: 'roadmap.list (bare, app SQL)',
          description:
            "diagnostic: bare Express sending the app's statements unprepared (like drizzle), one round trip each (session, BEGIN, org, set_config, membership, query, COMMIT)",
        },
        {
          mode: 'prepared',
          name: 'roadmap.list (bare, prepared)',
          description: "diagnostic: the app's statements as named prepared statements, one round trip each",
        },
        {
          mode: 'pipelined',
          name: 'roadmap.list (bare, pipelined)',
          description:
            'diagnostic: prepared, and the statements inside the transaction sent together (session, BEGIN, one batch, COMMIT)',
        },
      ];
      const servers = new Map<string, { url: string; close(): Promise<void> }>();
      const slices = new Map<string, LoadResult[]>(variants.map((v) => [v.name, []]));
      log(
        `  postgres: roadmap.list, app and 4 bare handlers (${opts.rounds} rounds × ${round(sliceSeconds(), 1)} s each)…`,
      );
      try {
        for (const v of variants) {
          if (v.mode !== 'app') servers.set(v.name, await startBareExpress(url, target, v.mode));
        }
        for (let r = 0; r < opts.rounds; r++) {
          for (const v of variants) {
            const isApp = v.mode === 'app';
            slices.get(v.name)!.push(
              await runLoad({
                ...baseSpec(srv),
                name: v.name,
                url: isApp ? srv.url : servers.get(v.name)!.url,
                duration: sliceSeconds(),
                warmup: r === 0 ? opts.warmup : 0,
                kind: 'get',
                cookies: [sessions.mentor],
                paths: [isApp ? trpcGetPath('roadmaps.list', { orgSlug: target.slug }) : '/roadmaps'],
                raw: true,
              }),
            );
          }
        }
      } finally {
        for (const s of servers.values()) await s.close();
      }
      const merged = new Map(
        variants.map((v) => [v.mode, { ...mergeLoads(slices.get(v.name)!), description: v.description }]),
      );
      for (const v of variants) log(`    ${v.name}: ${summaryLine(merged.get(v.mode)!)}`);
      const app = merged.get('app')!;
      const bare = merged.get('query')!;
      results.limits.read = {
        app: withoutSamples(app),
        bare: withoutSamples(bare),
        ratio: round(app.rps / bare.rps, 3),
        diagnostic: {
          appProtocolRps: round(merged.get('app-protocol')!.rps, 1),
          preparedRps: round(merged.get('prepared')!.rps, 1),
          pipelinedRps: round(merged.get('pipelined')!.rps, 1),
        },
      };
      results.postgres.scenarios.push(...merged.values());
    }
  } finally {
    await server?.close();
    await database.close();
  }
}

// ---------------------------------------------------------------- PGlite

async function pglitePhase() {
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
    const scenarios = await runScenarios('pglite', database, server, target, sessions);
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

// ---------------------------------------------------------------- N instances

async function scaleOut() {
  let url: string;
  try {
    url = await benchDatabaseUrl(log);
  } catch (err) {
    if (err instanceof BenchSetupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const database = await openDatabase({ url });
  let target: Target;
  try {
    target = await discoverTarget(database, BIG_ORG_SLUG);
  } catch (err) {
    if (err instanceof NotSeededError) {
      console.error(`The bench database is not seeded (${err.message}). Run \`pnpm bench:seed\` first.`);
      process.exit(1);
    }
    throw err;
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

// ---------------------------------------------------------------- budgets

function budgets(): Budget[] {
  const out: Budget[] = [];
  const l = results.limits;
  const d = l?.dashboardVsBareSql;
  if (d) {
    const limit = round(1.5 * d.bareP95 + 5);
    out.push({
      name: 'cohort dashboard p95 ≤ 1.5 × bare SQL p95 + 5 ms',
      value: `${d.appP95} ms`,
      budget: `≤ ${limit} ms (bare SQL p95 ${d.bareP95} ms)`,
      pass: d.appP95 <= limit,
      note: 'app at one connection (dashboards.cohort@1) and bare SQL run sequentially, in alternating slices',
    });
  } else out.push({ name: 'cohort dashboard p95', value: '—', budget: '—', pass: null, note: 'not measured' });
  const s = results.statements;
  out.push(
    s
      ? {
          name: 'SQL statements per dashboard request, independent of cohort size',
          value: `${s.large.count} (${s.large.learners} learners) / ${s.small.count} (${s.small.learners} learners)`,
          budget: 'equal',
          pass: s.large.count === s.small.count,
        }
      : { name: 'SQL statements per dashboard request', value: '—', budget: '—', pass: null, note: 'not measured' },
  );
  if (l?.read) {
    const r = l.read;
    const pct = (x: number) => `${Math.round((x / r.bare.rps) * 100)}%`;
    out.push({
      name: 'org-scoped read (roadmap.list) vs bare Express',
      value: `${Math.round(r.app.rps)} / ${Math.round(r.bare.rps)} req/s = ${Math.round(r.ratio * 100)}%`,
      budget: '≥ 50%',
      pass: r.ratio >= 0.5,
      note:
        `bare Express sending the app's statements: ${Math.round(r.diagnostic.appProtocolRps)} req/s (${pct(r.diagnostic.appProtocolRps)}); ` +
        `prepared: ${Math.round(r.diagnostic.preparedRps)} req/s (${pct(r.diagnostic.preparedRps)}); ` +
        `prepared and pipelined: ${Math.round(r.diagnostic.pipelinedRps)} req/s (${pct(r.diagnostic.pipelinedRps)})`,
    });
  } else {
    out.push({
      name: 'org-scoped read vs bare Express',
      value: '—',
      budget: '≥ 50%',
      pass: null,
      note: 'not measured',
    });
  }
  const b = results.bundle;
  if (b && 'chunks' in b) {
    const kb = round(b.gzipBytes / 1024, 1);
    const recharts = b.chunks.filter((c) => c.recharts).map((c) => c.file);
    const top = b.contributors
      .slice(0, 6)
      .map((c) => `${c.name} ${round(c.bytes / 1024, 0)} KB`)
      .join(', ');
    out.push({
      name: 'initial JS of the first route (gzip), charts lazy',
      value: `${kb} KB in ${b.chunks.length} chunk(s)${recharts.length ? `; recharts in ${recharts.join(', ')}` : '; no recharts'}`,
      budget: '≤ 200 KB, no recharts',
      pass: kb <= 200 && recharts.length === 0 && !b.development,
      note: [
        b.development ? 'web/dist is a DEVELOPMENT build (React dev): rebuild with NODE_ENV=production' : '',
        b.lazyRechartsChunks.length
          ? `recharts lazily in ${b.lazyRechartsChunks.join(', ')}`
          : 'no chunk contains recharts',
        top ? `largest in the entry (minified): ${top}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  } else {
    out.push({
      name: 'initial JS of the first route (gzip)',
      value: '—',
      budget: '≤ 200 KB, no recharts',
      pass: opts.check ? false : null,
      note: b && 'error' in b ? b.error : 'not measured (web/dist missing; run with --check)',
    });
  }
  const so = results.scaleOut;
  if (so) {
    out.push(
      'jobs' in so
        ? {
            name: `jobs exactly once over ${so.instances} server processes`,
            value: `${so.jobs.analysedOnce}/${so.jobs.submissions} analysed once, ${so.jobs.analysedTwiceOrMore} twice+; ${Object.entries(
              so.jobs.byInstance,
            )
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`,
            budget: 'every job once, on several workers',
            pass: so.jobs.exactlyOnce && Object.keys(so.jobs.byInstance).length > 1,
          }
        : { name: 'jobs exactly once over N processes', value: '—', budget: '—', pass: false, note: so.error },
    );
  }
  const c = results.coldStart;
  if (c && 'seconds' in c) {
    out.push({
      name: 'embedded cold start (fresh DATA_DIR → /readyz 200)',
      value: `${round(c.seconds, 2)} s`,
      budget: '≤ 15 s',
      pass: c.seconds <= 15,
    });
  } else {
    out.push({
      name: 'embedded cold start',
      value: '—',
      budget: '≤ 15 s',
      pass: opts.check ? false : null,
      note: c && 'error' in c ? c.error : 'not measured (server/dist missing; run with --check)',
    });
  }
  return out;
}

// ---------------------------------------------------------------- main

const t0 = performance.now();
let buildError: string | null = null;
if (opts.check && opts.build) {
  log('› pnpm build (web app and server bundle, NODE_ENV=production)');
  buildError = buildAll();
  if (buildError) log(`  build failed: ${buildError}`);
}

// The processes first: the submit scenario below enqueues analyses that their workers would have to
// work through before the run's own jobs.
if (opts.instances > 1) await scaleOut();
if (!scaleOutOnly) await postgresPhase();
if (opts.pgliteLearners > 0 && !scaleOutOnly) await pglitePhase();

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

results.budgets = budgets();
results.finishedAt = new Date().toISOString();
results.machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));
for (const run of [results.postgres, results.pglite]) {
  if (run) run.scenarios = run.scenarios.map((s) => ({ ...withoutSamples(s), description: s.description }));
}

log(
  `\nMachine: ${results.machine.cpus} × ${results.machine.cpuModel}; load average ${(results.machine.loadAverageStart as number[]).join(' ')} at the start, ${(results.machine.loadAverageEnd as number[]).join(' ')} at the end`,
);
log('');
if (results.postgres) printScenarios(`PostgreSQL — ${results.postgres.org.slug}`, results.postgres);
if (results.pglite) printScenarios(`PGlite — ${results.pglite.org.slug}`, results.pglite);
const lim = results.limits;
if (lim?.bareSql || lim?.read) {
  const parts: string[] = [];
  if (lim.bareSql && lim.dashboardVsBareSql) {
    parts.push(
      `bare dashboard SQL p50 ${lim.bareSql.latencyMs.p50} ms, p95 ${lim.bareSql.latencyMs.p95} ms ` +
        `(${lim.bareSql.statements} statements, ${lim.bareSql.iterations} sequential runs); ` +
        `app dashboard p95 / bare SQL p95 = ${lim.dashboardVsBareSql.ratio}×`,
    );
  }
  if (lim.read) parts.push(`roadmap.list app / bare Express = ${Math.round(lim.read.ratio * 100)}% of req/s`);
  log(`Limits: ${parts.join('; ')}`);
}
const so = results.scaleOut;
if (so && 'throughput' in so) {
  log(`\n${so.instances} server processes on one database (pids ${so.pids.join(', ')}):`);
  log(`  sessions shared: ${so.sharedSessions ? 'yes (logged in through instance-1, accepted by all)' : 'NO'}`);
  for (const t of so.throughput) {
    log(
      `  ${t.name.padEnd(18)} ${t.connections} connections: 1 instance ${t.single.rps} req/s (p95 ${t.single.p95} ms) → ` +
        `${so.instances} instances ${t.spread.rps} req/s [${t.spread.perInstance.map((p) => `${p.name} ${p.rps}`).join(', ')}] ` +
        `(p95 ${t.spread.p95} ms) = ×${t.ratio}`,
    );
  }
  const j = so.jobs;
  log(
    `  jobs: ${j.submissions} submissions, analysed exactly once ${j.analysedOnce}, twice+ ${j.analysedTwiceOrMore}, not ${j.notAnalysed}; ` +
      `by worker ${Object.entries(j.byInstance)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; pg-boss ${j.pgBoss.completed}/${j.pgBoss.jobs} completed, ${j.pgBoss.retried} retried; ` +
      `${j.exactlyOnce ? 'EXACTLY ONCE' : 'NOT EXACTLY ONCE'}`,
  );
} else if (so) log(`\nscale-out run failed: ${so.error}`);
printBudgets(results.budgets);

const dir = path.join(ROOT, 'bench/results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
const json = `${JSON.stringify(results, null, 2)}\n`;
fs.writeFileSync(file, json);
fs.writeFileSync(path.join(dir, 'latest.json'), json);
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
