/**
 * `pnpm test:faults [pg-restart|kill-server|kill-worker|sigterm …]` (default: all four, in turn).
 * Each drill starts its own throwaway PostgreSQL cluster, seeds a small tenant, runs the real built
 * server as a child process against a fake GitHub, breaks something on purpose while logged-in
 * clients submit and review, and checks what must hold. It prints what it did and what it checked,
 * and exits 0 only when every check passed. Loopback only; everything is torn down afterwards.
 */
import { logIn } from '../bench/lib/http';
import { type FakeGithub, startFakeGithub } from '../tests/helpers/fake-github';
import type { AppProcess } from '../tests/helpers/server-process';
import { Clients, type RequestRecord } from './lib/clients';
import { type Cluster, startCluster } from './lib/cluster';
import {
  Checks,
  cleanup,
  ensureBuilt,
  machine,
  main,
  onCleanup,
  printErrors,
  serverEnv,
  sleep,
  startServer,
  waitFor,
} from './lib/harness';
import {
  adminSql,
  analysisStates,
  checkAcknowledged,
  checkWhole,
  fmt,
  jobStates,
  type Sql,
  strandedCount,
} from './lib/integrity';
import { type Population, seedAndDiscover } from './lib/population';

const DRILLS = ['pg-restart', 'kill-server', 'kill-worker', 'sigterm'] as const;
type Drill = (typeof DRILLS)[number];

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.includes('--help')) {
  console.log(`Usage: pnpm test:faults [${DRILLS.join('|')} …]  (default: all)`);
  process.exit(0);
}
const unknown = args.filter((a) => !(DRILLS as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`Unknown drill ${unknown.join(', ')}: choose from ${DRILLS.join(', ')}`);
  process.exit(2);
}
const chosen: Drill[] = args.length ? (args as Drill[]) : [...DRILLS];

/** The analysis job's timing for the drills: a dead worker's job is retried in seconds. */
const JOB_ENV = { ANALYSIS_TIMEOUT_SECONDS: '5', ANALYSIS_RETRY_DELAY_SECONDS: '1' };
const REPO_OWNER = 'ops-drill';
const log = (line: string) => console.log(line);

interface Env {
  cluster: Cluster;
  pop: Population;
  github: FakeGithub;
  sql: Sql;
  env: Record<string, string>;
}

async function setUp(): Promise<Env> {
  const cluster = await startCluster(log);
  onCleanup(() => cluster.destroy());
  const { population: pop, seconds } = await seedAndDiscover(
    cluster.appUrl,
    { learners: 60, cohorts: 2, submissions: 400 },
    () => {},
  );
  log(`› seeded 60 learners in 2 cohorts, ~400 submissions (${seconds.toFixed(1)} s)`);
  const github = await startFakeGithub();
  onCleanup(() => github.close());
  // The seed leaves some analyses "queued" with no job (as if from before the queue existed): the
  // server's sweep re-queues them at start. Settle that first so the drills measure their own work.
  const env = serverEnv(cluster.appUrl, {
    AUTH_RATE_LIMIT: '10000',
    MUTATION_RATE_LIMIT: '100000',
    JOBS_ENABLED: 'true',
    GITHUB_API_URL: github.url,
    ...JOB_ENV,
  });
  return { cluster, pop, github, sql: adminSql(cluster), env };
}

/** Each drill submission's repository exists on the fake GitHub (a copy of the node-api fixture). */
function addRepo(github: FakeGithub, owner: string, name: string, scenario?: Parameters<FakeGithub['setScenario']>[1]) {
  const base = github.repoDef('acme/node-api');
  github.addRepo({
    ...base,
    owner,
    name,
    id: 100_000 + Math.floor(Math.random() * 1e9),
    ...(scenario ? { scenario } : {}),
  });
}

function newClients(e: Env, app: AppProcess, n: number, runId: string, writeFactor: number, slowTreeMs = 0) {
  return new Clients(e.pop, {
    baseUrl: app.url,
    clients: n,
    durationSeconds: 3600,
    runId,
    repoOwner: REPO_OWNER,
    writeFactor,
    timeoutMs: 20_000,
    beforeSubmit: (owner, repo) =>
      addRepo(e.github, owner, repo, slowTreeMs ? { delay: { on: 'tree', ms: slowTreeMs } } : undefined),
  });
}

const ok2xx = (r: RequestRecord) => r.status >= 200 && r.status < 300;
const errorsIn = (rs: RequestRecord[], from: number, to: number) =>
  rs.filter((r) => r.startedAt >= from && r.startedAt < to && !ok2xx(r));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function readyz(url: string): Promise<number> {
  try {
    const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) });
    return r.status;
  } catch {
    return 0;
  }
}

