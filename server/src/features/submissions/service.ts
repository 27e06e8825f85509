import {
  cohortMembers,
  cohorts,
  projectBriefs,
  repoAnalyses,
  reviewSkillRatings,
  reviews,
  roadmapSkills,
  skillProgress,
  skills,
  submissionRevisions,
  submissions,
  users,
} from '@masar/drizzle';
import {
  canReanalyse,
  canReviewSubmission,
  canSeeReviewComments,
  type OffsetPage,
  parseGithubRepoUrl,
} from '@masar/shared';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, forbidden, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { EmailSender } from '../../lib/email';
import { paged } from '../../lib/paging';
import { cohortMentorIds, commentsShared, reviewScope, submissionScope } from '../../lib/scope';
import type { TenantCtx } from '../../trpc';
import { notify } from '../notifications/service';
import { queueAnalysis } from './analysis';

export interface Notifier {
  email: EmailSender;
  publicUrl: string;
}

function submissionLink(n: Notifier, tenant: TenantCtx, id: string) {
  return `${n.publicUrl}/o/${tenant.org.slug}/submissions/${id}`;
}

type SkillRatingValue = 'not_shown' | 'partial' | 'demonstrated';

/** A submission the caller may read (scope.ts: their own, or in a cohort of their scope). */
async function loadVisible(db: Db, tenant: TenantCtx, submissionId: string) {
  const [s] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.orgId, tenant.orgId), eq(submissions.id, submissionId), submissionScope(tenant)))
    .limit(1);
  if (!s) throw notFound('submission');
  return s;
}

async function loadForReview(db: Db, tenant: TenantCtx, submissionId: string) {
  const [s] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.orgId, tenant.orgId), eq(submissions.id, submissionId), reviewScope(tenant)))
    .limit(1);
  if (!s) throw notFound('submission');
  if (s.learnerId === tenant.userId) throw new AppError('FORBIDDEN', { userMessage: 'errors.review.ownSubmission' });
  return s;
}

export interface SubmitParams {
  cohortId: string;
  repoUrl: string;
  briefId?: string | null | undefined;
  claimedSkillIds: string[];
  title: string;
  note: string;
}

/**
 * A learner submits a repository. The same repository for the same brief again makes a new
 * revision of the same submission (earlier revisions and their reviews stay). Queues an analysis.
 * `mentorsNotified` says whether the cohort had a mentor to tell.
 */
