import { changePasswordInput, logInInput, signUpInput, updateProfileInput } from '@masar/shared';
import { z } from 'zod';
import { createSession, invalidateSession, invalidateUserSessions } from '../../lib/sessions';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import * as accounts from './service';
import { normalizeEmail } from './service';

export const authRouter = router({
  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }) => (ctx.auth ? { ...ctx.auth.user } : null)),

  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const { deps, http } = ctx;
    await deps.services.authLimiter.signUp(http.ip);
    const user = await accounts.signUp(deps.database.db, input);
    const { token, session } = await createSession(deps.database.db, {
      userId: user.id,
      days: deps.config.sessionDays,
      now: deps.now(),
      userAgent: http.userAgent,
      ip: http.ip,
    });
    http.setSessionCookie(token, session.expiresAt);
    return user;
  }),

  logIn: publicProcedure.input(logInInput).mutation(async ({ ctx, input }) => {
    const { deps, http } = ctx;
    await deps.services.authLimiter.logIn(http.ip, normalizeEmail(input.email));
    const user = await accounts.logIn(deps.database.db, input);
    await deps.services.authLimiter.loggedIn(http.ip, normalizeEmail(input.email));
    const { token, session } = await createSession(deps.database.db, {
      userId: user.id,
      days: deps.config.sessionDays,
      now: deps.now(),
      userAgent: http.userAgent,
      ip: http.ip,
    });
    http.setSessionCookie(token, session.expiresAt);
    return user;
  }),

  logOut: protectedProcedure.mutation(async ({ ctx }) => {
    await invalidateSession(ctx.deps.database.db, ctx.auth.session.id);
    ctx.http.clearSessionCookie();
    return { ok: true as const };
  }),

  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => accounts.updateProfile(ctx.deps.database.db, ctx.auth.user.id, input)),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(({ ctx, input }) =>
    accounts.changePassword(ctx.deps.database.db, {
      userId: ctx.auth.user.id,
      currentSessionId: ctx.auth.session.id,
      ...input,
    }),
  ),

  sessions: router({
    list: protectedProcedure.query(({ ctx }) =>
      accounts.listSessions(ctx.deps.database.db, ctx.auth.user.id, ctx.auth.session.id),
    ),
    revoke: protectedProcedure
      .input(z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { message: 'errors.id.invalid' }) }))
      .mutation(async ({ ctx, input }) => {
        await accounts.revokeSession(ctx.deps.database.db, ctx.auth.user.id, input.sessionId);
        if (input.sessionId === ctx.auth.session.id) ctx.http.clearSessionCookie();
        return { ok: true as const };
      }),
    revokeOthers: protectedProcedure.mutation(async ({ ctx }) => {
      const ended = await invalidateUserSessions(ctx.deps.database.db, ctx.auth.user.id, ctx.auth.session.id);
      return { ended };
    }),
  }),
});
