/**
 * `pnpm test:load`: 200 logged-in clients doing a realistic mix for 60 s against the real built
 * server on its own throwaway PostgreSQL. Prints req/s and p50/p95/p99 per action and overall;
 * exits 1 on any error (a non-2xx answer or a socket error/timeout). Loopback only; it stops by
 * itself and removes everything it made.
 */
import postgres from 'postgres';
import { parseFlags } from '../bench/lib/args';
import { startFakeGithub } from '../tests/helpers/fake-github';
import { Clients } from './lib/clients';
import { startCluster } from './lib/cluster';
import {
  Checks,
  ensureBuilt,
  machine,
  main,
  onCleanup,
  printErrors,
  printStats,
  serverEnv,
  startServer,
  statsByAction,
} from './lib/harness';
import { seedAndDiscover } from './lib/population';

const opts = parseFlags(
  {
    clients: { type: 'int', default: 200, min: 1, max: 2000, help: 'concurrent logged-in clients' },
    duration: { type: 'int', default: 60, min: 1, max: 3600, help: 'seconds of measured load' },
    warmup: { type: 'int', default: 5, min: 0, max: 600, help: 'seconds of load before the measurement (not counted)' },
    learners: { type: 'int', default: 1000, min: 10, max: 100_000, help: 'learners in the seeded organisation' },
    cohorts: { type: 'int', default: 10, min: 1, max: 1000, help: 'its cohorts' },
    submissions: { type: 'int', default: 20000, min: 0, max: 1_000_000, help: 'its seeded submissions (about)' },
  },
  'Usage: pnpm test:load [flags]\n\nStarts its own PostgreSQL cluster and server; needs nothing running.\n',
);

main('test:load', async () => {
  const log = (line: string) => console.log(line);
  log(`test:load — ${opts.clients} clients, ${opts.duration} s (+${opts.warmup} s warm-up)\n  machine: ${machine()}`);
  ensureBuilt();
  const cluster = await startCluster(log);
  onCleanup(() => cluster.destroy());
  const { population: pop, seconds } = await seedAndDiscover(
    cluster.appUrl,
    { learners: opts.learners, cohorts: opts.cohorts, submissions: opts.submissions },
    () => {},
  );
  log(
    `› seeded ${opts.learners} learners in ${pop.cohorts.length} cohorts, ~${opts.submissions} submissions (${pop.cohorts.reduce((n, c) => n + c.waiting.length, 0)} waiting for review) in ${seconds.toFixed(1)} s`,
  );
  const github = await startFakeGithub();
  onCleanup(() => github.close());
  // One IP logs every client in and each client is one user hammering without pause: the per-IP
  // log-in budget and the per-user mutation budget are raised for this run (both through the env).
  const app = await startServer(
    serverEnv(cluster.appUrl, {
      AUTH_RATE_LIMIT: '10000',
      MUTATION_RATE_LIMIT: '100000',
      JOBS_ENABLED: 'true',
      GITHUB_API_URL: github.url,
    }),
  );
  log(`› server ${app.url} (pid ${app.child.pid}; AUTH_RATE_LIMIT=10000, MUTATION_RATE_LIMIT=100000, jobs on)`);

  const clients = new Clients(pop, {
    baseUrl: app.url,
    clients: opts.clients,
    durationSeconds: opts.warmup + opts.duration,
    runId: `load${Date.now().toString(36)}`,
    repoOwner: 'ops-load',
  });
  await clients.logIn(log);
  log(`› running (${opts.warmup ? `${opts.warmup} s warm-up, then ` : ''}${opts.duration} s measured)…`);
  await clients.run();
  const measuredFrom = clients.startedAt + opts.warmup * 1000;
  const measured = clients.records.filter((r) => r.startedAt >= measuredFrom);
  const seconds2 = (clients.endedAt - measuredFrom) / 1000;
  const table = statsByAction(measured, seconds2);
  log(`\nResults (${measured.length} requests in ${seconds2.toFixed(1)} s, ${opts.clients} clients):`);
  printStats(table);

  const checks = new Checks();
  log('\nChecks:');
  const allErrors = clients.records.filter((r) => !(r.status >= 200 && r.status < 300));
  if (
    !checks.check(
      allErrors.length === 0,
      'no errors (non-2xx or socket errors), warm-up included',
      `${allErrors.length} errors`,
    )
  ) {
    printErrors(allErrors);
  }
  const admin = postgres(cluster.adminUrl.replace(/\/postgres$/, '/masar_ops'), { onnotice: () => {}, max: 1 });
  onCleanup(() => admin.end({ timeout: 1 }));
  const subIds = clients.acks.submissions.map((s) => s.submissionId);
  const [found] = await admin<{ subs: number; revs: number }[]>`
    select (select count(*)::int from submissions where id = any(${subIds}::uuid[])) as subs,
           (select count(*)::int from submission_revisions where submission_id = any(${subIds}::uuid[])) as revs`;
  checks.check(
    found!.subs === subIds.length && found!.revs === subIds.length,
    'every acknowledged submission is in the database with its revision',
    `${subIds.length} acknowledged, ${found!.subs} found, ${found!.revs} revisions`,
  );
  const reviewIds = clients.acks.reviews.map((r) => r.reviewId);
  const [rv] = await admin<{ reviews: number; ratings: number }[]>`
    select (select count(*)::int from reviews where id = any(${reviewIds}::uuid[])) as reviews,
           (select count(*)::int from review_skill_ratings where review_id = any(${reviewIds}::uuid[])) as ratings`;
  const expectedRatings = clients.acks.reviews.reduce((n, r) => n + r.ratings, 0);
  checks.check(
    rv!.reviews === reviewIds.length && rv!.ratings === expectedRatings,
    'every acknowledged review is in the database with its ratings',
    `${reviewIds.length} acknowledged, ${rv!.reviews} found, ${rv!.ratings}/${expectedRatings} ratings`,
  );
  const ready = await fetch(`${app.url}/readyz`)
    .then((r) => r.status)
    .catch(() => 0);
  checks.check(ready === 200, 'the server is still ready afterwards', `/readyz ${ready}`);
  const code = await app.stop('SIGTERM');
  checks.check(code === 0, 'the server stops cleanly on SIGTERM', `exit ${code}`);
  log(`  machine at the end: ${machine()}`);
  return checks.summary('test:load');
});