/**
 * Waits until every given submission's analysis is done; returns how long it took. The budget
 * grows with the backlog: one worker runs about one analysis a second (pg-boss polls every second).
 */
async function waitAnalysed(sql: Sql, ids: string[], minMs: number): Promise<number | null> {
  const t0 = performance.now();
  const s0 = await analysisStates(sql, ids);
  const ms = minMs + 2000 * ((s0.queued ?? 0) + (s0.running ?? 0));
  const done = await waitFor(
    async () => {
      const s = await analysisStates(sql, ids);
      return (s.done ?? 0) === ids.length;
    },
    ms,
    500,
  );
  return done ? performance.now() - t0 : null;
}

// ---------------------------------------------------------------- pg-restart

async function pgRestart(checks: Checks) {
  const e = await setUp();
  const app = await startServer(e.env);
  log(`› server ${app.url} (pid ${app.child.pid}), jobs on (${fmtEnv(JOB_ENV)})`);
  const clients = newClients(e, app, 30, `pg${Date.now().toString(36)}`, 1);
  await clients.logIn(log);
  const running = clients.run();
  const outages: {
    mode: 'fast' | 'immediate';
    down: number;
    up: number;
    saw503: boolean;
    readyAfterMs: number | null;
  }[] = [];
  await sleep(5000);
  for (const mode of ['fast', 'immediate'] as const) {
    const before = await readyz(app.url);
    log(`› /readyz before: ${before}; stopping PostgreSQL (pg_ctl stop -m ${mode}) for 4 s under load…`);
    const down = performance.now();
    e.cluster.stop(mode);
    let saw503 = false;
    const probe = (async () => {
      while (!e.cluster.isRunning()) {
        if ((await readyz(app.url)) === 503) saw503 = true;
        await sleep(200);
      }
    })();
    await sleep(4000);
    e.cluster.start();
    const up = performance.now();
    await probe;
    const ready = await waitFor(async () => (await readyz(app.url)) === 200, 30_000, 100);
    const readyAfterMs = ready ? performance.now() - up : null;
    await sleep(5000);
    // the requests that overlapped the outage: how many failed, how long the others waited
    const during = clients.records.filter((r) => r.startedAt <= up && r.startedAt + r.ms >= down);
    const failed = during.filter((r) => !ok2xx(r));
    const waited = Math.max(0, ...during.filter(ok2xx).map((r) => r.ms));
    const afterUp = clients.records.filter((r) => r.startedAt > up);
    outages.push({ mode, down, up, saw503, readyAfterMs });
    log(
      `  PostgreSQL back after ${secs(up - down)}; /readyz 503 while down: ${saw503 ? 'yes' : 'NO'}; 200 again ${readyAfterMs === null ? 'NEVER' : `${secs(readyAfterMs)} after its return`}`,
    );
    log(
      `  ${during.length} requests overlapped the outage: ${failed.length} failed (${[...new Set(failed.map((r) => r.status || 'socket'))].join(', ') || '—'}), the rest waited up to ${secs(waited)} and succeeded; after the return: ${afterUp.filter((r) => !ok2xx(r)).length} of ${afterUp.length} requests failed`,
    );
  }
  await sleep(3000);
  clients.stop();
  await running;
  const end = performance.now();
  const total = clients.records.length;
  const failed = clients.records.filter((r) => !ok2xx(r));
  log(`› ${total} requests in all, ${failed.length} failed:`);
  printErrors(failed, 6);

  log('\nChecks:');
  for (const o of outages) {
    checks.check(o.saw503, `/readyz answered 503 while PostgreSQL was down (${o.mode})`);
    checks.check(
      o.readyAfterMs !== null && o.readyAfterMs < 15_000,
      `/readyz 200 again within 15 s of PostgreSQL's return (${o.mode})`,
      o.readyAfterMs === null ? 'never' : secs(o.readyAfterMs),
    );
  }
  const lastUp = outages.at(-1)!.up;
  const settled = errorsIn(clients.records, lastUp + 5000, end);
  checks.check(
    settled.length === 0,
    'no failed request from 5 s after the last restart to the end',
    `${settled.length} failed`,
  );
  const outside = clients.records.filter(
    (r) => !ok2xx(r) && !outages.some((o) => r.startedAt + r.ms >= o.down - 100 && r.startedAt <= o.up + 5000),
  );
  checks.check(outside.length === 0, 'every failed request overlapped an outage', `${outside.length} outside`);
  const as500 = clients.records.filter((r) => r.status >= 500 && r.status !== 503);
  checks.check(
    as500.length === 0,
    'requests failed by the outage answered 503 (try again), never 500',
    `${as500.length} other 5xx`,
  );
  checks.check(
    app.child.exitCode === null && app.child.signalCode === null,
    'the server process was never restarted',
    `pid ${app.child.pid}`,
  );
  await checkAcknowledged(e.sql, clients.acks, checks);
  await checkWhole(e.sql, checks);
  const ids = clients.acks.submissions.map((s) => s.submissionId);
  const stranded = await strandedCount(e.sql, ids);
  log(`  (analyses left without a job by the outages: ${stranded}; the server's sweep re-queues them)`);
  const took = await waitAnalysed(e.sql, ids, 30_000);
  checks.check(
    took !== null,
    'every acknowledged submission gets analysed (the queue recovered too)',
    took === null ? fmt(await analysisStates(e.sql, ids)) : `${ids.length} done within ${secs(took)}`,
  );
  const code = await app.stop('SIGTERM');
  checks.check(code === 0, 'the server still stops cleanly', `exit ${code}`);
}

