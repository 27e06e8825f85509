import { todayIn, zId, zSearch } from '@masar/shared';
import { z } from 'zod';
import * as dashboards from '../services/dashboards';
import { orgProcedure, router } from '../trpc';

export const dashboardRouter = router({
  /** A learner's progress page (the learner, their mentors, admins, viewers). */
  learner: orgProcedure('org.read')
    .input(z.object({ cohortId: zId, learnerId: zId }))
    .query(({ ctx, input }) =>
      dashboards.learnerProgress(ctx.db, ctx.tenant, {
        ...input,
        today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()),
      }),
    ),
  cohort: orgProcedure('cohorts.read')
    .input(
      z.object({
        cohortId: zId,
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(25),
        sort: z
          .enum(['name', 'coverage', 'expected', 'difference', 'status', 'overdue', 'open', 'lastActivity'])
          .default('difference'),
        desc: z.boolean().default(false),
        status: z.enum(['ahead', 'on_track', 'behind']).optional(),
        search: zSearch.optional(),
      }),
    )
    .query(({ ctx, input }) =>
      dashboards.cohortDashboard(ctx.db, ctx.tenant, {
        ...input,
        today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()),
        now: ctx.deps.now(),
      }),
    ),
  org: orgProcedure('org.overview').query(({ ctx }) =>
    dashboards.orgOverview(ctx.db, ctx.tenant, { today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()) }),
  ),
});
