import { HIRE_SORTS, todayIn, zId, zOffsetPage, zSearch } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, router } from '../../trpc';
import * as readinessService from './service';

export const readinessRouter = router({
  /** A hire's readiness for the junior level (the hire, their mentors, admins, read-only managers). */
  get: orgProcedure('org.read')
    .input(z.object({ cohortId: zId, learnerId: zId }))
    .query(({ ctx, input }) =>
      readinessService.readiness(ctx.db, ctx.tenant, {
        ...input,
        today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()),
      }),
    ),
  /** The hires table (a company manager's home): readiness, gaps, overdue, last activity; paged and sorted. */
  hires: orgProcedure('cohorts.read')
    .input(
      zOffsetPage.extend({
        sort: z.enum(HIRE_SORTS).default('readiness'),
        direction: z.enum(['asc', 'desc']).default('asc'),
        search: zSearch.optional(),
      }),
    )
    .query(({ ctx, input }) =>
      readinessService.hires(ctx.db, ctx.tenant, { ...input, today: todayIn(ctx.tenant.org.timeZone, ctx.deps.now()) }),
    ),
  consent: orgProcedure('progress.self').query(({ ctx }) => readinessService.getConsent(ctx.db, ctx.tenant)),
  setConsent: orgProcedure('progress.self')
    .input(z.object({ shareComments: z.boolean() }))
    .mutation(({ ctx, input }) => readinessService.setConsent(ctx.db, ctx.tenant, input)),
});