// ---------------------------------------------------------------- kill-server

async function killServer(checks: Checks) {
  const e = await setUp();
  const first = await startServer(e.env);
  log(
    `› server A ${first.url} (pid ${first.child.pid}), jobs on (${fmtEnv(JOB_ENV)}); each analysis takes ≥ 0.6 s (slow fake GitHub)`,
  );
  const clients = newClients(e, first, 30, `ks${Date.now().toString(36)}`, 3, 600);
  await clients.logIn(log);
  const running = clients.run();
  await sleep(10_000 + Math.random() * 2000);
  const killedAt = performance.now();
  first.child.kill('SIGKILL');
  await first.stop('SIGKILL');
  const inFlight = clients.records.filter((r) => r.startedAt < killedAt && r.startedAt + r.ms >= killedAt - 1).length;
  await sleep(500);
  clients.stop();
  await running;
  const ids = clients.acks.submissions.map((s) => s.submissionId);
  const reviewsAcked = clients.acks.reviews.length;
  log(
    `› kill -9 server A after ${secs(killedAt - clients.startedAt)} of load: ${clients.records.length} requests (${inFlight} cut off at the kill), ${ids.length} submissions and ${reviewsAcked} reviews acknowledged`,
  );
  const atKill = await analysisStates(e.sql, ids);
  const jobsAtKill = await jobStates(e.sql, ids);
  const stranded = await strandedCount(e.sql, ids);
  const pending = (atKill.queued ?? 0) + (atKill.running ?? 0);
  log(`  analyses at the kill: ${fmt(atKill)}; their jobs: ${fmt(jobsAtKill)}; without a job: ${stranded}`);

  log('\nChecks (before restart):');
  await checkAcknowledged(e.sql, clients.acks, checks);
  await checkWhole(e.sql, checks);

  const second = await startServer(e.env);
  const restarted = performance.now();
  log(`\n› server B ${second.url} (pid ${second.child.pid}) started`);
  const took = await waitAnalysed(e.sql, ids, 30_000);
  const [retried] = await e.sql<{ n: number }[]>`
    select count(*)::int as n from pgboss.job
    where name = 'repo-analysis' and retry_count > 0 and (data->>'submissionId')::uuid = any(${ids}::uuid[])`;
  log(
    `  analyses now: ${fmt(await analysisStates(e.sql, ids))}; jobs: ${fmt(await jobStates(e.sql, ids))} (${retried!.n} retried after expiring on the dead server)`,
  );
  log('\nChecks (after restart):');
  checks.check(
    pending > 0,
    'analyses were pending at the kill (the drill tested something)',
    `${pending} queued or running`,
  );
  checks.check(
    took !== null,
    'queued analyses resume: every acknowledged submission is analysed after the restart',
    took === null ? 'timed out' : `${ids.length} done ${secs(performance.now() - restarted)} after the restart`,
  );
  const [rows] = await e.sql<{ n: number; subs: number }[]>`
    select count(*)::int as n, count(distinct submission_id)::int as subs from repo_analyses where submission_id = any(${ids}::uuid[])`;
  checks.check(
    rows!.n === ids.length && rows!.subs === ids.length,
    'one analysis row per submission',
    `${rows!.n} rows for ${ids.length} submissions`,
  );
  await checkWhole(e.sql, checks);
  const code = await second.stop('SIGTERM');
  checks.check(code === 0, 'server B stops cleanly', `exit ${code}`);
}

// ---------------------------------------------------------------- kill-worker

