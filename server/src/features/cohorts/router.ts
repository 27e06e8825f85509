import { createCohortInput, zEmail, zId, zIsoDate, zNote, zOffsetPage, zSearch, zTitle } from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, router } from '../../trpc';
import { createInvitation } from '../invitations/service';
import * as cohorts from './service';

const read = orgProcedure('cohorts.read');
const manage = orgProcedure('cohorts.manage');
const cohortRef = z.object({ cohortId: zId });
const zCohortRole = z.enum(['mentor', 'learner'], { message: 'errors.role.invalid' });

export const cohortRouter = router({
  list: read
    .input(zOffsetPage.extend({ search: zSearch.optional(), archived: z.boolean().default(false) }))
    .query(({ ctx, input }) => cohorts.listCohorts(ctx.db, ctx.tenant, input)),
  /** The getting-started checklist of the overview (for those who run cohorts). */
  gettingStarted: manage.query(({ ctx }) => cohorts.gettingStarted(ctx.db, ctx.tenant, ctx.deps.now())),
  get: read
    .input(cohortRef)
    .query(({ ctx, input }) => cohorts.getCohort(ctx.db, ctx.tenant, input.cohortId, ctx.deps.now())),
  create: manage.input(createCohortInput).mutation(({ ctx, input }) => cohorts.createCohort(ctx.db, ctx.tenant, input)),
  update: manage
    .input(
      cohortRef.extend({
        name: zTitle.optional(),
        startDate: zIsoDate.optional(),
        endDate: zIsoDate.nullish(),
        archived: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => cohorts.updateCohort(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
  addMembers: manage
    .input(
      cohortRef.extend({
        members: z
          .array(z.object({ userId: zId, role: zCohortRole }))
          .min(1)
          .max(200),
      }),
    )
    .mutation(({ ctx, input }) => cohorts.addCohortMembers(ctx.db, ctx.tenant, input)),
  removeMember: manage
    .input(cohortRef.extend({ userId: zId }))
    .mutation(({ ctx, input }) => cohorts.removeCohortMember(ctx.db, ctx.tenant, input)),
  setPersonalStartDate: manage
    .input(cohortRef.extend({ userId: zId, startDate: zIsoDate.nullable() }))
    .mutation(({ ctx, input }) => cohorts.setPersonalStartDate(ctx.db, ctx.tenant, input)),
  /** Invite someone new straight into the cohort (an org invitation that also joins the cohort). */
  invite: manage.input(cohortRef.extend({ email: zEmail, role: zCohortRole })).mutation(async ({ ctx, input }) => {
    const cohort = await cohorts.loadCohort(ctx.db, ctx.tenant, input.cohortId);
    return createInvitation(
      ctx.db,
      ctx.tenant,
      { email: input.email, role: input.role },
      {
        email: ctx.deps.services.email,
        publicUrl: ctx.deps.config.publicUrl,
        now: ctx.deps.now(),
        inviterName: ctx.auth.user.name,
      },
      { id: cohort.id, name: cohort.name, role: input.role },
    );
  }),
  assign: manage
    .input(
      cohortRef
        .extend({
          stageId: zId.optional(),
          skillIds: z.array(zId).max(200).optional(),
          learnerIds: z.array(zId).max(500).default([]),
          dueDate: zIsoDate.optional(),
          note: zNote.default(''),
        })
        .refine((v) => Boolean(v.stageId) !== Boolean(v.skillIds?.length), {
          message: 'errors.assignment.stageOrSkills',
          path: ['stageId'],
        }),
    )
    .mutation(({ ctx, input }) => cohorts.createAssignment(ctx.db, ctx.tenant, input)),
  updateAssignment: manage
    .input(z.object({ assignmentId: zId, dueDate: zIsoDate, note: zNote.optional() }))
    .mutation(({ ctx, input }) => cohorts.updateAssignment(ctx.db, ctx.tenant, input)),
  removeAssignment: manage
    .input(z.object({ assignmentId: zId }))
    .mutation(({ ctx, input }) => cohorts.archiveAssignment(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
});
