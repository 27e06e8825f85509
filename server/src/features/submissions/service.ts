import {
  cohortMembers,
  cohorts,
  projectBriefs,
  repoAnalyses,
  roadmapSkills,
  submissionRevisions,
  submissions,
} from '@masar/drizzle';
import { canReanalyse, parseGithubRepoUrl } from '@masar/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, forbidden, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { EmailSender } from '../../lib/email';
import { cohortMentorIds, reviewScope, submissionScope } from '../../lib/scope';
import type { TenantCtx } from '../../trpc';
import { notify } from '../notifications/service';
import { queueAnalysis } from './analysis';

export interface Notifier {
  email: EmailSender;
  publicUrl: string;
}

export function submissionLink(n: Notifier, tenant: TenantCtx, id: string) {
  return `${n.publicUrl}/o/${tenant.org.slug}/submissions/${id}`;
}

export type SkillRatingValue = 'not_shown' | 'partial' | 'demonstrated';

/** A submission the caller may read (scope.ts: their own, or in a cohort of their scope). */
export async function loadVisible(db: Db, tenant: TenantCtx, submissionId: string) {
  const [s] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.orgId, tenant.orgId), eq(submissions.id, submissionId), submissionScope(tenant)))
    .limit(1);
  if (!s) throw notFound('submission');
  return s;
}

export async function loadForReview(db: Db, tenant: TenantCtx, submissionId: string) {
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

export * from './reading';
export * from './reviews';