export async function submit(db: Db, tenant: TenantCtx, p: SubmitParams, now: Date, notifier?: Notifier) {
  const parsed = parseGithubRepoUrl(p.repoUrl);
  if (!parsed.ok) throw new AppError('BAD_REQUEST', { userMessage: parsed.error, field: 'repoUrl' });
  const [membership] = await db
    .select({ roadmapId: cohorts.roadmapId })
    .from(cohortMembers)
    .innerJoin(cohorts, and(eq(cohorts.orgId, cohortMembers.orgId), eq(cohorts.id, cohortMembers.cohortId)))
    .where(
      and(
        eq(cohortMembers.orgId, tenant.orgId),
        eq(cohortMembers.cohortId, p.cohortId),
        eq(cohortMembers.userId, tenant.userId),
        eq(cohortMembers.role, 'learner'),
        isNull(cohorts.archivedAt),
      ),
    )
    .limit(1);
  if (!membership) throw notFound('cohort');
  const placed = new Set(
    (
      await db
        .select({ skillId: roadmapSkills.skillId })
        .from(roadmapSkills)
        .where(
          and(
            eq(roadmapSkills.orgId, tenant.orgId),
            eq(roadmapSkills.roadmapId, membership.roadmapId),
            isNull(roadmapSkills.archivedAt),
          ),
        )
    ).map((r) => r.skillId),
  );
  let claimed = [...new Set(p.claimedSkillIds)];
  if (p.briefId) {
    const [brief] = await db
      .select({ skillIds: projectBriefs.skillIds })
      .from(projectBriefs)
      .where(
        and(
          eq(projectBriefs.orgId, tenant.orgId),
          eq(projectBriefs.id, p.briefId),
          eq(projectBriefs.roadmapId, membership.roadmapId),
          isNull(projectBriefs.archivedAt),
        ),
      )
      .limit(1);
    if (!brief) throw notFound('brief');
    if (claimed.length === 0) claimed = brief.skillIds.filter((id) => placed.has(id));
  }
  if (claimed.length === 0) {
    throw new AppError('BAD_REQUEST', { userMessage: 'errors.submission.nothingClaimed', field: 'claimedSkillIds' });
  }
  if (claimed.some((id) => !placed.has(id))) throw notFound('skill');

  const dedupeKey = `${parsed.fullName.toLowerCase()}#${p.briefId ?? ''}`;
  const [existing] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.orgId, tenant.orgId),
        eq(submissions.learnerId, tenant.userId),
        eq(submissions.dedupeKey, dedupeKey),
      ),
    )
    .limit(1);
  let submissionId: string;
  let revision: number;
  if (existing) {
    revision = existing.currentRevision + 1;
    submissionId = existing.id;
    await db
      .update(submissions)
      .set({
        title: p.title,
        status: 'submitted',
        currentRevision: revision,
        version: existing.version + 1,
        submittedAt: now,
        cohortId: p.cohortId,
      })
      .where(and(eq(submissions.orgId, tenant.orgId), eq(submissions.id, existing.id)));
  } else {
    revision = 1;
    const [row] = await db
      .insert(submissions)
      .values({
        orgId: tenant.orgId,
        learnerId: tenant.userId,
        cohortId: p.cohortId,
        briefId: p.briefId ?? null,
        repoOwner: parsed.owner,
        repoName: parsed.repo,
        dedupeKey,
        title: p.title,
        submittedAt: now,
      })
      .returning({ id: submissions.id });
    submissionId = row!.id;
  }
  await db
    .insert(submissionRevisions)
    .values({ orgId: tenant.orgId, submissionId, revision, title: p.title, note: p.note, claimedSkillIds: claimed });
  await db
    .insert(repoAnalyses)
    .values({ orgId: tenant.orgId, submissionId, status: 'queued' })
    .onConflictDoUpdate({
      target: [repoAnalyses.orgId, repoAnalyses.submissionId],
      set: { status: 'queued', reason: null, nextRetryAt: null, updatedAt: now },
    });
  await recordAudit(db, tenant, {
    action: revision === 1 ? 'submission.created' : 'submission.revised',
    targetType: 'submission',
    targetId: submissionId,
    details: { repo: parsed.fullName, revision, claimed: claimed.length },
  });
  // Told: the cohort's mentors other than the learner (notify() leaves the actor out too).
  const mentorIds = (await cohortMentorIds(db, tenant.orgId, p.cohortId)).filter((id) => id !== tenant.userId);
  if (notifier) {
    await notify(
      db,
      tenant,
      {
        userIds: mentorIds,
        kind: revision === 1 ? 'submission.new' : 'submission.resubmitted',
        submissionId,
        subject: { title: p.title, repo: parsed.fullName },
        link: submissionLink(notifier, tenant, submissionId),
      },
      notifier.email,
    );
  }
  // The learner is told the truth: whether anyone was told about it (no mentor yet: nobody was).
  return { submissionId, revision, repo: parsed.fullName, mentorsNotified: Boolean(notifier) && mentorIds.length > 0 };
}

export async function withdraw(db: Db, tenant: TenantCtx, p: { submissionId: string }) {
  const [s] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.orgId, tenant.orgId),
        eq(submissions.id, p.submissionId),
        eq(submissions.learnerId, tenant.userId),
      ),
    )
    .limit(1);
  if (!s) throw notFound('submission');
  if (s.status === 'approved' || s.status === 'withdrawn') {
    throw new AppError('CONFLICT', { userMessage: 'errors.submission.cannotWithdraw', message: `status ${s.status}` });
  }
  await db
    .update(submissions)
    .set({ status: 'withdrawn', version: s.version + 1 })
    .where(and(eq(submissions.orgId, tenant.orgId), eq(submissions.id, s.id)));
  await recordAudit(db, tenant, { action: 'submission.withdrawn', targetType: 'submission', targetId: s.id });
  return { submissionId: s.id, status: 'withdrawn' as const };
}

