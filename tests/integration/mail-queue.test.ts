import { randomUUID } from 'node:crypto';
import { emailOutbox } from '@masar/drizzle';
import {
  type Context,
  createCaller,
  loadConfig,
  type RunningServerLike,
  rowsOf,
  startServer,
  withScope,
} from '@masar/server';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAIL_QUEUE } from '../../server/src/jobs';
import { validateSessionToken } from '../../server/src/lib/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type FakeSmtp, startFakeSmtp } from '../helpers/fake-smtp';
import { freePort } from '../helpers/server-process';

/**
 * The real server with its pg-boss workers (PGlite, or PostgreSQL with TEST_DATABASE_URL) and an
 * SMTP server on loopback: an invitation's mail leaves through the mail queue after the request
 * committed (decision 026).
 */
let database: TestDatabase;
let server: RunningServerLike;
let smtp: FakeSmtp;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startFakeSmtp();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    SMTP_URL: smtp.url,
  });
  server = await startServer(config, { database });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
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

describe('mail through pg-boss', () => {
  it('an invitation is sent by the mail worker, once, and its row marked sent', async () => {
    const jar = { token: null as string | null };
    const c = callerFor(jar);
    await c.auth.signUp({
      name: 'Mail Owner',
      email: 'mail-owner@example.test',
      password: 'a-long-unusual-passphrase',
    });
    const org = await c.org.create({ name: 'Mail Org', slug: 'mail-org', kind: 'bootcamp' });
    await c.invitations.create({ orgSlug: 'mail-org', email: 'invited@example.test', role: 'learner' });

    await vi.waitFor(() => expect(smtp.received.filter((m) => m.to.includes('invited@example.test'))).toHaveLength(1), {
      timeout: 20_000,
      interval: 100,
    });
    const rows = await withScope(server.deps.database, { orgId: org.id }, (tx) =>
      tx.select().from(emailOutbox).where(eq(emailOutbox.orgId, org.id)),
    );
    expect(rows).toHaveLength(1);
    await vi.waitFor(
      async () => {
        const [row] = await withScope(server.deps.database, { orgId: org.id }, (tx) =>
          tx.select().from(emailOutbox).where(eq(emailOutbox.id, rows[0]!.id)),
        );
        expect(row!.sentAt).toBeInstanceOf(Date);
      },
      { timeout: 10_000, interval: 100 },
    );

    // the job carried the row's id as its singleton key; asking again while none waits is harmless
    const jobs = rowsOf<{ key: string; state: string }>(
      await server.deps.database.db.execute(
        sql`select singleton_key as key, state from pgboss.job where name = ${MAIL_QUEUE} order by created_on`,
      ),
    );
    expect(jobs.map((j) => j.key)).toEqual([rows[0]!.id]);
    await server.deps.services.jobs.enqueueMail({ orgId: org.id, outboxId: rows[0]!.id });
    await new Promise((r) => setTimeout(r, 1500)); // give the worker time to (not) send it again
    expect(smtp.received.filter((m) => m.to.includes('invited@example.test'))).toHaveLength(1);
  });

  it('a second job for a row whose job still waits is refused by the singleton key', async () => {
    const orgId = randomUUID();
    const outboxId = randomUUID();
    // no such row: the worker would skip it; what counts here is how many jobs pg-boss keeps
    await server.deps.services.jobs.stop();
    await server.deps.services.jobs.enqueueMail({ orgId, outboxId });
    await server.deps.services.jobs.enqueueMail({ orgId, outboxId });
    const waiting = rowsOf<{ n: number }>(
      await server.deps.database.db.execute(
        sql`select count(*)::int as n from pgboss.job where name = ${MAIL_QUEUE} and singleton_key = ${outboxId}`,
      ),
    );
    expect(waiting[0]!.n).toBe(1);
  });
});
