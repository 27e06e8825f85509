import { createHash, randomBytes } from 'node:crypto';
import { cohortMembers, emailOutbox, invitations, memberships, organizations, users } from '@masar/drizzle';
import { assignableRoles, type InviteInput, mayMentor, type OffsetPage } from '@masar/shared';
import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Db } from '../../db';
import { applyRlsScope, withScope } from '../../db/tenant';
import { AppError, forbidden, notFound } from '../../errors';
import { resolveLocale, t } from '../../i18n';
import { recordAudit } from '../../lib/audit';
import type { EmailSender } from '../../lib/email';
import { paged } from '../../lib/paging';
import type { TenantCtx } from '../../trpc';
import { normalizeEmail } from '../auth/service';

export const INVITATION_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';
export function invitationStatus(
  inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  if (inv.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

export function inviteLink(publicUrl: string, token: string) {
  return `${publicUrl}/invite/${token}`;
}

/**
 * Invites someone by email with a role. The link carries a random single-use token; only its
 * SHA-256 is stored. A new invitation to the same address replaces the pending one.
 */
export async function createInvitation(
  db: Db,
  tenant: TenantCtx,
  input: InviteInput,
  deps: { email: EmailSender; publicUrl: string; now: Date; inviterName: string },
  cohort?: { id: string; name: string; role: 'mentor' | 'learner' },
) {
  // Mentors may invite learners straight into a cohort they mentor (the caller checked the cohort).
  const mentorInvitingLearner = cohort !== undefined && tenant.role === 'mentor' && input.role === 'learner';
  if (!mentorInvitingLearner && !assignableRoles(tenant.role).includes(input.role))
    throw forbidden('role not assignable');
  if (cohort?.role === 'mentor' && !mayMentor(input.role)) {
    throw new AppError('BAD_REQUEST', {
      userMessage: 'errors.cohort.mentorNeedsRole',
      field: 'role',
      message: 'cohort mentor invitation without a mentoring org role',
    });
  }
  const emailNormalized = normalizeEmail(input.email);
  const [existing] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, tenant.orgId), eq(users.emailNormalized, emailNormalized)))
    .limit(1);
  if (existing) {
    throw new AppError('CONFLICT', {
      userMessage: 'errors.invitation.alreadyMember',
      message: 'already a member',
      field: 'email',
    });
  }
  await db
    .update(invitations)
    .set({ revokedAt: deps.now })
    .where(
      and(
        eq(invitations.orgId, tenant.orgId),
        eq(invitations.emailNormalized, emailNormalized),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, deps.now),
      ),
    );
  const token = randomBytes(32).toString('base64url');
  const [inv] = await db
    .insert(invitations)
    .values({
      orgId: tenant.orgId,
      email: input.email.trim(),
      emailNormalized,
      role: input.role,
      tokenHash: hashInviteToken(token),
      invitedBy: tenant.userId,
      createdAt: deps.now,
      expiresAt: new Date(deps.now.getTime() + INVITATION_DAYS * DAY),
      cohortId: cohort?.id ?? null,
      cohortRole: cohort?.role ?? null,
    })
    .returning({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    });
  const link = inviteLink(deps.publicUrl, token);
  // In the invitee's language if they already have an account, else the organisation's.
  const [invitee] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.emailNormalized, emailNormalized))
    .limit(1);
  const locale = resolveLocale(invitee?.locale, tenant.org.defaultLocale);
  const params = {
    inviter: deps.inviterName,
    org: tenant.org.name,
    role: t(locale, `roles.${input.role}`),
    cohort: cohort?.name,
  };
  await deps.email.send(db, {
    orgId: tenant.orgId,
    to: input.email.trim(),
    subject: t(locale, 'invitation.subject', params),
    text: [
      t(locale, cohort ? 'invitation.bodyCohort' : 'invitation.body', params),
      '',
      t(locale, 'invitation.open', { days: t(locale, 'common.days', { count: INVITATION_DAYS }) }),
      link,
      '',
      t(locale, 'invitation.ignore'),
    ].join('\n'),
    link,
  });
  await recordAudit(db, tenant, {
    action: 'invitation.created',
    targetType: 'invitation',
    targetId: inv!.id,
    details: {
      email: inv!.email,
      role: inv!.role,
      ...(cohort ? { cohortId: cohort.id, cohortRole: cohort.role } : {}),
    },
  });
  return { ...inv!, link };
}

export async function listInvitations(db: Db, tenant: TenantCtx, page: OffsetPage, now: Date) {
  const where = eq(invitations.orgId, tenant.orgId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        invitedByName: users.name,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(where)
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(invitations).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, status: invitationStatus(r, now) })),
    total: total?.n ?? 0,
    page: page.page,
    pageSize: page.pageSize,
  };
}

