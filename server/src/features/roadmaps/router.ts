import {
  addSkillInput,
  addStageInput,
  briefInput,
  duplicateRoadmapInput,
  moveInput,
  resourceInput,
  roadmapRef,
  updateRoadmapInput,
  updateSkillInput,
  updateStageInput,
  zId,
} from '@masar/shared';
import { z } from 'zod';
import { orgProcedure, router } from '../../trpc';
import * as roadmaps from './service';

const read = orgProcedure('roadmaps.read');
const edit = orgProcedure('roadmaps.edit');

export const roadmapRouter = router({
  list: read.query(({ ctx }) => roadmaps.listRoadmaps(ctx.db, ctx.tenant)),
  get: read
    .input(roadmapRef.extend({ includeArchived: z.boolean().default(false) }))
    .query(({ ctx, input }) => roadmaps.getRoadmap(ctx.db, ctx.tenant, input)),
  update: edit
    .input(updateRoadmapInput)
    .mutation(({ ctx, input }) => roadmaps.updateRoadmap(ctx.db, ctx.tenant, input)),
  duplicate: edit
    .input(duplicateRoadmapInput)
    .mutation(({ ctx, input }) => roadmaps.duplicateRoadmap(ctx.db, ctx.tenant, input)),
  addStage: edit.input(addStageInput).mutation(({ ctx, input }) => roadmaps.addStage(ctx.db, ctx.tenant, input)),
  updateStage: edit
    .input(updateStageInput)
    .mutation(({ ctx, input }) => roadmaps.updateStage(ctx.db, ctx.tenant, input)),
  moveStage: edit
    .input(moveInput.extend({ stageId: zId }))
    .mutation(({ ctx, input }) => roadmaps.moveStage(ctx.db, ctx.tenant, input)),
  archiveStage: edit
    .input(z.object({ stageId: zId, archived: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => roadmaps.archiveStage(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
  addSkill: edit.input(addSkillInput).mutation(({ ctx, input }) => roadmaps.addSkill(ctx.db, ctx.tenant, input)),
  updateSkill: edit
    .input(updateSkillInput)
    .mutation(({ ctx, input }) => roadmaps.updateSkill(ctx.db, ctx.tenant, input)),
  moveSkill: edit
    .input(moveInput.extend({ roadmapId: zId, skillId: zId }))
    .mutation(({ ctx, input }) => roadmaps.moveSkill(ctx.db, ctx.tenant, input)),
  setSkillArchived: edit
    .input(z.object({ roadmapId: zId, skillId: zId, archived: z.boolean() }))
    .mutation(({ ctx, input }) => roadmaps.setSkillArchived(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
  addBrief: edit
    .input(briefInput.extend({ roadmapId: zId }))
    .mutation(({ ctx, input }) => roadmaps.addBrief(ctx.db, ctx.tenant, input)),
  updateBrief: edit
    .input(briefInput.extend({ briefId: zId, archived: z.boolean().optional() }))
    .mutation(({ ctx, input }) => roadmaps.updateBrief(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
  addResource: edit
    .input(resourceInput.extend({ roadmapId: zId }))
    .mutation(({ ctx, input }) => roadmaps.addResource(ctx.db, ctx.tenant, input)),
  updateResource: edit
    .input(resourceInput.extend({ resourceId: zId, archived: z.boolean().optional() }))
    .mutation(({ ctx, input }) => roadmaps.updateResource(ctx.db, ctx.tenant, { ...input, now: ctx.deps.now() })),
});
