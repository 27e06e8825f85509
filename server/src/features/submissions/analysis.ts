import { organizations, repoAnalyses, submissions, users } from '@masar/drizzle';
import { isLegacyEvidence } from '@masar/shared';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Database } from '../../db';
import { withScope } from '../../db/tenant';
import { type AnalysisResult, analyzeRepository } from '../../github/analyze';
import { AnalysisResultSchema } from '../../github/types';
import type { AnalysisJob, Jobs } from '../../jobs';
import type { Logger } from '../../logger';

export const MAX_ANALYSIS_ATTEMPTS = 4;

/**
 * The repo-analysis job: reads the repository through the GitHub API (conditional on the stored
 * ETag), stores the result and the job's state on the submission, flags "changed since approval"
 * when the default branch moved, and reschedules itself on rate limits (not a failure) and, with
 * backoff, on transient failures.
 */
export async function runAnalysisJob(
  deps: {
    database: Database;
    config: Pick<Config, 'githubApiUrl' | 'githubToken'>;
    logger: Logger;
    jobs: Jobs;
    now: () => Date;
  },
  job: AnalysisJob,
) {
  const { database, now } = deps;
  const loaded = await withScope(database, { orgId: job.orgId }, async (tx) => {
    const [row] = await tx
      .select({ submission: submissions, analysis: repoAnalyses, githubLogin: users.githubLogin })
      .from(submissions)
      .innerJoin(users, eq(users.id, submissions.learnerId))
      .leftJoin(
        repoAnalyses,
        and(eq(repoAnalyses.orgId, submissions.orgId), eq(repoAnalyses.submissionId, submissions.id)),
      )
      .where(and(eq(submissions.orgId, job.orgId), eq(submissions.id, job.submissionId)))
      .limit(1);
    if (!row) return null;
    const attempts = (row.analysis?.attempts ?? 0) + 1;
    await tx
      .insert(repoAnalyses)
      .values({ orgId: job.orgId, submissionId: job.submissionId, status: 'running', attempts })
      .onConflictDoUpdate({
        target: [repoAnalyses.orgId, repoAnalyses.submissionId],
        set: { status: 'running', attempts, nextRetryAt: null, updatedAt: now() },
      });
    return { ...row, attempts };
  });
  if (!loaded) {
    deps.logger.warn({ job }, 'analysis job for a missing submission: dropped');
    return;
  }
  const { submission, analysis, githubLogin, attempts } = loaded;
  const outcome = await analyzeRepository(
    { apiUrl: deps.config.githubApiUrl, token: deps.config.githubToken },
    { owner: submission.repoOwner, repo: submission.repoName, authorLogin: githubLogin },
    analysis?.etag ? { etag: analysis.etag, result: reusableResult(analysis.result) } : null,
    now,
  );
  let reschedule: Date | null = null;
  await withScope(database, { orgId: job.orgId }, async (tx) => {
    const where = and(eq(repoAnalyses.orgId, job.orgId), eq(repoAnalyses.submissionId, job.submissionId));
    switch (outcome.kind) {
      case 'done': {
        const headSha = outcome.result.repo.headSha;
        await tx
          .update(repoAnalyses)
          .set({
            status: 'done',
            reason: outcome.notModified ? 'not_modified' : null,
            etag: outcome.etag ?? analysis?.etag ?? null,
            headSha,
            result: outcome.result as unknown as Record<string, unknown>,
            apiCalls: outcome.apiCalls,
            attempts: 0,
            analysedAt: now(),
          })
          .where(where);
        if (submission.status === 'approved' && submission.approvedSha && submission.approvedSha !== headSha) {
          await tx
            .update(submissions)
            .set({ changedSinceApproval: true })
            .where(and(eq(submissions.orgId, job.orgId), eq(submissions.id, job.submissionId)));
        }
        break;
      }
      case 'not_found':
        await tx
          .update(repoAnalyses)
          .set({ status: 'not_found', reason: 'not_found_or_private', apiCalls: outcome.apiCalls, analysedAt: now() })
          .where(where);
        break;
      case 'rate_limited':
        reschedule = outcome.retryAt;
        await tx
          .update(repoAnalyses)
          .set({
            status: 'rate_limited',
            reason: 'rate_limited',
            apiCalls: outcome.apiCalls,
            nextRetryAt: outcome.retryAt,
          })
          .where(where);
        break;
      case 'failed': {
        const retry =
          attempts < MAX_ANALYSIS_ATTEMPTS ? new Date(now().getTime() + 30_000 * 2 ** (attempts - 1)) : null;
        reschedule = retry;
        await tx
          .update(repoAnalyses)
          .set({ status: 'failed', reason: outcome.reason, apiCalls: outcome.apiCalls, nextRetryAt: retry })
          .where(where);
        break;
      }
    }
  });
  if (reschedule) await deps.jobs.enqueueAnalysis(job, { startAfter: reschedule });
  deps.logger.info({ job, outcome: outcome.kind, apiCalls: outcome.apiCalls }, 'repository analysed');
}

