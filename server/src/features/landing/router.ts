import { DEMO_LOGINS, DEMO_ORG_SLUG, DEMO_PASSWORD, demoExists } from '../../seed/demo';
import { publicProcedure, router } from '../../trpc';

export const landingRouter = router({
  /**
   * What the landing page offers a visitor besides signing up and logging in: on a demo deployment
   * (the seeded, clearly labelled demo organisation exists) its logins, whose password is public
   * (README, printed at start), so "try the demo" is one click. Nothing else about the system.
   */
  info: publicProcedure.query(async ({ ctx }) => {
    const demo = await demoExists(ctx.deps.database);
    return {
      demo: demo
        ? {
            orgSlug: DEMO_ORG_SLUG,
            password: DEMO_PASSWORD,
            logins: { mentor: DEMO_LOGINS.mentor, learner: DEMO_LOGINS.learner, viewer: DEMO_LOGINS.viewer },
          }
        : null,
    };
  }),
});
