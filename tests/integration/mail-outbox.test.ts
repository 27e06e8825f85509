import { emailOutbox } from '@masar/drizzle';
import { withScope } from '@masar/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAIL_RETRY } from '../../server/src/jobs';
import { SmtpEmailSender, sweepStrandedMail } from '../../server/src/lib/email';
import { type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createOrg, createUser, uniqueEmail } from '../helpers/factories';
import { type FakeSmtp, startFakeSmtp } from '../helpers/fake-smtp';

/** Issue #16: mail goes through the outbox and a pg-boss job after commit (decision 026). */
let database: TestDatabase;
let deps: TestDeps;
let smtp: FakeSmtp;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startFakeSmtp();
  deps = testDeps(database, { SMTP_URL: smtp.url, EMAIL_FROM: 'Masar <no-reply@masar.test>' });
});
afterAll(async () => {
  await smtp?.close();
  await database?.destroy();
});
beforeEach(() => {
  deps.jobs.mail.splice(0);
  smtp.refuseNext(0);
});

const rowsOf = (orgId: string) =>
  withScope(database, { orgId }, (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.orgId, orgId)));
const receivedBy = (email: string) => smtp.received.filter((m) => m.to.includes(email));

async function orgWithOwner() {
  const owner = await createUser(deps, { name: 'Owner' });
  const org = await createOrg(owner);
  return { owner, s: org.slug, orgId: org.id };
}

describe('mail through the outbox and the queue', () => {
  it('uses the SMTP sender when SMTP_URL is set', () => {
    expect(deps.services.email).toBeInstanceOf(SmtpEmailSender);
  });

  it('writes an invitation to the outbox in the request, and sends it only when its job runs', async () => {
    const { owner, s, orgId } = await orgWithOwner();
    const email = uniqueEmail();
    await owner.caller.invitations.create({ orgSlug: s, email, role: 'learner' });

    const [row] = await rowsOf(orgId);
    expect(row).toMatchObject({ toEmail: email, transport: 'smtp', sentAt: null, error: null });
    expect(receivedBy(email)).toEqual([]); // the request did not talk to SMTP
    expect(deps.jobs.mail.map((m) => m.job)).toEqual([{ orgId, outboxId: row!.id }]);

    expect(await deps.jobs.drainMail()).toBe(1);
    expect(receivedBy(email)).toHaveLength(1);
    expect(receivedBy(email)[0]!.raw).toContain(row!.subject);
    const [sent] = await rowsOf(orgId);
    expect(sent!.sentAt).toBeInstanceOf(Date);
    expect(sent!.error).toBeNull();
  });

  it('sends nothing and queues nothing for a transaction that rolls back', async () => {
    const { orgId } = await orgWithOwner();
    const email = uniqueEmail();
    await expect(
      withScope(database, { orgId }, async (tx) => {
        await deps.services.email.send(tx, { orgId, to: email, subject: 'Rolled back', text: 'never' });
        throw new Error('the change failed after the mail was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rowsOf(orgId)).toEqual([]);
    expect(deps.jobs.mail).toEqual([]);
    await deps.jobs.drainMail();
    expect(receivedBy(email)).toEqual([]);
  });

  it('records the error of a refused send, retries it, and sends it once', async () => {
    const { orgId } = await orgWithOwner();
    const email = uniqueEmail();
    await withScope(database, { orgId }, (tx) =>
      deps.services.email.send(tx, { orgId, to: email, subject: 'Retried', text: 'body' }),
    );
    smtp.refuseNext(2);
    await deps.jobs.drainMail();
    const [failed] = await rowsOf(orgId);
    expect(failed!.sentAt).toBeNull();
    expect(failed!.error).toMatch(/try again later/);
    expect(deps.jobs.mail).toEqual([expect.objectContaining({ attempts: 1 })]);

    await deps.jobs.drainMail(); // refused again
    await deps.jobs.drainMail(); // accepted
    expect(receivedBy(email)).toHaveLength(1);
    const [sent] = await rowsOf(orgId);
    expect(sent).toMatchObject({ error: null });
    expect(sent!.sentAt).toBeInstanceOf(Date);
    expect(deps.jobs.mail).toEqual([]);
  });

  it('gives up after the retry limit and leaves the error for the admin outbox', async () => {
    const { orgId } = await orgWithOwner();
    const email = uniqueEmail();
    await withScope(database, { orgId }, (tx) =>
      deps.services.email.send(tx, { orgId, to: email, subject: 'Refused', text: 'body' }),
    );
    smtp.refuseNext(100);
    for (let i = 0; i <= MAIL_RETRY.retryLimit; i++) await deps.jobs.drainMail();
    expect(deps.jobs.mail).toEqual([]);
    expect(receivedBy(email)).toEqual([]);
    const [row] = await rowsOf(orgId);
    expect(row).toMatchObject({ sentAt: null, error: expect.stringMatching(/try again later/) });
    // a row a job tried is not "stranded": the sweep leaves it alone
    const later = new Date(Date.now() + 3600_000);
    expect(await sweepStrandedMail({ ...deps, jobs: deps.jobs }, { olderThanSeconds: 120, now: later })).toBe(0);
  });

  it('never sends a row twice: a second job for it is refused, and a repeated job finds it sent', async () => {
    const { orgId } = await orgWithOwner();
    const email = uniqueEmail();
    const { id } = await withScope(database, { orgId }, (tx) =>
      deps.services.email.send(tx, { orgId, to: email, subject: 'Once', text: 'body' }),
    );
    await deps.jobs.enqueueMail({ orgId, outboxId: id }); // e.g. the sweep, while the first job waits
    expect(deps.jobs.mail).toHaveLength(1);
    await deps.jobs.drainMail();
    await deps.jobs.enqueueMail({ orgId, outboxId: id }); // a job delivered again after it succeeded
    await deps.jobs.drainMail();
    expect(receivedBy(email)).toHaveLength(1);
  });

  it('sweeps a row whose job was lost between commit and enqueue, and sends it', async () => {
    const { orgId } = await orgWithOwner();
    const email = uniqueEmail();
    await withScope(database, { orgId }, (tx) =>
      deps.services.email.send(tx, { orgId, to: email, subject: 'Stranded', text: 'body' }),
    );
    deps.jobs.mail.splice(0); // the process died before its after-commit enqueue
    const now = new Date();
    // too young to be called stranded: its job may still be on its way
    expect(await sweepStrandedMail(deps, { olderThanSeconds: 120, now })).toBe(0);
    expect(await sweepStrandedMail(deps, { olderThanSeconds: 120, now: new Date(now.getTime() + 121_000) })).toBe(1);
    await deps.jobs.drainMail();
    expect(receivedBy(email)).toHaveLength(1);
    expect(await sweepStrandedMail(deps, { olderThanSeconds: 120, now: new Date(now.getTime() + 999_000) })).toBe(0);
  });
});
