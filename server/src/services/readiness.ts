import { learnerConsents, reviews, submissions, users } from '@masar/drizzle';
import { addDaysToDate, canSeeReviewComments, type IsoDate } from '@masar/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import type { TenantCtx } from '../trpc';
import { learnerProgress } from './dashboards';
import { commentsShared } from './scope';

/** The junior level: the skills whose window ends by month 6. */
export const JUNIOR_END_MONTH = 6;

/**
 * A hire's readiness for the junior level: the verified share of the 0–6-month skills, the gaps,
 * what is due in the next 30/60/90 days, and approved repositories. Mentor comments are included
 * for read-only viewers only with the hire's consent.
 */
export async function readiness(db: Db, tenant: TenantCtx, p: { cohortId: string; learnerId: string; today: IsoDate }) {
  const page = await learnerProgress(db, tenant, p);
  const junior = page.skills.filter((s) => s.endMonth <= JUNIOR_END_MONTH);
  const verified = junior.filter((s) => s.status === 'verified');
  const upcoming = page.nextDue.concat(
    page.overdue.map((o) => ({
      skillId: o.skillId,
      dueDate: o.dueDate,
      key: o.key,
      title: o.title,
      builtinKey: o.builtinKey,
      category: o.category,
    })),
  );
  const within = (days: number) =>
    upcoming.filter((u) => u.dueDate <= addDaysToDate(p.today, days) && u.dueDate >= p.today);
  const shared = await commentsShared(db, tenant.orgId, p.learnerId);
  const showComments = canSeeReviewComments(tenant.role, { isOwn: tenant.userId === p.learnerId, shared });
  const approved = await db
    .select({
      id: submissions.id,
      title: submissions.title,
      repoOwner: submissions.repoOwner,
      repoName: submissions.repoName,
      updatedAt: submissions.updatedAt,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.orgId, tenant.orgId),
        eq(submissions.learnerId, p.learnerId),
        eq(submissions.status, 'approved'),
      ),
    )
    .orderBy(desc(submissions.updatedAt))
    .limit(50);
  const comments =
    showComments && approved.length
      ? await db
          .select({
            submissionId: reviews.submissionId,
            comment: reviews.comment,
            reviewerName: users.name,
            createdAt: reviews.createdAt,
          })
          .from(reviews)
          .leftJoin(users, eq(users.id, reviews.reviewerId))
          .where(
            and(
              eq(reviews.orgId, tenant.orgId),
              inArray(
                reviews.submissionId,
                approved.map((a) => a.id),
              ),
              eq(reviews.decision, 'approved'),
            ),
          )
      : [];
  return {
    learner: page.learner,
    cohort: page.cohort,
    today: p.today,
    junior: {
      total: junior.length,
      verified: verified.length,
      share: junior.length ? verified.length / junior.length : 0,
    },
    gaps: junior
      .filter((s) => s.status !== 'verified')
      .map(({ skillId, key, title, builtinKey, category, endMonth, status }) => ({
        skillId,
        key,
        title,
        builtinKey,
        category,
        endMonth,
        status,
      })),
    dueIn: { days30: within(30), days60: within(60), days90: within(90) },
    approvedRepos: approved.map((a) => ({
      ...a,
      repoUrl: `https://github.com/${a.repoOwner}/${a.repoName}`,
      comments: comments.filter((c) => c.submissionId === a.id),
    })),
    commentsShared: shared,
    commentsVisible: showComments,
  };
}

/** The learner decides whether read-only viewers (company managers) see mentors' comments. */
export async function setConsent(db: Db, tenant: TenantCtx, p: { shareComments: boolean }) {
  await db
    .insert(learnerConsents)
    .values({ orgId: tenant.orgId, learnerId: tenant.userId, shareComments: p.shareComments })
    .onConflictDoUpdate({
      target: [learnerConsents.orgId, learnerConsents.learnerId],
      set: { shareComments: p.shareComments },
    });
  return { shareComments: p.shareComments };
}

export async function getConsent(db: Db, tenant: TenantCtx) {
  const [row] = await db
    .select({ shareComments: learnerConsents.shareComments })
    .from(learnerConsents)
    .where(and(eq(learnerConsents.orgId, tenant.orgId), eq(learnerConsents.learnerId, tenant.userId)))
    .limit(1);
  return { shareComments: row?.shareComments ?? false };
}
