import { randomUUID } from 'node:crypto';
import {
  type Context,
  createCaller,
  loadConfig,
  type RunningServerLike,
  rowsOf,
  startServer,
  withScope,
} from '@masar/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resumeStrandedAnalyses } from '../../server/src/features/submissions/analysis';
import { PgBossJobs } from '../../server/src/jobs';
import { validateSessionToken } from '../../server/src/lib/sessions';
import { createLogger } from '../../server/src/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startFakeGithub } from '../helpers/fake-github';
import { freePort } from '../helpers/server-process';

/**
 * The durable path end to end: the real server with its pg-boss worker (on PGlite, or on
 * PostgreSQL with TEST_DATABASE_URL) picks up the analysis queued by a submission.
 */
let database: TestDatabase;
let server: RunningServerLike;
let github: Awaited<ReturnType<typeof startFakeGithub>>;

beforeAll(async () => {
  database = await createTestDatabase();
  github = await startFakeGithub();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    GITHUB_API_URL: github.url,
    ANALYSIS_TIMEOUT_SECONDS: '7',
    ANALYSIS_RETRY_DELAY_SECONDS: '2',
  });
  server = await startServer(config, { database });
});
afterAll(async () => {
  await server?.close();
  await github?.close();
  await database?.destroy();
});

function callerFor(jar: { token: string | null }) {
  const deps = server.deps;
  return createCaller(async (): Promise<Context> => {
    const found = jar.token
      ? await validateSessionToken(deps.database.db, jar.token, { days: 30, now: new Date() })
      : null;
    return {
      deps,
      auth: found ? { user: found.user, session: found.session } : null,
      http: {
        requestId: randomUUID(),
        ip: '127.0.0.1',
        userAgent: 'vitest',
        setSessionCookie: (t) => {
          jar.token = t;
        },
        clearSessionCookie: () => {
          jar.token = null;
        },
      },
    };
  });
}

/** A learner in their own organisation and cohort who has submitted `acme/django-shop` (each test its own). */
async function learnerWithSubmission(slug: string) {
  const jar = { token: null as string | null };
  const c = callerFor(jar);
  await c.auth.signUp({ name: 'Owner Learner', email: `${slug}@example.test`, password: 'a-long-unusual-passphrase' });
  const org = await c.org.create({ name: `Jobs ${slug}`, slug, kind: 'bootcamp' });
  const [roadmap] = await c.roadmaps.list({ orgSlug: slug });
  const full = await c.roadmaps.get({ orgSlug: slug, roadmapId: roadmap!.id });
  const me = (await c.auth.me())!;
  const cohort = await c.cohorts.create({ orgSlug: slug, name: 'C', roadmapId: roadmap!.id, startDate: '2026-09-01' });
  await c.cohorts.addMembers({ orgSlug: slug, cohortId: cohort.id, members: [{ userId: me.id, role: 'learner' }] });
  const sub = await c.submissions.submit({
    orgSlug: slug,
    cohortId: cohort.id,
    repoUrl: 'https://github.com/acme/django-shop',
    claimedSkillIds: [full.skills.find((s) => s.key === 'testing')!.skillId],
    title: 'Shop',
  });
  const analysis = async () => (await c.submissions.get({ orgSlug: slug, submissionId: sub.submissionId })).analysis;
  return { c, orgId: org.id, submissionId: sub.submissionId, analysis };
}

/** Waits (up to 30 s) until the worker has finished the analysis, and returns it. */
function analysed(analysis: () => Promise<{ status: string; result: unknown } | null | undefined>) {
  return vi.waitFor(
    async () => {
      const got = await analysis();
      expect(got?.status).toBe('done');
      return got!;
    },
    { timeout: 30_000, interval: 250 },
  );
}

describe('repository analysis through pg-boss', () => {
  it('a submission is analysed by the worker, and the job state is visible on it', async () => {
    const { analysis } = await learnerWithSubmission('jobs-worker');
    const done = await analysed(analysis);
    const result = done.result as { track: string; suggestedSkills: string[] };
    expect(result.track).toBe('python');
    expect(result.suggestedSkills).toContain('message-queues');
  });

  it('the queue takes the configured job timeout and retry delay (a dead worker is retried after the timeout)', async () => {
    const [q] = rowsOf<{ expire: number; delay: number; limit: number; backoff: boolean }>(
      await database.db.execute(sql`select expire_seconds as expire, retry_delay as delay, retry_limit as limit,
        retry_backoff as backoff from pgboss.queue where name = 'repo-analysis'`),
    );
    expect(q).toEqual({ expire: 7, delay: 2, limit: 3, backoff: true });
  });

  it('an analysis left queued without a job (crash between commit and enqueue) is re-queued once, and done', async () => {
    const { orgId, submissionId, analysis } = await learnerWithSubmission('jobs-stranded');
    await analysed(analysis);
    const strand = (updatedAt: Date) =>
      withScope(server.deps.database, { orgId }, (tx) =>
        tx.execute(sql`update repo_analyses set status = 'queued', updated_at = ${updatedAt.toISOString()}::timestamptz
          where org_id = ${orgId} and submission_id = ${submissionId}`),
      );
    const deps = { database: server.deps.database, jobs: server.deps.services.jobs, logger: server.deps.logger };
    // queued a moment ago: its request may still be about to enqueue it, so it is left alone
    await strand(new Date());
    expect(await resumeStrandedAnalyses(deps, { olderThanSeconds: 60, now: new Date() })).toBe(0);
    // queued ten minutes ago with no job: re-queued, once
    await strand(new Date(Date.now() - 600_000));
    expect(await resumeStrandedAnalyses(deps, { olderThanSeconds: 60, now: new Date() })).toBe(1);
    expect(await resumeStrandedAnalyses(deps, { olderThanSeconds: 60, now: new Date() })).toBe(0);
    await analysed(analysis);
    expect(await resumeStrandedAnalyses(deps, { olderThanSeconds: 60, now: new Date() })).toBe(0);
  });
});

describe('several server processes starting together', () => {
  it('every job runner starts on a fresh database although they all create the queues at the same moment', async () => {
    // On PostgreSQL: three runners, like three server processes booting at once after a deploy;
    // pg-boss installs its schema and each creates the queues — a deadlock between them is retried,
    // not fatal. Embedded PGlite is one process by construction (the data directory is locked), so
    // there it is one runner. Either way each runner is asked three times at once before it has
    // started (a submission and the worker in the same instant) and must start exactly once.
    const fresh = await createTestDatabase();
    const logger = createLogger('silent');
    const target = fresh.pglite ? { pglite: fresh.pglite } : { url: fresh.url! };
    const runners = (fresh.kind === 'pglite' ? [0] : [0, 1, 2]).map(() => new PgBossJobs(target, logger));
    try {
      const started = await Promise.allSettled(
        runners.flatMap((r) => [r.pendingAnalyses(), r.pendingAnalyses(), r.pendingAnalyses()]),
      );
      expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(
        started.map(() => 'fulfilled'),
      );
      const queues = rowsOf<{ name: string }>(
        await fresh.db.execute(sql`select name from pgboss.queue where name = 'repo-analysis'`),
      );
      expect(queues).toHaveLength(1);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await fresh.destroy();
    }
  });
});
