import { inviteInput, zId, zInviteToken, zOffsetPage } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, protectedProcedure, publicProcedure, router } from '../../trpc';
import * as invitations from './service';

const tokenInput = z.object({ token: zInviteToken });

export const invitationsRouter = router({
  create: orgProcedure('invitations.manage')
    .input(inviteInput)
    .mutation(({ ctx, input }) =>
      invitations.createInvitation(ctx.db, ctx.tenant, input, {
        email: ctx.deps.services.email,
        publicUrl: ctx.deps.config.publicUrl,
        now: ctx.deps.now(),
        inviterName: ctx.auth.user.name,
      }),
    ),
  list: orgProcedure('invitations.manage')
    .input(zOffsetPage)
    .query(({ ctx, input }) => invitations.listInvitations(ctx.db, ctx.tenant, input, ctx.deps.now())),
  revoke: orgProcedure('invitations.manage')
    .input(z.object({ invitationId: zId }))
    .mutation(({ ctx, input }) =>
      invitations.revokeInvitation(ctx.db, ctx.tenant, { invitationId: input.invitationId, now: ctx.deps.now() }),
    ),
  outbox: orgProcedure('invitations.manage')
    .input(zOffsetPage)
    .query(({ ctx, input }) => invitations.listOutbox(ctx.db, ctx.tenant, input)),
  /** Whoever holds the link may see what it invites to. */
  byToken: publicProcedure
    .input(tokenInput)
    .query(({ ctx, input }) => invitations.describeInvitation(ctx.deps.database, input.token, ctx.deps.now())),
  accept: protectedProcedure
    .input(tokenInput)
    .mutation(({ ctx, input }) =>
      invitations.acceptInvitation(ctx.deps.database, ctx.auth.user, input.token, ctx.deps.now()),
    ),
});