export async function revokeInvitation(db: Db, tenant: TenantCtx, params: { invitationId: string; now: Date }) {
  const [inv] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, tenant.orgId), eq(invitations.id, params.invitationId)))
    .limit(1);
  if (!inv) throw notFound('invitation');
  if (invitationStatus(inv, params.now) !== 'pending') {
    throw new AppError('CONFLICT', { userMessage: 'errors.invitation.notPending', message: 'not pending' });
  }
  await db
    .update(invitations)
    .set({ revokedAt: params.now })
    .where(and(eq(invitations.orgId, tenant.orgId), eq(invitations.id, params.invitationId)));
  await recordAudit(db, tenant, {
    action: 'invitation.revoked',
    targetType: 'invitation',
    targetId: inv.id,
    details: { email: inv.email, role: inv.role },
  });
  return { id: inv.id };
}

export async function listOutbox(db: Db, tenant: TenantCtx, page: OffsetPage) {
  const where = eq(emailOutbox.orgId, tenant.orgId);
  return paged(
    page,
    (limit, offset) =>
      db
        .select({
          id: emailOutbox.id,
          toEmail: emailOutbox.toEmail,
          subject: emailOutbox.subject,
          bodyText: emailOutbox.bodyText,
          link: emailOutbox.link,
          transport: emailOutbox.transport,
          createdAt: emailOutbox.createdAt,
          sentAt: emailOutbox.sentAt,
          error: emailOutbox.error,
        })
        .from(emailOutbox)
        .where(where)
        .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(emailOutbox).where(where),
  );
}

const invalidLink = () =>
  new AppError('NOT_FOUND', { userMessage: 'errors.invitation.invalidLink', message: 'invitation not found' });

async function findByToken(tx: Db, token: string) {
  const [row] = await tx
    .select({
      inv: invitations,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      orgKind: organizations.kind,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashInviteToken(token)))
    .limit(1);
  return row;
}

/** What the invitation page shows to whoever holds the link. */
export function describeInvitation(database: Database, token: string, now: Date) {
  return withScope(database, { inviteTokenHash: hashInviteToken(token) }, async (tx) => {
    const row = await findByToken(tx, token);
    if (!row) throw invalidLink();
    return {
      orgName: row.orgName,
      orgSlug: row.orgSlug,
      orgKind: row.orgKind,
      email: row.inv.email,
      role: row.inv.role,
      expiresAt: row.inv.expiresAt,
      status: invitationStatus(row.inv, now),
    };
  });
}

/** Accepts an invitation as the signed-in user, whose email must be the invited one. Single use. */
export function acceptInvitation(database: Database, user: { id: string; email: string }, token: string, now: Date) {
  return withScope(database, { inviteTokenHash: hashInviteToken(token), userId: user.id }, async (tx) => {
    const row = await findByToken(tx, token);
    if (!row) throw invalidLink();
    const { inv } = row;
    const status = invitationStatus(inv, now);
    if (status !== 'pending') {
      throw new AppError('CONFLICT', { userMessage: `errors.invitation.${status}`, message: `invitation ${status}` });
    }
    if (normalizeEmail(user.email) !== inv.emailNormalized) {
      throw new AppError('FORBIDDEN', { userMessage: 'errors.invitation.wrongAccount', message: 'email mismatch' });
    }
    await applyRlsScope(tx, database, { orgId: inv.orgId, userId: user.id });
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: user.id })
      .where(
        and(
          eq(invitations.orgId, inv.orgId),
          eq(invitations.id, inv.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (claimed.length === 0) {
      throw new AppError('CONFLICT', { userMessage: 'errors.invitation.accepted', message: 'raced' });
    }
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, inv.orgId), eq(memberships.userId, user.id)))
      .limit(1);
    if (!member) await tx.insert(memberships).values({ orgId: inv.orgId, userId: user.id, role: inv.role });
    // A cohort mentor holds an org role that may mentor: someone already in the org as a learner or
    // viewer joins the cohort as nothing rather than as its mentor.
    const effectiveRole = member?.role ?? inv.role;
    if (inv.cohortId && inv.cohortRole && (inv.cohortRole === 'learner' || mayMentor(effectiveRole))) {
      await tx
        .insert(cohortMembers)
        .values({ orgId: inv.orgId, cohortId: inv.cohortId, userId: user.id, role: inv.cohortRole })
        .onConflictDoNothing();
    }
    await recordAudit(
      tx,
      { orgId: inv.orgId, userId: user.id },
      {
        action: 'invitation.accepted',
        targetType: 'invitation',
        targetId: inv.id,
        details: { email: inv.email, role: member?.role ?? inv.role, alreadyMember: Boolean(member) },
      },
    );
    return { orgSlug: row.orgSlug, orgName: row.orgName, role: member?.role ?? inv.role };
  });
}
