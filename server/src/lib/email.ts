import { emailOutbox, organizations } from '@masar/drizzle';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { Database, Db } from '../db';
import { onCommit, withScope } from '../db/tenant';
import type { Jobs, MailJob } from '../jobs';
import type { Logger } from '../logger';

export interface EmailMessage {
  orgId: string;
  to: string;
  subject: string;
  text: string;
  /** The one link the message is about (shown in the admin outbox to copy). */
  link?: string;
}

/** Sends email. Every message is also kept in the org's outbox, so admins can see what was sent. */
export interface EmailSender {
  readonly transport: 'outbox' | 'smtp';
  send(db: Db, message: EmailMessage): Promise<{ id: string }>;
}

/** Default: write to the outbox table and the log; nothing leaves the machine. */
export class OutboxEmailSender implements EmailSender {
  readonly transport = 'outbox' as const;
  constructor(private readonly logger: Logger) {}
  async send(db: Db, m: EmailMessage) {
    const [row] = await db
      .insert(emailOutbox)
      .values({
        orgId: m.orgId,
        toEmail: m.to,
        subject: m.subject,
        bodyText: m.text,
        link: m.link ?? null,
        transport: this.transport,
      })
      .returning({ id: emailOutbox.id });
    this.logger.info({ emailId: row?.id, to: m.to, subject: m.subject, link: m.link }, 'email written to outbox');
    return { id: row!.id };
  }
}

/**
 * With SMTP_URL: the message is written to the outbox in the caller's transaction; once that
 * commits, a pg-boss job (MAIL_QUEUE, one per row) sends it — no SMTP round trip while a
 * transaction is open, no mail for a change that rolled back. `deliverMail` is the job;
 * `sweepStrandedMail` re-queues rows whose job never came (a crash between commit and enqueue).
 */
export class SmtpEmailSender implements EmailSender {
  readonly transport = 'smtp' as const;
  readonly mailer: Transporter;
  constructor(
    smtpUrl: string,
    readonly from: string,
    private readonly logger: Logger,
    private readonly jobs: Pick<Jobs, 'enqueueMail'>,
  ) {
    this.mailer = nodemailer.createTransport(smtpUrl);
  }
  async send(db: Db, m: EmailMessage) {
    const [row] = await db
      .insert(emailOutbox)
      .values({
        orgId: m.orgId,
        toEmail: m.to,
        subject: m.subject,
        bodyText: m.text,
        link: m.link ?? null,
        transport: this.transport,
      })
      .returning({ id: emailOutbox.id });
    const id = row!.id;
    onCommit(db, () =>
      this.jobs
        .enqueueMail({ orgId: m.orgId, outboxId: id })
        // the row stays unsent: the sweep queues it again
        .catch((err) => this.logger.warn({ err, emailId: id }, 'mail job not queued; the sweep will retry')),
    );
    return { id };
  }
}

/** An unsent row with no error this old has lost its job (enqueue happens within milliseconds of commit). */
export const MAIL_STRANDED_SECONDS = 120;

type MailDeps = { database: Database; mailer: Transporter; from: string; logger: Logger; now: () => Date };

/**
 * The mail job: read the row (sent already → nothing to do, so a repeated job never sends twice),
 * send it with no transaction open, then record `sent_at`, or the error and rethrow so pg-boss
 * retries with backoff. A crash after the SMTP server accepted the message and before `sent_at`
 * is written is the one case that can send twice (at-least-once; decision 026).
 */
export async function deliverMail(deps: MailDeps, job: MailJob): Promise<'sent' | 'skipped'> {
  const where = and(eq(emailOutbox.orgId, job.orgId), eq(emailOutbox.id, job.outboxId));
  const [row] = await withScope(deps.database, { orgId: job.orgId }, (tx) =>
    tx.select().from(emailOutbox).where(where).limit(1),
  );
  if (!row || row.sentAt || row.transport !== 'smtp') return 'skipped';
  try {
    await deps.mailer.sendMail({ from: deps.from, to: row.toEmail, subject: row.subject, text: row.bodyText });
  } catch (err) {
    deps.logger.warn({ err, emailId: row.id }, 'smtp send failed; pg-boss retries it');
    const error = String((err as Error).message ?? err).slice(0, 500);
    await withScope(deps.database, { orgId: job.orgId }, (tx) => tx.update(emailOutbox).set({ error }).where(where));
    throw err;
  }
  await withScope(deps.database, { orgId: job.orgId }, (tx) =>
    tx.update(emailOutbox).set({ sentAt: deps.now(), error: null }).where(where),
  );
  return 'sent';
}

/**
 * Rows written for SMTP that no job ever tried (unsent, no error) and older than `olderThanSeconds`:
 * the process died between the commit and the enqueue, or the enqueue failed. Queued again (the
 * singleton key makes it a no-op where a job still waits). Rows a job tried carry its error and
 * are left to pg-boss's retries. Returns how many were queued.
 */
export async function sweepStrandedMail(
  deps: { database: Database; jobs: Pick<Jobs, 'enqueueMail'>; logger: Logger },
  p: { olderThanSeconds: number; now: Date },
): Promise<number> {
  const cutoff = new Date(p.now.getTime() - p.olderThanSeconds * 1000);
  const orgs = await deps.database.db.select({ id: organizations.id }).from(organizations);
  let count = 0;
  for (const org of orgs) {
    const rows = await withScope(deps.database, { orgId: org.id }, (tx) =>
      tx
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.orgId, org.id),
            eq(emailOutbox.transport, 'smtp'),
            isNull(emailOutbox.sentAt),
            isNull(emailOutbox.error),
            lt(emailOutbox.createdAt, cutoff),
          ),
        ),
    );
    for (const { id } of rows) {
      await deps.jobs.enqueueMail({ orgId: org.id, outboxId: id });
      count++;
    }
  }
  if (count) deps.logger.warn({ count }, 'outbox rows without a mail job re-queued');
  return count;
}
