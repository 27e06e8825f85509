import { authRouter } from './routers/auth';
import { invitationsRouter } from './routers/invitations';
import { membersRouter } from './routers/members';
import { orgRouter } from './routers/org';
import { systemRouter } from './routers/system';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  org: orgRouter,
  members: membersRouter,
  invitations: invitationsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
