/**
 * The exactly-once check of `pnpm bench --instances N`: submissions made through every instance
 * enqueue their analysis; the instances' workers share the one pg-boss queue, against a fake GitHub
 * whose token tells which instance called. Every submission must get exactly one analysis run (one
 * `GET /repos/{owner}/{repo}`), one completed job without retries, and a `done` analysis row.
 */
import type postgres from 'postgres';
import type { FakeGithub } from '../../tests/helpers/fake-github';
import type { Target } from './discover';
import { logIn, trpcPostPath } from './http';
import type { Instance } from './instance-process';
import { BENCH_PASSWORD } from './seeder';
import { BENCH_ORIGIN } from './server';
import { round } from './stats';

export interface JobsResult {
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
}

export async function jobsExactlyOnce(p: {
  target: Target;
  jobs: number;
  github: FakeGithub;
  admin: postgres.Sql;
  all: Instance[];
  backlog: number;
  log: (line: string) => void;
}): Promise<JobsResult> {
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
