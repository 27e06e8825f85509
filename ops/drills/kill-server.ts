/**
 * `kill -9` the server during submissions and reviews (analyses slowed by the fake GitHub), then
 * start another: nothing acknowledged is lost or half-written, the queued analyses resume, one
 * analysis per submission.
 */
import { type Checks, sleep, startServer } from '../lib/harness';
import { analysisStates, checkAcknowledged, checkWhole, fmt, jobStates, strandedCount } from '../lib/integrity';
import { fmtEnv, JOB_ENV, log, newClients, secs, setUp, waitAnalysed } from './common';

export async function killServer(checks: Checks) {
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
