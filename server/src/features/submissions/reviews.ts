/** Reviews of a submission: starting one, deciding (append-only, audited, notified), and the queue health. */
import {
  repoAnalyses,
  reviewSkillRatings,
  reviews,
  skillProgress,
  submissionRevisions,
  submissions,
} from '@masar/drizzle';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { reviewScope } from '../../lib/scope';
import type { TenantCtx } from '../../trpc';
import { notify } from '../notifications/service';
import { loadForReview, type Notifier, type SkillRatingValue, submissionLink } from './service';

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
