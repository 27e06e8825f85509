import { authRouter } from './features/auth/router';
import { cohortRouter } from './features/cohorts/router';
import { dashboardRouter } from './features/dashboards/router';
import { invitationsRouter } from './features/invitations/router';
import { landingRouter } from './features/landing/router';
import { membersRouter } from './features/members/router';
import { notificationRouter } from './features/notifications/router';
import { orgRouter } from './features/org/router';
import { portfolioRouter } from './features/portfolios/router';
import { progressRouter } from './features/progress/router';
import { readinessRouter } from './features/readiness/router';
import { roadmapRouter } from './features/roadmaps/router';
import { submissionRouter } from './features/submissions/router';
import { systemRouter } from './features/system/router';
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
