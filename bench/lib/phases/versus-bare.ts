/**
 * The app against its floors on PostgreSQL, in alternating slices so both sides see the same
 * background load: the cohort dashboard at one connection against its own statements replayed as
 * bare SQL, and the org-scoped read (roadmap.list) against a bare Express handler doing the same
 * query, plus three diagnostic handlers that split the gap into "round trips" and "framework".
 */
import type { Target } from '../discover';
import { trpcGetPath } from '../http';
import { type BareMode, type CapturedQuery, dashboardStatements, openBareSql, startBareExpress } from '../limits';
import { type LoadResult, mergeLoads, runLoad } from '../load';
import { type Results, type RunContext, type TargetRun, withoutSamples } from '../results';
import { sliceSeconds, wanted } from '../run-options';
import { baseSpec, dashboardSpec, type Sessions, summaryLine } from '../scenarios';
import type { BenchServer } from '../server';
import { round, summarize } from '../stats';

interface Measured {
  url: string;
  server: BenchServer;
  target: Target;
  sessions: Sessions;
  /** Where the measured scenarios go. */
  run: TargetRun;
  limits: NonNullable<Results['limits']>;
}

/** `dashboards.cohort@1` against the bare SQL of the statements it sends (`statements`). */
export async function dashboardVsBareSql(ctx: RunContext, m: Measured & { statements: CapturedQuery[] }) {
  const { opts, log } = ctx;
  if (!wanted(opts, 'dashboards.cohort@1')) return;
  const own = dashboardStatements(m.statements);
  const bare = await openBareSql(m.url, m.target.orgId, own);
  const appSlices: LoadResult[] = [];
  const sqlTimes: number[] = [];
  const perRound = Math.max(1, Math.round(opts.sqlIterations / opts.rounds));
  process.stdout.write(
    `  postgres: dashboards.cohort@1 vs bare SQL (${opts.rounds} × [${round(sliceSeconds(opts), 1)} s app, ${perRound} SQL runs])… `,
  );
  try {
    await bare.sample(Math.min(20, opts.sqlIterations)); // warm-up
    for (let r = 0; r < opts.rounds; r++) {
      appSlices.push(
        await runLoad({
          ...dashboardSpec(opts, m.server, m.target, m.sessions, 1),
          duration: sliceSeconds(opts),
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
  m.run.scenarios.push({
    ...app,
    description: 'the same, one connection (latency without queueing), interleaved with the bare SQL',
  });
  m.limits.bareSql = bareSql;
  m.limits.dashboardVsBareSql = {
    appP95: app.latencyMs.p95,
    bareP95: bareSql.latencyMs.p95,
    ratio: round(app.latencyMs.p95 / bareSql.latencyMs.p95, 2),
  };
}

const READ_VARIANTS: { mode: BareMode | 'app'; name: string; description: string }[] = [
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

/** roadmap.list through the app against the bare handlers. */
export async function readVsBareExpress(ctx: RunContext, m: Measured) {
  const { opts, log } = ctx;
  if (!wanted(opts, 'roadmaps.list')) return;
  const variants = READ_VARIANTS;
  const servers = new Map<string, { url: string; close(): Promise<void> }>();
  const slices = new Map<string, LoadResult[]>(variants.map((v) => [v.name, []]));
  log(
    `  postgres: roadmap.list, app and 4 bare handlers (${opts.rounds} rounds × ${round(sliceSeconds(opts), 1)} s each)…`,
  );
  try {
    for (const v of variants) {
      if (v.mode !== 'app') servers.set(v.name, await startBareExpress(m.url, m.target, v.mode));
    }
    for (let r = 0; r < opts.rounds; r++) {
      for (const v of variants) {
        const isApp = v.mode === 'app';
        slices.get(v.name)!.push(
          await runLoad({
            ...baseSpec(opts, m.server),
            name: v.name,
            url: isApp ? m.server.url : servers.get(v.name)!.url,
            duration: sliceSeconds(opts),
            warmup: r === 0 ? opts.warmup : 0,
            kind: 'get',
            cookies: [m.sessions.mentor],
            paths: [isApp ? trpcGetPath('roadmaps.list', { orgSlug: m.target.slug }) : '/roadmaps'],
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
  m.limits.read = {
    app: withoutSamples(app),
    bare: withoutSamples(bare),
    ratio: round(app.rps / bare.rps, 3),
    diagnostic: {
      appProtocolRps: round(merged.get('app-protocol')!.rps, 1),
      preparedRps: round(merged.get('prepared')!.rps, 1),
      pipelinedRps: round(merged.get('pipelined')!.rps, 1),
    },
  };
  m.run.scenarios.push(...merged.values());
}