/**
 * Analyse the repository again: its learner or a reviewer of its cohort (not read-only roles).
 * `queued: false` when an analysis is already queued or running: no second job is started.
 */
export async function reanalyse(db: Db, tenant: TenantCtx, p: { submissionId: string }) {
  const s = await loadVisible(db, tenant, p.submissionId);
  if (!canReanalyse(tenant.role, s.learnerId === tenant.userId)) throw forbidden(`${tenant.role} may not re-analyse`);
  if (s.status === 'withdrawn') {
    throw new AppError('CONFLICT', { userMessage: 'errors.submission.withdrawn', message: 'withdrawn' });
  }
  const queued = await queueAnalysis(db, tenant.orgId, s.id);
  if (queued) {
    await recordAudit(db, tenant, { action: 'submission.reanalysed', targetType: 'submission', targetId: s.id });
  }
  return { submissionId: s.id, queued };
}

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

/** A mentor opens a submitted revision for review (submitted → in review). */
export async function startReview(db: Db, tenant: TenantCtx, p: { submissionId: string }) {
  const s = await loadForReview(db, tenant, p.submissionId);
  if (s.status !== 'submitted') return { status: s.status, version: s.version };
  const [u] = await db
    .update(submissions)
    .set({ status: 'in_review', version: s.version + 1 })
    .where(and(eq(submissions.orgId, tenant.orgId), eq(submissions.id, s.id), eq(submissions.version, s.version)))
    .returning({ status: submissions.status, version: submissions.version });
  return u ?? { status: s.status, version: s.version };
}

/**
 * A review: decision, comment and a rating per claimed skill. `expectedVersion` is the version the
 * mentor saw; if another review landed first, this one is refused with CONFLICT (the client keeps
 * the text). Approved + demonstrated → verified; partial (or demonstrated without approval) → evidenced.
 */