async function killWorker(checks: Checks) {
  const e = await setUp();
  // The web server takes the requests; the worker is a second server process whose only client
  // is pg-boss (JOBS_ENABLED=true there, false on the web server).
  const web = await startServer({ ...e.env, JOBS_ENABLED: 'false' });
  const worker1 = await startServer(e.env);
  log(`› web server ${web.url} (jobs off), worker 1 pid ${worker1.child.pid} (jobs on, ${fmtEnv(JOB_ENV)})`);
  // settle the seed's own queued analyses first
  await waitFor(
    async () => (await e.sql`select 1 from pgboss.job where state < 'completed' limit 1`).length === 0,
    60_000,
    500,
  );
  const runId = `kw${Date.now().toString(36)}`;
  const learner = e.pop.cohorts[0]!.learners[0]!;
  const cookie = await logIn(web.url, web.url, learner.email, e.pop.password);
  const repos = [1, 2, 3].map((i) => `${runId}-${i}`);
  // The repository endpoint of each answers after 60 s: a worker on it is "mid-analysis".
  for (const name of repos) addRepo(e.github, REPO_OWNER, name, { delay: { on: 'repo', ms: 60_000 } });
  const ids: string[] = [];
  for (const name of repos) {
    const r = await fetch(`${web.url}/trpc/submission.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web.url, cookie },
      body: JSON.stringify({
        json: {
          orgSlug: e.pop.orgSlug,
          cohortId: e.pop.cohorts[0]!.id,
          repoUrl: `https://github.com/${REPO_OWNER}/${name}`,
          claimedSkillIds: e.pop.claimableSkillIds.slice(0, 2),
          title: `Worker drill ${name}`,
        },
      }),
    });
    if (!r.ok) throw new Error(`submit failed: ${r.status} ${await r.text()}`);
    ids.push(
      ((await r.json()) as { result: { data: { json: { submissionId: string } } } }).result.data.json.submissionId,
    );
  }
  log(`› ${learner.email} submitted ${ids.length} repositories`);
  const running = await waitFor(async () => (await analysisStates(e.sql, ids)).running === 1, 30_000, 100);
  if (!running) throw new Error('no analysis started on worker 1');
  const [active] = await e.sql<{ id: string; submission: string }[]>`
    select id, data->>'submissionId' as submission from pgboss.job where name = 'repo-analysis' and state = 'active'
      and (data->>'submissionId')::uuid = any(${ids}::uuid[])`;
  const killedAt = performance.now();
  worker1.child.kill('SIGKILL');
  await worker1.stop('SIGKILL');
  log(
    `› kill -9 worker 1 while it analyses ${active!.submission} (job ${active!.id}); states: ${fmt(await analysisStates(e.sql, ids))}`,
  );
  // GitHub answers promptly from now on
  for (const name of repos) e.github.setScenario(`${REPO_OWNER}/${name}`, null);
  const worker2 = await startServer(e.env);
  log(`› worker 2 pid ${worker2.child.pid} started`);
  const took = await waitAnalysed(e.sql, ids, 30_000);
  const doneAfter = performance.now() - killedAt;
  const jobs = await e.sql<{ submission: string; state: string; retries: number }[]>`
    select data->>'submissionId' as submission, state::text, retry_count as retries from pgboss.job
    where name = 'repo-analysis' and (data->>'submissionId')::uuid = any(${ids}::uuid[]) order by created_on`;
  for (const j of jobs) log(`  job for ${j.submission}: ${j.state}, retried ${j.retries}×`);
  const rows = await e.sql<{ submission: string; status: string; analysedAt: Date | null }[]>`
    select submission_id::text as submission, status::text, analysed_at as "analysedAt" from repo_analyses where submission_id = any(${ids}::uuid[])`;
  const repoCalls = (name: string) => e.github.calls.filter((c) => c.path === `/repos/${REPO_OWNER}/${name}`).length;

  log('\nChecks:');
  checks.check(
    took !== null,
    'every analysis is done, the killed one included',
    took === null ? fmt(await analysisStates(e.sql, ids)) : `all done ${secs(doneAfter)} after the kill`,
  );
  const killedJobs = jobs.filter((j) => j.submission === active!.submission);
  checks.check(
    killedJobs.length === 1 && killedJobs[0]!.state === 'completed' && killedJobs[0]!.retries >= 1,
    'the killed job was retried (pg-boss expired it after ANALYSIS_TIMEOUT_SECONDS) and completed',
    killedJobs.map((j) => `${j.state}, ${j.retries} retries`).join('; '),
  );
  checks.check(
    jobs.filter((j) => j.state === 'completed').length === ids.length && jobs.length === ids.length,
    'exactly one completed job per submission (no duplicate runs)',
    `${jobs.length} jobs for ${ids.length} submissions`,
  );
  checks.check(
    rows.length === ids.length && rows.every((r) => r.status === 'done' && r.analysedAt),
    'exactly one analysis row per submission, recorded as done',
    `${rows.length} rows`,
  );
  const killedRepo = repos[ids.indexOf(active!.submission)]!;
  checks.check(
    repoCalls(killedRepo) === 2,
    'the killed analysis reached GitHub twice (the dead run and the retry), the others once',
    repos.map((r) => `${r}: ${repoCalls(r)}`).join(', '),
  );
  checks.check((await readyz(web.url)) === 200, 'the web server was unaffected', '/readyz 200');
  await checkWhole(e.sql, checks);
  for (const p of [web, worker2]) {
    const code = await p.stop('SIGTERM');
    checks.check(code === 0, `pid ${p.child.pid} stops cleanly`, `exit ${code}`);
  }
}