/**
 * A stored result a "not modified" answer may reuse: one that reads back as an `AnalysisResult`
 * and whose evidence and notes are structured. A result from before that (English strings) is not
 * reused, so the next analysis reads the repository again and stores them without words.
 */
export function reusableResult(stored: unknown): AnalysisResult | null {
  const parsed = AnalysisResultSchema.safeParse(stored);
  if (!parsed.success) return null;
  const legacy =
    parsed.data.signals.some((s) => isLegacyEvidence(s.evidence)) ||
    parsed.data.notes.some((n) => typeof n === 'string');
  return legacy ? null : parsed.data;
}

/** Queue (again) the analysis of a submission's repository. */
/**
 * Marks the submission's analysis as queued; false when one is already queued or running (the caller
 * then enqueues no job: one job per submission at a time). The conflict update locks the row, so two
 * concurrent calls cannot both see "not pending".
 */
export async function queueAnalysis(db: import('../../db').Db, orgId: string, submissionId: string): Promise<boolean> {
  const rows = await db
    .insert(repoAnalyses)
    .values({ orgId, submissionId, status: 'queued' })
    .onConflictDoUpdate({
      target: [repoAnalyses.orgId, repoAnalyses.submissionId],
      set: { status: 'queued', reason: null, nextRetryAt: null, updatedAt: new Date() },
      setWhere: sql`${repoAnalyses.status} not in ('queued', 'running')`,
    })
    .returning({ submissionId: repoAnalyses.submissionId });
  return rows.length > 0;
}

/**
 * Re-queues analyses that have no job any more: queued or running (or due for a retry) for longer
 * than `olderThanSeconds` while pg-boss holds no waiting, retrying or active job for them. That
 * happens when the server dies between a request's commit and its after-commit enqueue, when the
 * enqueue fails (the database went away right after the commit), or when a job ran out of pg-boss
 * retries. Runs at worker start and with pg-boss's maintenance; returns how many it re-queued.
 */
export async function resumeStrandedAnalyses(
  deps: { database: Database; jobs: Jobs; logger: Logger },
  p: { olderThanSeconds: number; now: Date },
): Promise<number> {
  const { database, jobs } = deps;
  const cutoff = new Date(p.now.getTime() - p.olderThanSeconds * 1000);
  const pending = await jobs.pendingAnalyses();
  const orgs = await database.db.select({ id: organizations.id }).from(organizations);
  let count = 0;
  for (const org of orgs) {
    const rows = await withScope(database, { orgId: org.id }, (tx) =>
      tx
        .select({ submissionId: repoAnalyses.submissionId })
        .from(repoAnalyses)
        .where(
          and(
            eq(repoAnalyses.orgId, org.id),
            lt(repoAnalyses.updatedAt, cutoff),
            // a job that keeps killing its worker is not re-queued for ever
            lt(repoAnalyses.attempts, 2 * MAX_ANALYSIS_ATTEMPTS),
            or(
              inArray(repoAnalyses.status, ['queued', 'running']),
              and(inArray(repoAnalyses.status, ['rate_limited', 'failed']), lt(repoAnalyses.nextRetryAt, cutoff)),
            ),
          ),
        ),
    );
    for (const { submissionId } of rows) {
      if (pending.has(submissionId)) continue;
      await jobs.enqueueAnalysis({ orgId: org.id, submissionId });
      count++;
    }
  }
  if (count) deps.logger.warn({ count }, 'analyses without a job re-queued');
  return count;
}
