/**
 * `pnpm bench --instances N`: N Masar server processes on the one bench database, each with its own
 * pool and its own job worker, the load spread over them by the client (each instance gets its
 * share of the connections — what a round-robin load balancer does per connection). Shows:
 *
 * - a session created through one instance is accepted by every other one (sessions in Postgres);
 * - req/s per instance and in total, against one instance taking all the connections (alternating
 *   slices, so both see the same background load);
 * - jobs processed exactly once: submissions made through all instances enqueue their analysis;
 *   both workers take jobs from the one pg-boss queue, against a local fake GitHub whose token tells
 *   which instance called; every submission must get exactly one analysis run (one
 *   `GET /repos/{owner}/{repo}`), one completed job without retries, and a `done` analysis row.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import postgres from 'postgres';
import { type FakeGithub, startFakeGithub } from '../../tests/helpers/fake-github';
import type { Target } from './discover';
import { logIn, trpcGet, trpcGetPath, trpcPostPath } from './http';
import { type LoadResult, mergeLoads, runLoad } from './load';
import { BENCH_PASSWORD } from './seeder';
import { BENCH_ORIGIN } from './server';
import { round } from './stats';

export interface Instance {
  name: string;
  url: string;
  pid: number;
  token: string;
  stop(): Promise<void>;
}

const MAIN = path.join(import.meta.dirname, 'instance-main.ts');

/** Starts one server process (tsx), resolves once it listens. */
function startInstance(
  name: string,
  spec: { databaseUrl: string; githubApiUrl: string; logFile?: string | undefined },
): Promise<Instance> {
  const token = `bench-${name}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: path.dirname(import.meta.dirname),
    env: { ...process.env, BENCH_INSTANCE: JSON.stringify({ ...spec, githubToken: token }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance ${name} did not start within 60 s`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance ${name} exited with code ${code} before listening`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const { url, pid } = JSON.parse(line) as { url: string; pid: number };
      resolve({
        name,
        url,
        pid,
        token,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(force);
        },
      });
    });
  });
}

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
  jobs: {
    submissions: number;
    submitErrors: number;
    submittedThrough: Record<string, number>;
    secondsToDrain: number | null;
    /** GitHub repository calls per submission (1 = analysed exactly once). */
    analysedOnce: number;
    analysedTwiceOrMore: number;
    notAnalysed: number;
    /** Which instance's worker ran the analyses (by its GitHub token). */
    byInstance: Record<string, number>;
    pgBoss: { jobs: number; completed: number; retried: number; other: Record<string, number> };
    analyses: Record<string, number>;
    /** Other analysis jobs waiting in the queue when the instances started (earlier runs' submits). */
    backlogAtStart: number;
    exactlyOnce: boolean;
  };
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

async function jobsExactlyOnce(p: {
  target: Target;
  jobs: number;
  github: FakeGithub;
  admin: postgres.Sql;
  all: Instance[];
  backlog: number;
  log: (line: string) => void;
}): Promise<ScaleOutResult['jobs']> {
  const { target, github, admin, all, log } = p;
  const run = Date.now().toString(36);
  const owner = `benchjobs-${run}`;
  const template = github.repoDef('acme/node-api');
  for (let i = 1; i <= p.jobs; i++) github.addRepo({ ...template, id: 900_000 + i, owner, name: `service-${i}` });
  github.resetCalls();

  // Ten learners, each logged in through a different instance; submissions round-robin over the instances.
  const learners = await Promise.all(
    target.learners.slice(0, 10).map((l, i) => logIn(all[i % all.length]!.url, BENCH_ORIGIN, l.email, BENCH_PASSWORD)),
  );
  const claimed = target.claimableSkillIds.slice(0, 2);
  const ids: string[] = [];
  const through: Record<string, number> = {};
  let submitErrors = 0;
  const t0 = performance.now();
  log(`  jobs: ${p.jobs} submissions through ${all.length} instances (10 at a time), each enqueues an analysis…`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (;;) {
        const i = next++;
        if (i >= p.jobs) return;
        const inst = all[i % all.length]!;
        const res = await fetch(`${inst.url}${trpcPostPath('submissions.submit')}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: BENCH_ORIGIN, cookie: learners[i % learners.length]! },
          body: JSON.stringify({
            json: {
              orgSlug: target.slug,
              cohortId: target.cohort.id,
              repoUrl: `https://github.com/${owner}/service-${i + 1}`,
              briefId: null,
              claimedSkillIds: claimed,
              title: `Scale-out job ${i + 1}`,
              note: 'Submitted by pnpm bench --instances.',
            },
          }),
        });
        const text = await res.text();
        if (!res.ok) {
          submitErrors++;
          continue;
        }
        const id = (JSON.parse(text) as { result: { data: { json: { submissionId: string } } } }).result.data.json
          .submissionId;
        ids.push(id);
        through[inst.name] = (through[inst.name] ?? 0) + 1;
      }
    }),
  );

  // Wait until every one of them has a finished analysis. Each worker takes about one job a second
  // (pg-boss polls every second for one job), after whatever was queued before.
  const waitSeconds = Math.round(120 + (1.5 * (p.backlog + p.jobs)) / all.length);
  const analysisStates = async () => {
    const rows = await admin.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${target.orgId}, true)`;
      return tx<{ status: string; n: number }[]>`
        select status::text, count(*)::int as n from repo_analyses
        where org_id = ${target.orgId} and submission_id = any(${ids}::uuid[]) group by status`;
    });
    return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  };
  let states: Record<string, number> = {};
  let drained: number | null = null;
  const deadline = performance.now() + waitSeconds * 1000;
  while (performance.now() < deadline) {
    states = await analysisStates();
    const finished = (states.done ?? 0) + (states.failed ?? 0);
    if (finished >= ids.length) {
      drained = round((performance.now() - t0) / 1000, 1);
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // Let a (wrong) second delivery show up if there were one.
  await new Promise((r) => setTimeout(r, 2_000));
  states = await analysisStates();

  const repoCalls = new Map<string, number>();
  const byInstance: Record<string, number> = {};
  for (const c of github.calls) {
    const m = new RegExp(`^/repos/${owner}/(service-\\d+)$`).exec(c.path.split('?')[0]!);
    if (!m) continue;
    repoCalls.set(m[1]!, (repoCalls.get(m[1]!) ?? 0) + 1);
    const inst = all.find((i) => c.headers.authorization === `Bearer ${i.token}`);
    const name = inst?.name ?? 'unknown';
    byInstance[name] = (byInstance[name] ?? 0) + 1;
  }
  let once = 0;
  let twice = 0;
  for (let i = 1; i <= p.jobs; i++) {
    const n = repoCalls.get(`service-${i}`) ?? 0;
    if (n === 1) once++;
    else if (n > 1) twice++;
  }
  const notAnalysed = ids.length - once - twice;
  // pg-boss 12 keeps completed jobs in pgboss.job (until the queue's deleteAfterSeconds; no archive)
  const jobRows = await admin<{ state: string; retried: boolean; n: number }[]>`
    select state::text, retry_count > 0 as retried, count(*)::int as n from pgboss.job
    where name = 'repo-analysis' and data->>'submissionId' = any(${ids}) group by 1, 2`;
  const pgBoss = { jobs: 0, completed: 0, retried: 0, other: {} as Record<string, number> };
  for (const r of jobRows) {
    pgBoss.jobs += r.n;
    if (r.retried) pgBoss.retried += r.n;
    if (r.state === 'completed') pgBoss.completed += r.n;
    else pgBoss.other[r.state] = (pgBoss.other[r.state] ?? 0) + r.n;
  }
  const exactlyOnce =
    submitErrors === 0 &&
    ids.length === p.jobs &&
    once === p.jobs &&
    twice === 0 &&
    pgBoss.jobs === p.jobs &&
    pgBoss.completed === p.jobs &&
    pgBoss.retried === 0 &&
    (states.done ?? 0) === p.jobs;
  const result = {
    submissions: ids.length,
    submitErrors,
    submittedThrough: through,
    secondsToDrain: drained,
    analysedOnce: once,
    analysedTwiceOrMore: twice,
    notAnalysed,
    byInstance,
    pgBoss,
    analyses: states,
    backlogAtStart: p.backlog,
    exactlyOnce,
  };
  log(
    `  jobs: ${ids.length} submitted (${Object.entries(through)
      .map(([k, v]) => `${v} via ${k}`)
      .join(
        ', ',
      )}${submitErrors ? `, ${submitErrors} failed` : ''}); all analysed in ${drained ?? `> ${waitSeconds}`} s` +
      (p.backlog ? ` (after ${p.backlog} earlier jobs waiting in the queue; \`pnpm bench:seed\` clears them)` : ''),
  );
  log(
    `  jobs: analysed exactly once ${once}/${p.jobs}, twice or more ${twice}, not at all ${notAnalysed}; ` +
      `workers: ${Object.entries(byInstance)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; pg-boss: ${pgBoss.jobs} jobs, ${pgBoss.completed} completed, ${pgBoss.retried} retried; ` +
      `analyses ${JSON.stringify(states)} → ${exactlyOnce ? 'EXACTLY ONCE' : 'NOT exactly once'}`,
  );
  return result;
}
