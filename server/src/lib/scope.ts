/**
 * Row scope inside one organisation, built from the rules in shared/src/access.ts (COHORT_SCOPE,
 * mayMentor, canReviewSubmission, canSeeReviewComments). Every service filter on cohorts and
 * submissions comes from here, so "who sees what" is decided in one place and follows the caller's
 * current org role (read on every request): a demoted mentor loses their cohorts at once.
 */
import { cohortMembers, cohorts, learnerConsents, memberships, submissions } from '@masar/drizzle';
import { COHORT_SCOPE, can, MENTOR_ROLES } from '@masar/shared';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { TenantCtx } from '../trpc';

const mentors = (cohortIdColumn: SQL | typeof cohorts.id | typeof submissions.cohortId, tenant: TenantCtx) =>
  sql`exists (select 1 from ${cohortMembers} cm where cm.org_id = ${tenant.orgId} and cm.cohort_id = ${cohortIdColumn}
    and cm.user_id = ${tenant.userId} and cm.role = 'mentor')`;

const learnsIn = (cohortIdColumn: typeof cohorts.id, tenant: TenantCtx) =>
  sql`exists (select 1 from ${cohortMembers} cm where cm.org_id = ${tenant.orgId} and cm.cohort_id = ${cohortIdColumn}
    and cm.user_id = ${tenant.userId} and cm.role = 'learner')`;

/** Cohorts the caller sees as a whole (dashboards, members, assignments, exports); undefined = all. */
export function cohortScope(tenant: TenantCtx): SQL | undefined {
  switch (COHORT_SCOPE[tenant.role]) {
    case 'all':
      return undefined;
    case 'mentored':
      return mentors(cohorts.id, tenant);
    case 'member':
      return sql`false`;
  }
}

/** Cohorts the caller may open: those of `cohortScope`, and any they learn in (their own page). */
export function cohortScopeWithOwn(tenant: TenantCtx): SQL | undefined {
  const scope = cohortScope(tenant);
  return scope ? sql`(${scope} or ${learnsIn(cohorts.id, tenant)})` : undefined;
}

/** Submissions the caller reviews (queue, review actions): none for roles that do not review. */
export function reviewScope(tenant: TenantCtx): SQL | undefined {
  if (!can(tenant.role, 'submissions.review')) return sql`false`;
  return COHORT_SCOPE[tenant.role] === 'all' ? undefined : mentors(submissions.cohortId, tenant);
}

/** Submissions the caller may read: their own, plus those of the cohorts in their scope. */
export function submissionScope(tenant: TenantCtx): SQL | undefined {
  switch (COHORT_SCOPE[tenant.role]) {
    case 'all':
      return undefined;
    case 'mentored':
      return sql`(${submissions.learnerId} = ${tenant.userId} or ${mentors(submissions.cohortId, tenant)})`;
    case 'member':
      return eq(submissions.learnerId, tenant.userId);
  }
}

/**
 * The people notified as a cohort's mentors: listed as its mentor AND still holding an org role that
 * may mentor (a removed or demoted member is never mailed, even if a stale row were left).
 */
export async function cohortMentorIds(db: Db, orgId: string, cohortId: string) {
  const rows = await db
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .innerJoin(
      memberships,
      and(eq(memberships.orgId, cohortMembers.orgId), eq(memberships.userId, cohortMembers.userId)),
    )
    .where(
      and(
        eq(cohortMembers.orgId, orgId),
        eq(cohortMembers.cohortId, cohortId),
        eq(cohortMembers.role, 'mentor'),
        inArray(memberships.role, [...MENTOR_ROLES]),
      ),
    );
  return rows.map((r) => r.userId);
}

/** Whether `learnerId` lets read-only readers see mentors' comments (learner_consents). */
export async function commentsShared(db: Db, orgId: string, learnerId: string): Promise<boolean> {
  const [consent] = await db
    .select({ shareComments: learnerConsents.shareComments })
    .from(learnerConsents)
    .where(and(eq(learnerConsents.orgId, orgId), eq(learnerConsents.learnerId, learnerId)))
    .limit(1);
  return Boolean(consent?.shareComments);
}
