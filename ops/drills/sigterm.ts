/**
 * SIGTERM the server during load: the requests in flight complete with 2xx, it exits 0 after
 * draining and says "Masar stopped", nothing acknowledged is lost.
 */
import { type Checks, printErrors, sleep, startServer } from '../lib/harness';
import { checkAcknowledged, checkWhole } from '../lib/integrity';
import { log, newClients, ok2xx, secs, setUp } from './common';

export async function sigterm(checks: Checks) {
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
