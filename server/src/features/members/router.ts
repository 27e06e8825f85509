import { zId, zOffsetPage, zRole, zSearch } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, router } from '../../trpc';
import { changeRole, listMembers, removeMember } from './service';

export const membersRouter = router({
  list: orgProcedure('members.read')
    .input(zOffsetPage.extend({ q: zSearch.optional() }))
    .query(({ ctx, input }) => listMembers(ctx.db, ctx.tenant, input)),
  changeRole: orgProcedure('members.manage')
    .input(z.object({ userId: zId, role: zRole }))
    .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.tenant, input)),
  remove: orgProcedure('members.manage')
    .input(z.object({ userId: zId }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
});
