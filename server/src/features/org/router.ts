import { createOrgInput, updateOrgInput, zOffsetPage } from '@masar/shared';
import { listAudit } from '../../lib/audit';
import { assertDatabaseTimeZone } from '../../lib/time-zones';
import { orgProcedure, protectedProcedure, router } from '../../trpc';
import { leaveOrg } from '../members/service';
import { createOrg, describeOrg, listMyOrgs, updateOrg } from './service';

export const orgRouter = router({
  create: protectedProcedure.input(createOrgInput).mutation(async ({ ctx, input }) => {
    // It answers whether a slug is taken: rate-limited per address (decision 019).
    await ctx.deps.services.authLimiter.createOrg(ctx.http.ip);
    await assertDatabaseTimeZone(ctx.deps.database, input.timeZone);
    const org = await createOrg(ctx.deps.database, ctx.auth.user.id, input);
    return { id: org.id, slug: org.slug, name: org.name, kind: org.kind };
  }),
  mine: protectedProcedure.query(({ ctx }) => listMyOrgs(ctx.deps.database, ctx.auth.user.id)),
  get: orgProcedure('org.read').query(({ ctx }) => describeOrg(ctx.tenant)),
  update: orgProcedure('org.update')
    .input(updateOrgInput)
    .mutation(async ({ ctx, input }) => {
      await assertDatabaseTimeZone(ctx.deps.database, input.timeZone);
      return updateOrg(ctx.db, ctx.tenant, input);
    }),
  leave: orgProcedure('org.read').mutation(({ ctx }) => leaveOrg(ctx.db, ctx.tenant, { now: ctx.deps.now() })),
  audit: orgProcedure('audit.read')
    .input(zOffsetPage)
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.tenant, input)),
});
