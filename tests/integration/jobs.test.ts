import { randomUUID } from 'node:crypto';
import { type Context, createCaller, loadConfig, type RunningServerLike, startServer } from '@masar/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../server/src/services/sessions';
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

describe('repository analysis through pg-boss', () => {
  it('a submission is analysed by the worker, and the job state is visible on it', async () => {
    const jar = { token: null as string | null };
    const c = callerFor(jar);
    await c.auth.signUp({ name: 'Owner Learner', email: 'jobs@example.test', password: 'a-long-unusual-passphrase' });
    await c.org.create({ name: 'Jobs Org', slug: 'jobs-org', kind: 'bootcamp' });
    const [roadmap] = await c.roadmap.list({ orgSlug: 'jobs-org' });
    const full = await c.roadmap.get({ orgSlug: 'jobs-org', roadmapId: roadmap!.id });
    const me = (await c.auth.me())!;
    const cohort = await c.cohort.create({
      orgSlug: 'jobs-org',
      name: 'C',
      roadmapId: roadmap!.id,
      startDate: '2026-09-01',
    });
    await c.cohort.addMembers({
      orgSlug: 'jobs-org',
      cohortId: cohort.id,
      members: [{ userId: me.id, role: 'learner' }],
    });
    const sub = await c.submission.submit({
      orgSlug: 'jobs-org',
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/django-shop',
      claimedSkillIds: [full.skills.find((s) => s.key === 'testing')!.skillId],
      title: 'Shop',
    });
    let status = 'queued';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const got = await c.submission.get({ orgSlug: 'jobs-org', submissionId: sub.submissionId });
      status = got.analysis?.status ?? 'none';
      if (status === 'done') {
        const result = got.analysis!.result as { track: string; suggestedSkills: string[] };
        expect(result.track).toBe('python');
        expect(result.suggestedSkills).toContain('message-queues');
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('done');
  });
});
