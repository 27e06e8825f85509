/** Reading submissions: a learner's own, the review queue, and one submission with its history. */
import {
  cohorts,
  projectBriefs,
  repoAnalyses,
  reviewSkillRatings,
  reviews,
  skills,
  submissionRevisions,
  submissions,
  users,
} from '@masar/drizzle';
import { canReanalyse, canReviewSubmission, canSeeReviewComments, type OffsetPage } from '@masar/shared';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { paged } from '../../lib/paging';
import { commentsShared, reviewScope } from '../../lib/scope';
import type { TenantCtx } from '../../trpc';
import { loadVisible } from './service';

const listColumns = {
  id: submissions.id,
  title: submissions.title,
  status: submissions.status,
  repoOwner: submissions.repoOwner,
  repoName: submissions.repoName,
  currentRevision: submissions.currentRevision,
  submittedAt: submissions.submittedAt,
  changedSinceApproval: submissions.changedSinceApproval,
  cohortId: submissions.cohortId,
  cohortName: cohorts.name,
  learnerId: submissions.learnerId,
  learnerName: users.name,
  analysisStatus: repoAnalyses.status,
  // a title left as the brief's (stored in the brief's own words) is shown in the reader's language
  briefTitle: projectBriefs.title,
  briefBuiltinKey: projectBriefs.builtinKey,
};

function listQuery(db: Db) {
  return db
    .select(listColumns)
    .from(submissions)
    .innerJoin(cohorts, and(eq(cohorts.orgId, submissions.orgId), eq(cohorts.id, submissions.cohortId)))
    .innerJoin(users, eq(users.id, submissions.learnerId))
    .leftJoin(
      repoAnalyses,
      and(eq(repoAnalyses.orgId, submissions.orgId), eq(repoAnalyses.submissionId, submissions.id)),
    )
    .leftJoin(
      projectBriefs,
      and(eq(projectBriefs.orgId, submissions.orgId), eq(projectBriefs.id, submissions.briefId)),
    );
}

export async function listMine(db: Db, tenant: TenantCtx, page: OffsetPage) {
  const where = and(eq(submissions.orgId, tenant.orgId), eq(submissions.learnerId, tenant.userId));
  return paged(
    page,
    (limit, offset) => listQuery(db).where(where).orderBy(desc(submissions.submittedAt)).limit(limit).offset(offset),
    () => db.select({ n: count() }).from(submissions).where(where),
  );
}

/** The review queue: submissions waiting in the caller's cohorts, oldest first. */
export async function listQueue(
  db: Db,
  tenant: TenantCtx,
  p: OffsetPage & {
    cohortId?: string | undefined;
    status?: 'waiting' | 'changes_requested' | 'approved' | 'all';
    skillId?: string | undefined;
  },
) {
  const status = p.status ?? 'waiting';
  const statusWhere =
    status === 'waiting'
      ? sql`(${submissions.status} in ('submitted', 'in_review') or (${submissions.status} = 'approved' and ${submissions.changedSinceApproval}))`
      : status === 'all'
        ? sql`${submissions.status} <> 'withdrawn'`
        : eq(submissions.status, status);
  const skillWhere = p.skillId
    ? sql`exists (select 1 from ${submissionRevisions} r where r.org_id = ${submissions.orgId} and r.submission_id = ${submissions.id}
        and r.revision = ${submissions.currentRevision} and ${p.skillId}::uuid = any(r.claimed_skill_ids))`
    : undefined;
  const where = and(
    eq(submissions.orgId, tenant.orgId),
    reviewScope(tenant),
    statusWhere,
    p.cohortId ? eq(submissions.cohortId, p.cohortId) : undefined,
    skillWhere,
  );
  return paged(
    p,
    (limit, offset) =>
      listQuery(db).where(where).orderBy(asc(submissions.submittedAt), asc(submissions.id)).limit(limit).offset(offset),
    () => db.select({ n: count() }).from(submissions).where(where),
  );
}

