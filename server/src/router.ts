import { authRouter } from './routers/auth';
import { cohortRouter, progressRouter } from './routers/cohorts';
import { dashboardRouter } from './routers/dashboards';
import { invitationsRouter } from './routers/invitations';
import { landingRouter } from './routers/landing';
import { membersRouter } from './routers/members';
import { orgRouter } from './routers/org';
import { portfolioRouter, readinessRouter } from './routers/portfolio';
import { roadmapRouter } from './routers/roadmaps';
import { notificationRouter, submissionRouter } from './routers/submissions';
import { systemRouter } from './routers/system';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  roadmaps: roadmapRouter,
  cohorts: cohortRouter,
  progress: progressRouter,
  submissions: submissionRouter,
  notifications: notificationRouter,
  dashboards: dashboardRouter,
  readiness: readinessRouter,
  portfolios: portfolioRouter,
  landing: landingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
