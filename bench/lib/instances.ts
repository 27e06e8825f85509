/**
 * `pnpm bench --instances N`: N Masar server processes on the one bench database, each with its own
 * pool and its own job worker, the load spread over them by the client (each instance gets its
 * share of the connections — what a round-robin load balancer does per connection). Shows:
 *
 * - a session created through one instance is accepted by every other one (sessions in Postgres);
 * - req/s per instance and in total, against one instance taking all the connections (alternating
 *   slices, so both see the same background load);
 * - jobs processed exactly once (./jobs-once.ts): submissions made through all instances enqueue
 *   their analysis, every one must be analysed exactly once by one of the workers.
 *
 * The processes themselves: ./instance-process.ts (started) and ./instance-main.ts (what runs).
 */
import postgres from 'postgres';
import { type FakeGithub, startFakeGithub } from '../../tests/helpers/fake-github';
import type { Target } from './discover';
import { logIn, trpcGet, trpcGetPath } from './http';
import { type Instance, startInstance } from './instance-process';
import { type JobsResult, jobsExactlyOnce } from './jobs-once';
import { type LoadResult, mergeLoads, runLoad } from './load';
import { BENCH_PASSWORD } from './seeder';
import { BENCH_ORIGIN } from './server';
import { round } from './stats';

export interface ScaleOutResult {
  instances: number;
  pids: number[];
  /** A session made through instance 1 answered 200 on every instance. */
  sharedSessions: boolean;
  throughput: {
    name: string;
    connections: number;
    single: { rps: number; p50: number; p95: number; errors: number };
    spread: { rps: number; p50: number; p95: number; errors: number; perInstance: { name: string; rps: number }[] };
    ratio: number;
  }[];
  jobs: JobsResult;
}

function stat(r: LoadResult) {
  return {
    rps: round(r.rps, 1),
    p50: r.latencyMs.p50,
    p95: r.latencyMs.p95,
    errors: r.errors + r.socketErrors,
  };
}

export async function scaleOutPhase(opts: {
  databaseUrl: string;
  target: Target;
  instances: number;
  jobs: number;
  duration: number;
  rounds: number;
  connections: number;
  warmup: number;
  logFile?: string | undefined;
  log: (line: string) => void;
}): Promise<ScaleOutResult> {
  const { target, log } = opts;
  const github: FakeGithub = await startFakeGithub();
  const admin = postgres(opts.databaseUrl, { max: 1, onnotice: () => {} });
  const started: Instance[] = [];
  try {
    const [backlog] = await admin<{ n: number }[]>`
      select count(*)::int as n from pgboss.job where name = 'repo-analysis' and state in ('created', 'retry')`.catch(
      () => [{ n: 0 }],
    );
    log(`› ${opts.instances} server processes on one database (own pools, own job workers; fake GitHub ${github.url})`);
    const all = await Promise.all(
      Array.from({ length: opts.instances }, (_, i) =>
        startInstance(`instance-${i + 1}`, {
          databaseUrl: opts.databaseUrl,
          githubApiUrl: github.url,
          logFile: opts.logFile,
        }).then((instance) => {
          // kept as soon as it listens, so a sibling that fails to start does not orphan it
          started.push(instance);
          return instance;
        }),
      ),
    );
    log(`  ${all.map((i) => `${i.name} pid ${i.pid} ${i.url}`).join('; ')}`);

    // Sessions live in Postgres: log in through the first instance, use the cookie on every one.
    const mentor = await logIn(all[0]!.url, BENCH_ORIGIN, target.mentorEmail, BENCH_PASSWORD);
    let sharedSessions = true;
    for (const inst of all) {
      try {
        await trpcGet(inst.url, mentor, 'roadmaps.list', { orgSlug: target.slug });
      } catch {
        sharedSessions = false;
      }
    }
    log(
      `  a session made through ${all[0]!.name} ${sharedSessions ? 'is accepted by every instance' : 'is NOT accepted by every instance'}`,
    );

    // Throughput: one instance with every connection vs the connections spread over all of them.
    const reads: { name: string; paths: string[] }[] = [
      { name: 'roadmaps.list', paths: [trpcGetPath('roadmaps.list', { orgSlug: target.slug })] },
      {
        name: 'dashboards.learner',
        paths: target.learners.map((l) =>
          trpcGetPath('dashboards.learner', { orgSlug: target.slug, cohortId: target.cohort.id, learnerId: l.id }),
        ),
      },
      { name: 'submissions.queue', paths: [trpcGetPath('submissions.queue', { orgSlug: target.slug })] },
    ];
    const slice = opts.duration / opts.rounds;
    const per = Math.max(1, Math.floor(opts.connections / all.length));
    const throughput: ScaleOutResult['throughput'] = [];
    for (const read of reads) {
      const single: LoadResult[] = [];
      const spread: LoadResult[][] = all.map(() => []);
      for (let r = 0; r < opts.rounds; r++) {
        const spec = {
          name: read.name,
          duration: slice,
          warmup: r === 0 ? opts.warmup : 0,
          origin: BENCH_ORIGIN,
          kind: 'get' as const,
          cookies: [mentor],
          paths: read.paths,
          raw: true,
        };
        // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
        const one = () => runLoad({ ...spec, url: all[0]!.url, connections: per * all.length });
        const many = () => Promise.all(all.map((inst) => runLoad({ ...spec, url: inst.url, connections: per })));
        let parts: LoadResult[];
        if (r % 2 === 0) {
          single.push(await one());
          parts = await many();
        } else {
          parts = await many();
          single.push(await one());
        }
        for (const [i, part] of parts.entries()) spread[i]!.push(part);
      }
      const one = mergeLoads(single);
      const each = spread.map((s) => mergeLoads(s));
      // The instances ran at the same time: their req/s add up; latencies pool.
      const pooled = mergeLoads(spread.flat());
      const totalRps = each.reduce((n, e) => n + e.rps, 0);
      const row = {
        name: read.name,
        connections: per * all.length,
        single: stat(one),
        spread: {
          rps: round(totalRps, 1),
          p50: pooled.latencyMs.p50,
          p95: pooled.latencyMs.p95,
          errors: pooled.errors + pooled.socketErrors,
          perInstance: each.map((e, i) => ({ name: all[i]!.name, rps: round(e.rps, 1) })),
        },
        ratio: round(totalRps / one.rps, 2),
      };
      throughput.push(row);
      log(
        `  ${read.name}: 1 instance ${row.single.rps} req/s (p95 ${row.single.p95} ms); ${all.length} instances ` +
          `${row.spread.rps} req/s = ${row.spread.perInstance.map((p) => p.rps).join(' + ')} (p95 ${row.spread.p95} ms); ×${row.ratio}`,
      );
    }

    const jobs = await jobsExactlyOnce({ ...opts, github, admin, all, backlog: backlog?.n ?? 0 });
    return { instances: all.length, pids: all.map((i) => i.pid), sharedSessions, throughput, jobs };
  } finally {
    await Promise.all(started.map((i) => i.stop()));
    await admin.end({ timeout: 5 });
    await github.close();
  }
}
