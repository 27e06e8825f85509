import { zId, zOffsetPage } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, publicProcedure, router } from '../../trpc';
import * as portfolio from './service';

export const portfolioRouter = router({
  status: orgProcedure('progress.self').query(({ ctx }) => portfolio.portfolioStatus(ctx.db, ctx.tenant)),
  publish: orgProcedure('progress.self')
    .input(z.object({ includeComments: z.boolean().default(false) }))
    .mutation(({ ctx, input }) =>
      portfolio.publishPortfolio(ctx.db, ctx.tenant, {
        ...input,
        publicUrl: ctx.deps.config.publicUrl,
        now: ctx.deps.now(),
      }),
    ),
  revoke: orgProcedure('progress.self').mutation(({ ctx }) =>
    portfolio.revokePortfolio(ctx.db, ctx.tenant, { now: ctx.deps.now() }),
  ),
  /** The organisation's live portfolio links, for admins. */
  links: orgProcedure('members.manage')
    .input(zOffsetPage)
    .query(({ ctx, input }) => portfolio.listPortfolioLinks(ctx.db, ctx.tenant, input)),
  /** An admin takes down a member's public link. */
  revokeFor: orgProcedure('members.manage')
    .input(z.object({ learnerId: zId }))
    .mutation(({ ctx, input }) => portfolio.revokePortfolioOf(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
  /** The public page behind an unguessable link; works logged out. */
  view: publicProcedure
    .input(z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { message: 'errors.portfolio.notFound' }) }))
    .query(({ ctx, input }) => portfolio.viewPortfolio(ctx.deps.database, input.token)),
});
