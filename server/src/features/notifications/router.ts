import { zId, zOffsetPage } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, router } from '../../trpc';
import * as notifications from './service';

export const notificationRouter = router({
  list: orgProcedure('org.read')
    .input(zOffsetPage)
    .query(({ ctx, input }) => notifications.listNotifications(ctx.db, ctx.tenant, input)),
  unreadCount: orgProcedure('org.read').query(({ ctx }) => notifications.unreadCount(ctx.db, ctx.tenant)),
  markRead: orgProcedure('org.read')
    .input(z.object({ ids: z.array(zId).max(100).optional(), all: z.boolean().optional() }))
    .mutation(({ ctx, input }) => notifications.markRead(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
});
