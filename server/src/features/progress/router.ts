import { todayIn, zId } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, router } from '../../trpc';
import { markSkill, myRoadmap } from './service';

export const progressRouter = router({
  /** The learner's own roadmap: what is assigned, due soon, overdue. */
  mine: orgProcedure('progress.self').query(({ ctx }) =>
    myRoadmap(ctx.db, ctx.tenant, todayIn(ctx.tenant.org.timeZone, ctx.deps.now())),
  ),
  markLearning: orgProcedure('progress.self')
    .input(z.object({ skillId: zId, learning: z.boolean() }))
    .mutation(({ ctx, input }) => markSkill(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
});