// ---------------------------------------------------------------- sigterm

async function sigterm(checks: Checks) {
  const e = await setUp();
  const app = await startServer({ ...e.env, LOG_LEVEL: 'info' });
  log(`› server ${app.url} (pid ${app.child.pid})`);
  const clients = newClients(e, app, 50, `st${Date.now().toString(36)}`, 1);
  await clients.logIn(log);
  const running = clients.run();
  await sleep(5000 + Math.random() * 1000);
  const at = performance.now();
  app.child.kill('SIGTERM');
  const code = await app.stop('SIGTERM');
  const exitedAfter = performance.now() - at;
  clients.stop();
  await running;
  const before = clients.records.filter((r) => r.startedAt < at);
  const inFlight = before.filter((r) => r.startedAt + r.ms >= at);
  const inFlightFailed = inFlight.filter((r) => !ok2xx(r));
  const earlierFailed = before.filter((r) => !ok2xx(r) && r.startedAt + r.ms < at);
  const after = clients.records.filter((r) => r.startedAt >= at);
  log(
    `› SIGTERM after ${secs(at - clients.startedAt)} of load with ${inFlight.length} requests in flight; exit ${code} after ${secs(exitedAfter)}; ${after.filter(ok2xx).length} later requests still answered on open connections, ${after.filter((r) => !ok2xx(r)).length} refused`,
  );
  if (inFlightFailed.length) printErrors(inFlightFailed);

  log('\nChecks:');
  checks.check(
    inFlight.length > 0,
    'requests were in flight at SIGTERM (the drill tested something)',
    `${inFlight.length}`,
  );
  checks.check(
    inFlightFailed.length === 0,
    'every request in flight at SIGTERM completed with 2xx',
    `${inFlightFailed.length} failed`,
  );
  checks.check(earlierFailed.length === 0, 'no request failed before SIGTERM', `${earlierFailed.length}`);
  checks.check(code === 0, 'the server exited 0', `exit ${code}`);
  checks.check(
    app.output().includes('Masar stopped'),
    'it logged "Masar stopped" (drained, queue and database closed)',
  );
  await checkAcknowledged(e.sql, clients.acks, checks);
  await checkWhole(e.sql, checks);
}

// ----------------------------------------------------------------

function fmtEnv(env: Record<string, string>) {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const RUN: Record<Drill, (c: Checks) => Promise<void>> = {
  'pg-restart': pgRestart,
  'kill-server': killServer,
  'kill-worker': killWorker,
  sigterm,
};

const TITLES: Record<Drill, string> = {
  'pg-restart': 'restart PostgreSQL (fast, then immediate) during load',
  'kill-server': 'kill -9 the server during submissions and reviews, then restart it',
  'kill-worker': 'kill -9 a worker mid-analysis',
  sigterm: 'SIGTERM the server during load',
};

main('test:faults', async () => {
  log(`test:faults — ${chosen.join(', ')}\n  machine: ${machine()}`);
  ensureBuilt();
  const results: [Drill, boolean, number][] = [];
  for (const d of chosen) {
    log(`\n== ${d}: ${TITLES[d]}`);
    const t0 = performance.now();
    const checks = new Checks();
    try {
      await RUN[d](checks);
    } catch (err) {
      checks.check(false, `the drill ran to the end`, (err as Error).stack ?? String(err));
    }
    await cleanup();
    results.push([d, checks.summary(d), performance.now() - t0]);
  }
  log('\nSummary:');
  for (const [d, ok, ms] of results) log(`  ${ok ? 'PASS' : 'FAIL'}  ${d} (${secs(ms)})`);
  return results.every(([, ok]) => ok);
});
