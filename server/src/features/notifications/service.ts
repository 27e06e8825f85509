import { notifications, submissions, users } from '@masar/drizzle';
import type { OffsetPage } from '@masar/shared';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { resolveLocale, t } from '../../i18n';
import type { EmailSender } from '../../lib/email';
import { submissionScope } from '../../lib/scope';
import type { TenantCtx } from '../../trpc';

export const NOTIFICATION_KINDS = [
  'submission.new',
  'submission.resubmitted',
  'review.approved',
  'review.changes_requested',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Notify users in-app and by email (through the outbox sender). The in-app row keeps the kind
 * (the web app translates it) and a title made only of data — the submission's title and
 * repository — so it reads the same in every language. Each email is written in its recipient's
 * language: their own locale, else the organisation's default.
 */
export async function notify(
  db: Db,
  tenant: Pick<TenantCtx, 'orgId' | 'userId' | 'org'>,
  p: {
    userIds: string[];
    kind: NotificationKind;
    submissionId: string;
    /** The submission's title (as the learner wrote it) and its repository, `owner/name`. */
    subject: { title: string; repo: string };
    link: string;
  },
  email: EmailSender,
) {
  const recipients = [...new Set(p.userIds)].filter((id) => id !== tenant.userId);
  if (recipients.length === 0) return;
  await db.insert(notifications).values(
    recipients.map((userId) => ({
      orgId: tenant.orgId,
      userId,
      kind: p.kind,
      submissionId: p.submissionId,
      actorId: tenant.userId,
      title: `${p.subject.title} (${p.subject.repo})`,
    })),
  );
  const [actor] = await db.select({ name: users.name }).from(users).where(eq(users.id, tenant.userId));
  const people = await db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(inArray(users.id, recipients));
  for (const person of people) {
    const locale = resolveLocale(person.locale, tenant.org.defaultLocale);
    const params = {
      actor: actor?.name ?? t(locale, 'notification.someone'),
      title: p.subject.title,
      repo: p.subject.repo,
      org: tenant.org.name,
    };
    await email.send(db, {
      orgId: tenant.orgId,
      to: person.email,
      subject: t(locale, `notification.${p.kind}.subject`, params),
      text: [
        t(locale, 'common.greeting', { name: person.name }),
        '',
        t(locale, `notification.${p.kind}.body`, params),
        p.link,
        '',
      ].join('\n'),
      link: p.link,
    });
  }
}

/**
 * The caller's notifications that are still theirs to read: one about a submission shows only while
 * the submission is in the caller's scope (scope.ts), so a demoted mentor's old "new submission"
 * notices go with their cohort.
 */
function visibleNotifications(tenant: TenantCtx) {
  const scope = submissionScope(tenant);
  return and(
    eq(notifications.orgId, tenant.orgId),
    eq(notifications.userId, tenant.userId),
    scope
      ? sql`(${notifications.submissionId} is null or exists (select 1 from ${submissions}
          where ${submissions.orgId} = ${notifications.orgId} and ${submissions.id} = ${notifications.submissionId} and ${scope}))`
      : undefined,
  );
}

export async function listNotifications(db: Db, tenant: TenantCtx, page: OffsetPage) {
  const where = visibleNotifications(tenant);
  const [items, [total], [unread]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        submissionId: notifications.submissionId,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        actorName: users.name,
      })
      .from(notifications)
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(where, isNull(notifications.readAt))),
  ]);
  return { items, total: total?.n ?? 0, unread: unread?.n ?? 0, page: page.page, pageSize: page.pageSize };
}

export async function unreadCount(db: Db, tenant: TenantCtx) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(visibleNotifications(tenant), isNull(notifications.readAt)));
  return { unread: row?.n ?? 0 };
}

export async function markRead(
  db: Db,
  tenant: TenantCtx,
  p: { ids?: string[] | undefined; all?: boolean | undefined; now: Date },
) {
  const mine = and(
    eq(notifications.orgId, tenant.orgId),
    eq(notifications.userId, tenant.userId),
    isNull(notifications.readAt),
  );
  const where = p.all
    ? mine
    : and(mine, inArray(notifications.id, p.ids?.length ? p.ids : ['00000000-0000-0000-0000-000000000000']));
  const updated = await db
    .update(notifications)
    .set({ readAt: p.now })
    .where(where)
    .returning({ id: notifications.id });
  return { marked: updated.length };
}