export async function review(
  db: Db,
  tenant: TenantCtx,
  p: {
    submissionId: string;
    revision: number;
    expectedVersion: number;
    decision: 'approved' | 'changes_requested';
    comment: string;
    ratings: { skillId: string; rating: SkillRatingValue }[];
  },
  now: Date,
  notifier?: Notifier,
) {
  const s = await loadForReview(db, tenant, p.submissionId);
  const reviewable =
    s.status === 'submitted' || s.status === 'in_review' || (s.status === 'approved' && s.changedSinceApproval);
  if (!reviewable || p.revision !== s.currentRevision || p.expectedVersion !== s.version) {
    throw new AppError('CONFLICT', { userMessage: 'errors.review.conflict', message: 'stale review' });
  }
  const [rev] = await db
    .select({ claimed: submissionRevisions.claimedSkillIds })
    .from(submissionRevisions)
    .where(
      and(
        eq(submissionRevisions.orgId, tenant.orgId),
        eq(submissionRevisions.submissionId, s.id),
        eq(submissionRevisions.revision, p.revision),
      ),
    );
  const claimed = new Set(rev?.claimed ?? []);
  const ratings = new Map(p.ratings.map((r) => [r.skillId, r.rating]));
  if ([...ratings.keys()].some((id) => !claimed.has(id))) {
    throw new AppError('BAD_REQUEST', { userMessage: 'errors.review.unclaimedSkill', field: 'ratings' });
  }
  const [analysis] = await db
    .select({ headSha: repoAnalyses.headSha })
    .from(repoAnalyses)
    .where(and(eq(repoAnalyses.orgId, tenant.orgId), eq(repoAnalyses.submissionId, s.id)));
  const claimedWin = await db
    .update(submissions)
    .set({
      status: p.decision,
      version: s.version + 1,
      ...(p.decision === 'approved' ? { approvedSha: analysis?.headSha ?? null, changedSinceApproval: false } : {}),
    })
    .where(
      and(eq(submissions.orgId, tenant.orgId), eq(submissions.id, s.id), eq(submissions.version, p.expectedVersion)),
    )
    .returning({ version: submissions.version });
  if (claimedWin.length === 0)
    throw new AppError('CONFLICT', { userMessage: 'errors.review.conflict', message: 'lost race' });
  const [row] = await db
    .insert(reviews)
    .values({
      orgId: tenant.orgId,
      submissionId: s.id,
      revision: p.revision,
      reviewerId: tenant.userId,
      decision: p.decision,
      comment: p.comment,
      createdAt: now,
    })
    .returning({ id: reviews.id });
  if (ratings.size) {
    await db
      .insert(reviewSkillRatings)
      .values([...ratings].map(([skillId, rating]) => ({ orgId: tenant.orgId, reviewId: row!.id, skillId, rating })));
  }
  const verified = [...ratings].filter(([, r]) => r === 'demonstrated' && p.decision === 'approved').map(([id]) => id);
  const evidenced = [...ratings].filter(([id, r]) => r !== 'not_shown' && !verified.includes(id)).map(([id]) => id);
  for (const skillId of verified) {
    await db
      .insert(skillProgress)
      .values({
        orgId: tenant.orgId,
        learnerId: s.learnerId,
        skillId,
        status: 'verified',
        evidencedAt: now,
        verifiedAt: now,
        selfMarked: false,
      })
      .onConflictDoUpdate({
        target: [skillProgress.orgId, skillProgress.learnerId, skillProgress.skillId],
        set: {
          status: 'verified',
          verifiedAt: sql`coalesce(${skillProgress.verifiedAt}, excluded.verified_at)`,
          evidencedAt: sql`coalesce(${skillProgress.evidencedAt}, excluded.evidenced_at)`,
          selfMarked: false,
        },
      });
  }
  for (const skillId of evidenced) {
    await db
      .insert(skillProgress)
      .values({
        orgId: tenant.orgId,
        learnerId: s.learnerId,
        skillId,
        status: 'evidenced',
        evidencedAt: now,
        selfMarked: false,
      })
      .onConflictDoUpdate({
        target: [skillProgress.orgId, skillProgress.learnerId, skillProgress.skillId],
        // never downgrade a verified skill
        set: {
          status: sql`case when ${skillProgress.status} = 'verified' then 'verified'::progress_status else 'evidenced'::progress_status end`,
          evidencedAt: sql`coalesce(${skillProgress.evidencedAt}, excluded.evidenced_at)`,
          selfMarked: false,
        },
      });
  }
  await recordAudit(db, tenant, {
    action: 'review.created',
    targetType: 'submission',
    targetId: s.id,
    details: { revision: p.revision, decision: p.decision, verified: verified.length, evidenced: evidenced.length },
  });
  if (notifier) {
    await notify(
      db,
      tenant,
      {
        userIds: [s.learnerId],
        kind: p.decision === 'approved' ? 'review.approved' : 'review.changes_requested',
        submissionId: s.id,
        subject: { title: s.title, repo: `${s.repoOwner}/${s.repoName}` },
        link: submissionLink(notifier, tenant, s.id),
      },
      notifier.email,
    );
  }
  return { reviewId: row!.id, status: p.decision, version: claimedWin[0]!.version, verified, evidenced };
}

/**
 * Review-queue health for the dashboards: how many wait, the median and the oldest wait (hours),
 * aggregated in SQL.
 */
export async function queueHealth(db: Db, tenant: TenantCtx, p: { cohortId?: string | undefined; now: Date }) {
  const [row] = await db
    .select({
      waiting: sql<number>`count(*)::int`,
      medianHours: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from (${p.now.toISOString()}::timestamptz - ${submissions.submittedAt})) / 3600)`,
      oldestHours: sql<
        number | null
      >`max(extract(epoch from (${p.now.toISOString()}::timestamptz - ${submissions.submittedAt})) / 3600)`,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.orgId, tenant.orgId),
        reviewScope(tenant),
        sql`${submissions.status} in ('submitted', 'in_review')`,
        p.cohortId ? eq(submissions.cohortId, p.cohortId) : undefined,
      ),
    );
  return {
    waiting: Number(row?.waiting ?? 0),
    medianHours: row?.medianHours == null ? null : Number(row.medianHours),
    oldestHours: row?.oldestHours == null ? null : Number(row.oldestHours),
  };
}