/** One submission with every revision, review (with ratings) and the latest analysis. */
export async function getSubmission(db: Db, tenant: TenantCtx, submissionId: string) {
  const s = await loadVisible(db, tenant, submissionId);
  const isOwn = s.learnerId === tenant.userId;
  const [revisionRows, reviewRows, ratingRows, [analysis], [learner], [cohort], [brief], shared] = await Promise.all([
    db
      .select()
      .from(submissionRevisions)
      .where(and(eq(submissionRevisions.orgId, tenant.orgId), eq(submissionRevisions.submissionId, s.id)))
      .orderBy(desc(submissionRevisions.revision)),
    db
      .select({
        id: reviews.id,
        revision: reviews.revision,
        decision: reviews.decision,
        comment: reviews.comment,
        createdAt: reviews.createdAt,
        reviewerName: users.name,
      })
      .from(reviews)
      .leftJoin(users, eq(users.id, reviews.reviewerId))
      .where(and(eq(reviews.orgId, tenant.orgId), eq(reviews.submissionId, s.id)))
      .orderBy(desc(reviews.createdAt)),
    db
      .select({
        reviewId: reviewSkillRatings.reviewId,
        skillId: reviewSkillRatings.skillId,
        rating: reviewSkillRatings.rating,
      })
      .from(reviewSkillRatings)
      .innerJoin(reviews, and(eq(reviews.orgId, reviewSkillRatings.orgId), eq(reviews.id, reviewSkillRatings.reviewId)))
      .where(and(eq(reviewSkillRatings.orgId, tenant.orgId), eq(reviews.submissionId, s.id))),
    db
      .select()
      .from(repoAnalyses)
      .where(and(eq(repoAnalyses.orgId, tenant.orgId), eq(repoAnalyses.submissionId, s.id)))
      .limit(1),
    db.select({ name: users.name, githubLogin: users.githubLogin }).from(users).where(eq(users.id, s.learnerId)),
    db
      .select({ name: cohorts.name })
      .from(cohorts)
      .where(and(eq(cohorts.orgId, tenant.orgId), eq(cohorts.id, s.cohortId))),
    s.briefId
      ? db
          .select({ title: projectBriefs.title, builtinKey: projectBriefs.builtinKey })
          .from(projectBriefs)
          .where(and(eq(projectBriefs.orgId, tenant.orgId), eq(projectBriefs.id, s.briefId)))
      : Promise.resolve([]),
    commentsShared(db, tenant.orgId, s.learnerId),
  ]);
  // Consent (shared/src/access.ts): read-only readers see mentors' comments only if the learner shares them.
  const commentsVisible = canSeeReviewComments(tenant.role, { isOwn, shared });
  const skillIds = [...new Set(revisionRows.flatMap((r) => r.claimedSkillIds))];
  const skillRows = skillIds.length
    ? await db
        .select({
          id: skills.id,
          key: skills.key,
          title: skills.title,
          builtinKey: skills.builtinKey,
          category: skills.category,
        })
        .from(skills)
        .where(and(eq(skills.orgId, tenant.orgId), inArray(skills.id, skillIds)))
    : [];
  return {
    submission: {
      ...s,
      repoUrl: `https://github.com/${s.repoOwner}/${s.repoName}`,
      briefTitle: brief?.title ?? null,
      briefBuiltinKey: brief?.builtinKey ?? null,
    },
    learner: learner ?? null,
    cohortName: cohort?.name ?? null,
    revisions: revisionRows.map(({ orgId: _o, ...r }) => r),
    reviews: reviewRows.map((r) => ({
      ...r,
      comment: commentsVisible ? r.comment : null,
      ratings: ratingRows.filter((x) => x.reviewId === r.id).map(({ skillId, rating }) => ({ skillId, rating })),
    })),
    skills: skillRows,
    analysis: analysis
      ? {
          status: analysis.status,
          reason: analysis.reason,
          result: analysis.result,
          headSha: analysis.headSha,
          apiCalls: analysis.apiCalls,
          attempts: analysis.attempts,
          nextRetryAt: analysis.nextRetryAt,
          analysedAt: analysis.analysedAt,
        }
      : null,
    canReview: canReviewSubmission(tenant.role, isOwn),
    canReanalyse: canReanalyse(tenant.role, isOwn),
    commentsVisible,
  };
}
