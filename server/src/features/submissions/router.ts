import { bounded, parseGithubRepoUrl, reviewInput, submitInput, zId, zOffsetPage, zText, zTitle } from '@masar/shared';
import { z } from 'zod';
import { AppError } from '../../errors';
import { checkRepository } from '../../github/check';
import { type AppDeps, orgProcedure, router } from '../../trpc';
import * as submissions from './service';
import * as snippets from './snippets';

const notifierOf = (deps: AppDeps): submissions.Notifier => ({
  email: deps.services.email,
  publicUrl: deps.config.publicUrl,
});

const ref = z.object({ submissionId: zId });

/**
 * Before a submission is accepted: GitHub must show its repository to anyone (decision 022).
 * Refused only when GitHub says "not found" (or it is private); when GitHub cannot say (rate
 * limit, outage) the submission is accepted and the analysis, which retries, finds out.
 */
async function checkSubmittedRepo(deps: AppDeps, rawInput: unknown) {
  const input = submitInput.safeParse(rawInput);
  if (!input.success) return; // the procedure's input parser refuses it
  const parsed = parseGithubRepoUrl(input.data.repoUrl);
  if (!parsed.ok) return; // the service refuses it with the parser's message
  const found = await checkRepository(
    { apiUrl: deps.config.githubApiUrl, token: deps.config.githubToken },
    { owner: parsed.owner, repo: parsed.repo },
    deps.now,
  );
  if (found === 'not_found') {
    throw new AppError('BAD_REQUEST', { userMessage: 'errors.submission.repoNotFound', field: 'repoUrl' });
  }
}

export const submissionRouter = router({
  submit: orgProcedure('progress.self', { beforeTransaction: (ctx, raw) => checkSubmittedRepo(ctx.deps, raw) })
    .input(submitInput)
    .mutation(async ({ ctx, input }) => {
      const r = await submissions.submit(ctx.db, ctx.tenant, input, ctx.deps.now(), notifierOf(ctx.deps));
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
  /** Analyse the repository again (its learner, or a reviewer); never two jobs at once. */
  reanalyse: orgProcedure('submissions.read')
    .input(ref)
    .mutation(async ({ ctx, input }) => {
      const r = await submissions.reanalyse(ctx.db, ctx.tenant, input);
      const job = { orgId: ctx.tenant.orgId, submissionId: r.submissionId };
      if (r.queued) ctx.afterCommit(() => ctx.deps.services.jobs.enqueueAnalysis(job));
      return { queued: r.queued };
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
  queueHealth: orgProcedure('submissions.review')
    .input(z.object({ cohortId: zId.optional() }))
    .query(({ ctx, input }) => submissions.queueHealth(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
  snippets: orgProcedure('submissions.review')
    .input(z.object({ skillId: zId.optional() }))
    .query(({ ctx, input }) => snippets.listSnippets(ctx.db, ctx.tenant, input)),
  saveSnippet: orgProcedure('submissions.review')
    .input(
      z.object({
        id: zId.optional(),
        skillId: zId.nullish(),
        title: zTitle,
        body: bounded(zText().trim(), {
          min: 1,
          tooShort: 'errors.snippet.empty',
          max: 5000,
          tooLong: 'errors.description.tooLong',
        }),
      }),
    )
    .mutation(({ ctx, input }) => snippets.saveSnippet(ctx.db, ctx.tenant, input)),
  deleteSnippet: orgProcedure('submissions.review')
    .input(z.object({ id: zId }))
    .mutation(({ ctx, input }) => snippets.deleteSnippet(ctx.db, ctx.tenant, input)),
  review: orgProcedure('submissions.review')
    .input(reviewInput)
    .mutation(({ ctx, input }) => submissions.review(ctx.db, ctx.tenant, input, ctx.deps.now(), notifierOf(ctx.deps))),
});
