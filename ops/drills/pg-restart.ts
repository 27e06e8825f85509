/**
 * Restarts PostgreSQL (`pg_ctl stop -m fast`, then `-m immediate`) for 4 s each under load:
 * /readyz goes 503 and back, failed requests overlap an outage and answer 503, nothing
 * acknowledged is lost, the queue recovers.
 */
import { type Checks, printErrors, sleep, startServer, waitFor } from '../lib/harness';
import { analysisStates, checkAcknowledged, checkWhole, fmt, strandedCount } from '../lib/integrity';
import { errorsIn, fmtEnv, JOB_ENV, log, newClients, ok2xx, readyz, secs, setUp, waitAnalysed } from './common';

export async function pgRestart(checks: Checks) {
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
