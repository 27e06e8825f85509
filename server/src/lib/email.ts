import { emailOutbox } from '@masar/drizzle';
import { and, eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { Db } from '../db';
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

/** With SMTP_URL: record in the outbox, then hand to nodemailer and mark the row sent (or failed). */
export class SmtpEmailSender implements EmailSender {
  readonly transport = 'smtp' as const;
  private readonly mailer: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly logger: Logger,
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
    try {
      await this.mailer.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text });
      await db
        .update(emailOutbox)
        .set({ sentAt: new Date() })
        .where(and(eq(emailOutbox.orgId, m.orgId), eq(emailOutbox.id, id)));
    } catch (err) {
      this.logger.warn({ err, emailId: id }, 'smtp send failed; kept in outbox');
      await db
        .update(emailOutbox)
        .set({ error: String((err as Error).message ?? err).slice(0, 500) })
        .where(and(eq(emailOutbox.orgId, m.orgId), eq(emailOutbox.id, id)));
    }
    return { id };
  }
}
