/**
 * The load scenarios measured on each database: the cohort dashboard, the learner page, the review
 * queue, submit and review, over logged-in sessions (a mentor, ten learners).
 */
import type { openDatabase } from '@masar/server';
import { reviewPool, type Target } from './discover';
import { logIn, trpcGetPath, trpcPostPath } from './http';
import { type LoadResult, type LoadSpec, runLoad } from './load';
import type { RunContext, Scenario } from './results';
import { type RunOptions, wanted } from './run-options';
import { BENCH_PASSWORD } from './seeder';
import type { BenchServer } from './server';

export interface Sessions {
  mentor: string;
  learners: string[];
}

export function summaryLine(r: LoadResult) {
  return (
    `${Math.round(r.rps)} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms` +
    (r.errors + r.socketErrors ? `, ${r.errors + r.socketErrors} errors ${JSON.stringify(r.status)}` : '') +
    (r.conflicts ? `, ${r.conflicts} conflicts (409)` : '')
  );
}

async function measure(ctx: RunContext, label: string, spec: LoadSpec, description: string): Promise<Scenario> {
  process.stdout.write(`  ${label}: ${spec.name} (${spec.duration} s, ${spec.connections} connections)… `);
  const r = await runLoad(spec);
  ctx.log(summaryLine(r));
  return { ...r, description };
}

export function baseSpec(opts: RunOptions, server: BenchServer) {
  return {
    url: server.url,
    duration: opts.duration,
    connections: opts.connections,
    warmup: opts.warmup,
    origin: server.origin,
  };
}

export function dashboardSpec(
  opts: RunOptions,
  server: BenchServer,
  target: Target,
  s: Sessions,
  connections: number,
): LoadSpec {
  return {
    ...baseSpec(opts, server),
    name: connections === 1 ? 'dashboards.cohort@1' : 'dashboards.cohort',
    connections,
    kind: 'get',
    cookies: [s.mentor],
    paths: [trpcGetPath('dashboards.cohort', { orgSlug: target.slug, cohortId: target.cohort.id })],
  };
}

/** The load scenarios, in order (reads first; submit before review so it refills the review pool). */
function scenarioSpecs(opts: RunOptions, server: BenchServer, target: Target, s: Sessions, runId: string) {
  const base = baseSpec(opts, server);
  const orgSlug = target.slug;
  const cohortId = target.cohort.id;
  const specs: { spec: LoadSpec; description: string }[] = [
    {
      description: `GET dashboard.cohort as a mentor, ${target.cohort.learners}-learner cohort`,
      spec: dashboardSpec(opts, server, target, s, opts.connections),
    },
    {
      description: `GET dashboard.learner as a mentor, each of the cohort's ${target.learners.length} learners in turn`,
      spec: {
        ...base,
        name: 'dashboards.learner',
        kind: 'get',
        cookies: [s.mentor],
        paths: target.learners.map((l) => trpcGetPath('dashboards.learner', { orgSlug, cohortId, learnerId: l.id })),
      },
    },
    {
      description: 'GET submission.queue as a mentor (the cohorts they mentor), waiting, page 1 of 20',
      spec: {
        ...base,
        name: 'submissions.queue',
        kind: 'get',
        cookies: [s.mentor],
        paths: [trpcGetPath('submissions.queue', { orgSlug })],
      },
    },
    {
      description: `POST submission.submit, ${s.learners.length} learners in turn, a new repository each time`,
      spec: {
        ...base,
        name: 'submissions.submit',
        kind: 'submit',
        cookies: s.learners,
        submit: {
          path: trpcPostPath('submissions.submit'),
          orgSlug,
          cohortId,
          claimedSkillIds: target.claimableSkillIds.slice(0, 4),
          runId,
        },
      },
    },
    {
      description: 'POST submission.review as a mentor, the waiting submissions in turn (409 = expected conflict)',
      spec: { ...base, name: 'submissions.review', kind: 'review', cookies: [s.mentor] },
    },
  ];
  return specs;
}

export async function runScenarios(
  ctx: RunContext,
  label: 'postgres' | 'pglite',
  database: Awaited<ReturnType<typeof openDatabase>>,
  server: BenchServer,
  target: Target,
  sessions: Sessions,
): Promise<Scenario[]> {
  const runId = `${Date.now().toString(36)}${label === 'pglite' ? 'l' : 'p'}`;
  const out: Scenario[] = [];
  for (const { spec, description } of scenarioSpecs(ctx.opts, server, target, sessions, runId)) {
    if (!wanted(ctx.opts, spec.name)) continue;
    if (spec.kind === 'review') {
      // The pool is read now: it includes what the submit scenario just added.
      const pool = await reviewPool(database, target.orgId, target.cohort.id);
      if (pool.length === 0) {
        ctx.log(`  ${label}: ${spec.name}: no waiting submission to review, skipped`);
        continue;
      }
      const review = { path: trpcPostPath('submissions.review'), orgSlug: target.slug, pool };
      out.push(await measure(ctx, label, { ...spec, review }, `${description}; pool of ${pool.length}`));
      continue;
    }
    out.push(await measure(ctx, label, spec, description));
  }
  return out;
}

export async function sessionsFor(server: BenchServer, target: Target): Promise<Sessions> {
  const mentor = await logIn(server.url, server.origin, target.mentorEmail, BENCH_PASSWORD);
  const learners: string[] = [];
  for (const l of target.learners.slice(0, 10)) {
    learners.push(await logIn(server.url, server.origin, l.email, BENCH_PASSWORD));
  }
  return { mentor, learners };
}
