import { reviewInput, submitInput, zId, zOffsetPage } from '@masar/shared';
import { z } from 'zod';
import { queueAnalysis } from '../services/analysis';
import * as submissions from '../services/submissions';
import { orgProcedure, router } from '../trpc';

const ref = z.object({ submissionId: zId });

export const submissionRouter = router({
  submit: orgProcedure('progress.self')
    .input(submitInput)
    .mutation(async ({ ctx, input }) => {
      const r = await submissions.submit(ctx.db, ctx.tenant, input, ctx.deps.now());
      const job = { orgId: ctx.tenant.orgId, submissionId: r.submissionId };
      ctx.afterCommit(() => ctx.deps.services.jobs.enqueueAnalysis(job));
      return r;
    }),
  withdraw: orgProcedure('progress.self')
    .input(ref)
    .mutation(({ ctx, input }) => submissions.withdraw(ctx.db, ctx.tenant, input)),
  mine: orgProcedure('progress.self')
    .input(zOffsetPage)
    .query(({ ctx, input }) => submissions.listMine(ctx.db, ctx.tenant, input)),
  get: orgProcedure('submissions.read')
    .input(ref)
    .query(({ ctx, input }) => submissions.getSubmission(ctx.db, ctx.tenant, input.submissionId)),
  /** Analyse the repository again (its learner, or a reviewer). */
  reanalyse: orgProcedure('submissions.read')
    .input(ref)
    .mutation(async ({ ctx, input }) => {
      const { submission } = await submissions.getSubmission(ctx.db, ctx.tenant, input.submissionId);
      await queueAnalysis(ctx.db, ctx.tenant.orgId, submission.id);
      const job = { orgId: ctx.tenant.orgId, submissionId: submission.id };
      ctx.afterCommit(() => ctx.deps.services.jobs.enqueueAnalysis(job));
      return { queued: true as const };
    }),
  queue: orgProcedure('submissions.review')
    .input(
      zOffsetPage.extend({
        cohortId: zId.optional(),
        status: z.enum(['waiting', 'changes_requested', 'approved', 'all']).default('waiting'),
        skillId: zId.optional(),
      }),
    )
    .query(({ ctx, input }) => submissions.listQueue(ctx.db, ctx.tenant, input)),
  startReview: orgProcedure('submissions.review')
    .input(ref)
    .mutation(({ ctx, input }) => submissions.startReview(ctx.db, ctx.tenant, input)),
  review: orgProcedure('submissions.review')
    .input(reviewInput)
    .mutation(({ ctx, input }) => submissions.review(ctx.db, ctx.tenant, input, ctx.deps.now())),
});
