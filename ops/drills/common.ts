/**
 * What the fault drills share: a fresh cluster seeded with a small tenant and a fake GitHub per
 * drill, the drill clients, and small probes (readyz, waiting for analyses).
 */
import { type FakeGithub, startFakeGithub } from '../../tests/helpers/fake-github';
import type { AppProcess } from '../../tests/helpers/server-process';
import { Clients, type RequestRecord } from '../lib/clients';
import { type Cluster, startCluster } from '../lib/cluster';
import { onCleanup, serverEnv, waitFor } from '../lib/harness';
import { adminSql, analysisStates, type Sql } from '../lib/integrity';
import { type Population, seedAndDiscover } from '../lib/population';

/** The analysis job's timing for the drills: a dead worker's job is retried in seconds. */
export const JOB_ENV = { ANALYSIS_TIMEOUT_SECONDS: '5', ANALYSIS_RETRY_DELAY_SECONDS: '1' };
export const REPO_OWNER = 'ops-drill';
export const log = (line: string) => console.log(line);

export interface Env {
  cluster: Cluster;
  pop: Population;
  github: FakeGithub;
  sql: Sql;
  env: Record<string, string>;
}

export async function setUp(): Promise<Env> {
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
export function addRepo(
  github: FakeGithub,
  owner: string,
  name: string,
  scenario?: Parameters<FakeGithub['setScenario']>[1],
) {
  const base = github.repoDef('acme/node-api');
  github.addRepo({
    ...base,
    owner,
    name,
    id: 100_000 + Math.floor(Math.random() * 1e9),
    ...(scenario ? { scenario } : {}),
  });
}

export function newClients(e: Env, app: AppProcess, n: number, runId: string, writeFactor: number, slowTreeMs = 0) {
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

export const ok2xx = (r: RequestRecord) => r.status >= 200 && r.status < 300;
export const errorsIn = (rs: RequestRecord[], from: number, to: number) =>
  rs.filter((r) => r.startedAt >= from && r.startedAt < to && !ok2xx(r));
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function readyz(url: string): Promise<number> {
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
export async function waitAnalysed(sql: Sql, ids: string[], minMs: number): Promise<number | null> {
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

export function fmtEnv(env: Record<string, string>) {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
