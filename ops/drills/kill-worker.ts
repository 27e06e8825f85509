/**
 * `kill -9` a worker process (a second server whose only client is pg-boss) in the middle of an
 * analysis: pg-boss expires the job, another worker retries it, each submission ends with exactly
 * one completed job and one analysis.
 */
import { logIn } from '../../bench/lib/http';
import { type Checks, startServer, waitFor } from '../lib/harness';
import { analysisStates, checkWhole, fmt } from '../lib/integrity';
import { addRepo, fmtEnv, JOB_ENV, log, REPO_OWNER, readyz, secs, setUp, waitAnalysed } from './common';

export async function killWorker(checks: Checks) {
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
    const r = await fetch(`${web.url}/trpc/submissions.submit`, {
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
