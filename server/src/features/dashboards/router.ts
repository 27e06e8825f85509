import { COHORT_LEARNER_SORTS, todayIn, zId, zOffsetPage, zSearch } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, router } from '../../trpc';
import * as dashboards from './service';

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
  /** The cohort dashboard's charts, quartiles, heatmap and queue health (the learners table is `cohortLearners`). */
  cohort: orgProcedure('cohorts.read')
    .input(z.object({ cohortId: zId }))
    .query(({ ctx, input }) =>
      dashboards.cohortDashboard(ctx.db, ctx.tenant, {
        ...input,
        today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()),
        now: ctx.deps.now(),
      }),
    ),
  /** The cohort dashboard's learners table: one sorted, filtered page and the total. */
  cohortLearners: orgProcedure('cohorts.read')
    .input(
      zOffsetPage.extend({
        cohortId: zId,
        sort: z.enum(COHORT_LEARNER_SORTS).default('difference'),
        direction: z.enum(['asc', 'desc']).default('asc'),
        status: z.enum(['ahead', 'on_track', 'behind']).optional(),
        search: zSearch.optional(),
      }),
    )
    .query(({ ctx, input }) =>
      dashboards.cohortLearners(ctx.db, ctx.tenant, {
        ...input,
        today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()),
      }),
    ),
  org: orgProcedure('org.overview').query(({ ctx }) =>
    dashboards.orgOverview(ctx.db, ctx.tenant, { today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()) }),
  ),
});
