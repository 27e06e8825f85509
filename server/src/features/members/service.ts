import { cohortMembers, memberships, submissions, users } from '@masar/drizzle';
import { assignableRoles, mayMentor, type OffsetPage, type Role } from '@masar/shared';
import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, forbidden, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { paged } from '../../lib/paging';
import type { TenantCtx } from '../../trpc';
import { ownerCount } from '../org/service';
import { revokeLinksOf } from '../portfolios/service';

/** The members, by name; `q` keeps those whose name or email contains it (case-insensitive). */
export async function listMembers(db: Db, tenant: TenantCtx, page: OffsetPage & { q?: string | undefined }) {
  const q = page.q?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(memberships.orgId, tenant.orgId),
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
  );
  return paged(
    page,
    (limit, offset) =>
      db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          role: memberships.role,
          joinedAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where)
        .orderBy(asc(users.name), asc(users.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
  );
}

async function findMember(db: Db, tenant: TenantCtx, userId: string) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, tenant.orgId), eq(memberships.userId, userId)))
    .limit(1);
  if (!m) throw notFound('member');
  return m;
}

const lastOwner = () => new AppError('CONFLICT', { userMessage: 'errors.member.lastOwner', message: 'last owner' });

/** Only owners touch owners; the last owner can never be demoted. */
export async function changeRole(db: Db, tenant: TenantCtx, params: { userId: string; role: Role }) {
  const target = await findMember(db, tenant, params.userId);
  if (target.role === params.role) return { userId: params.userId, role: params.role };
  if ((target.role === 'owner' || params.role === 'owner') && tenant.role !== 'owner') {
    throw forbidden('only owners change owners');
  }
  if (!assignableRoles(tenant.role).includes(params.role)) throw forbidden('role not assignable');
  if (target.role === 'owner' && (await ownerCount(db, tenant.orgId)) <= 1) throw lastOwner();
  await db
    .update(memberships)
    .set({ role: params.role })
    .where(and(eq(memberships.orgId, tenant.orgId), eq(memberships.userId, params.userId)));
  // A cohort's mentors hold a role that may mentor: a demotion ends their cohort mentorships (their
  // access already follows the new role; this keeps cohort pages and notifications true).
  const leftCohorts = mayMentor(params.role)
    ? []
    : await db
        .delete(cohortMembers)
        .where(
          and(
            eq(cohortMembers.orgId, tenant.orgId),
            eq(cohortMembers.userId, params.userId),
            eq(cohortMembers.role, 'mentor'),
          ),
        )
        .returning({ cohortId: cohortMembers.cohortId });
  await recordAudit(db, tenant, {
    action: 'member.role_changed',
    targetType: 'user',
    targetId: params.userId,
    details: {
      from: target.role,
      to: params.role,
      ...(leftCohorts.length ? { mentorOf: leftCohorts.map((c) => c.cohortId) } : {}),
    },
  });
  return { userId: params.userId, role: params.role };
}

/**
 * Removes a member (docs/decisions/021-row-scope-and-consent.md): their sessions lose access to
 * this org at once; they leave every cohort (no more emails, digests or notifications as a mentor
 * or learner); their public portfolio links stop working; their submissions still waiting for a
 * review are withdrawn from the queue. History stays: submissions, reviews (also those they
 * wrote), skill progress and the audit log.
 */
export async function removeMember(db: Db, tenant: TenantCtx, params: { userId: string; now: Date }) {
  const target = await findMember(db, tenant, params.userId);
  if (target.role === 'owner' && tenant.role !== 'owner') throw forbidden('only owners remove owners');
  if (target.role === 'owner' && (await ownerCount(db, tenant.orgId)) <= 1) throw lastOwner();
  await db.delete(memberships).where(and(eq(memberships.orgId, tenant.orgId), eq(memberships.userId, params.userId)));
  const [cohortRows, linkRows, withdrawn] = await Promise.all([
    db
      .delete(cohortMembers)
      .where(and(eq(cohortMembers.orgId, tenant.orgId), eq(cohortMembers.userId, params.userId)))
      .returning({ cohortId: cohortMembers.cohortId }),
    revokeLinksOf(db, tenant.orgId, params.userId, params.now),
    db
      .update(submissions)
      .set({ status: 'withdrawn', version: sql`${submissions.version} + 1` })
      .where(
        and(
          eq(submissions.orgId, tenant.orgId),
          eq(submissions.learnerId, params.userId),
          inArray(submissions.status, ['submitted', 'in_review', 'changes_requested']),
        ),
      )
      .returning({ id: submissions.id }),
  ]);
  await recordAudit(db, tenant, {
    action: params.userId === tenant.userId ? 'member.left' : 'member.removed',
    targetType: 'user',
    targetId: params.userId,
    details: {
      role: target.role,
      cohorts: cohortRows.length,
      portfolioLinksRevoked: linkRows.length,
      submissionsWithdrawn: withdrawn.length,
    },
  });
  return { userId: params.userId };
}

export function leaveOrg(db: Db, tenant: TenantCtx, p: { now: Date }) {
  return removeMember(db, tenant, { userId: tenant.userId, now: p.now });
}
