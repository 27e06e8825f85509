import {
  cohortMembers,
  cohorts,
  roadmapSkills,
  roadmapStages,
  roadmaps,
  skillProgress,
  skills,
  stageAssignments,
} from '@masar/drizzle';
import { type DueState, dueState, type IsoDate, monthsSinceStart } from '@masar/shared';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { TenantCtx } from '../../trpc';
import { learnerDueDates } from '../cohorts/service';

/**
 * The learner's "My roadmap": for every cohort they learn in, the roadmap's stages and skills with
 * their own progress and, for assigned skills, the due date (following their own start date) and
 * where it stands today (overdue, due soon, upcoming, done).
 */
export async function myRoadmap(db: Db, tenant: TenantCtx, today: IsoDate) {
  const mine = await db
    .select({
      cohort: cohorts,
      personalStartDate: cohortMembers.personalStartDate,
      roadmapTitle: roadmaps.title,
      roadmapBuiltinKey: roadmaps.builtinKey,
    })
    .from(cohortMembers)
    .innerJoin(cohorts, and(eq(cohorts.orgId, cohortMembers.orgId), eq(cohorts.id, cohortMembers.cohortId)))
    .innerJoin(roadmaps, and(eq(roadmaps.orgId, cohorts.orgId), eq(roadmaps.id, cohorts.roadmapId)))
    .where(
      and(
        eq(cohortMembers.orgId, tenant.orgId),
        eq(cohortMembers.userId, tenant.userId),
        eq(cohortMembers.role, 'learner'),
        isNull(cohorts.archivedAt),
      ),
    )
    .orderBy(asc(cohorts.startDate));
  if (mine.length === 0) return { today, cohorts: [] };
  const roadmapIds = [...new Set(mine.map((m) => m.cohort.roadmapId))];
  const cohortIds = mine.map((m) => m.cohort.id);
  const [stageRows, skillRows, progressRows, assignmentRows] = await Promise.all([
    db
      .select()
      .from(roadmapStages)
      .where(
        and(
          eq(roadmapStages.orgId, tenant.orgId),
          inArray(roadmapStages.roadmapId, roadmapIds),
          isNull(roadmapStages.archivedAt),
        ),
      )
      .orderBy(asc(roadmapStages.position)),
    db
      .select({
        roadmapId: roadmapSkills.roadmapId,
        skillId: skills.id,
        key: skills.key,
        title: skills.title,
        description: skills.description,
        category: skills.category,
        builtinKey: skills.builtinKey,
        stageId: roadmapSkills.stageId,
        startMonth: roadmapSkills.startMonth,
        endMonth: roadmapSkills.endMonth,
      })
      .from(roadmapSkills)
      .innerJoin(skills, and(eq(skills.orgId, roadmapSkills.orgId), eq(skills.id, roadmapSkills.skillId)))
      .where(
        and(
          eq(roadmapSkills.orgId, tenant.orgId),
          inArray(roadmapSkills.roadmapId, roadmapIds),
          isNull(roadmapSkills.archivedAt),
        ),
      )
      .orderBy(asc(roadmapSkills.position)),
    db
      .select()
      .from(skillProgress)
      .where(and(eq(skillProgress.orgId, tenant.orgId), eq(skillProgress.learnerId, tenant.userId))),
    db
      .select()
      .from(stageAssignments)
      .where(
        and(
          eq(stageAssignments.orgId, tenant.orgId),
          inArray(stageAssignments.cohortId, cohortIds),
          isNull(stageAssignments.archivedAt),
        ),
      ),
  ]);
  const progress = new Map(progressRows.map((p) => [p.skillId, p]));
  return {
    today,
    cohorts: mine.map(({ cohort, personalStartDate, roadmapTitle, roadmapBuiltinKey }) => {
      const start = personalStartDate ?? cohort.startDate;
      const endMonth = new Map(
        skillRows.filter((s) => s.roadmapId === cohort.roadmapId).map((s) => [s.skillId, s.endMonth]),
      );
      const due = learnerDueDates(
        tenant.userId,
        start,
        assignmentRows.filter((a) => a.cohortId === cohort.id),
        endMonth,
      );
      const items = skillRows
        .filter((s) => s.roadmapId === cohort.roadmapId)
        .map((s) => {
          const p = progress.get(s.skillId);
          const dueDate = due.get(s.skillId) ?? null;
          const verified = p?.status === 'verified';
          return {
            ...s,
            status: p?.status ?? null,
            selfMarked: p?.selfMarked ?? false,
            dueDate,
            dueState: (dueDate ? dueState(dueDate, today, verified) : null) as DueState | null,
          };
        });
      const count = (state: DueState) => items.filter((i) => i.dueState === state).length;
      return {
        cohort: {
          id: cohort.id,
          name: cohort.name,
          startDate: start,
          cohortStartDate: cohort.startDate,
          endDate: cohort.endDate,
        },
        roadmap: { id: cohort.roadmapId, title: roadmapTitle, builtinKey: roadmapBuiltinKey },
        monthsSinceStart: monthsSinceStart(start, today),
        stages: stageRows.filter((s) => s.roadmapId === cohort.roadmapId).map(({ orgId: _o, ...s }) => s),
        skills: items,
        counts: {
          assigned: due.size,
          overdue: count('overdue'),
          dueSoon: count('due_soon'),
          done: count('done'),
          verified: items.filter((i) => i.status === 'verified').length,
          total: items.length,
        },
      };
    }),
  };
}

/** A learner marks a skill as "learning", or takes the mark back. Only reviews verify. */
export async function markSkill(db: Db, tenant: TenantCtx, p: { skillId: string; learning: boolean; now: Date }) {
  const [skill] = await db
    .select({ id: skills.id, key: skills.key })
    .from(skills)
    .where(and(eq(skills.orgId, tenant.orgId), eq(skills.id, p.skillId)))
    .limit(1);
  if (!skill) throw notFound('skill');
  const [current] = await db
    .select()
    .from(skillProgress)
    .where(
      and(
        eq(skillProgress.orgId, tenant.orgId),
        eq(skillProgress.learnerId, tenant.userId),
        eq(skillProgress.skillId, p.skillId),
      ),
    )
    .limit(1);
  if (current && current.status !== 'learning') {
    throw new AppError('CONFLICT', {
      userMessage: 'errors.progress.alreadyEvidenced',
      message: `skill is ${current.status}`,
    });
  }
  if (p.learning) {
    await db
      .insert(skillProgress)
      .values({
        orgId: tenant.orgId,
        learnerId: tenant.userId,
        skillId: p.skillId,
        status: 'learning',
        learningAt: p.now,
        selfMarked: true,
      })
      .onConflictDoNothing();
  } else if (current) {
    await db
      .delete(skillProgress)
      .where(
        and(
          eq(skillProgress.orgId, tenant.orgId),
          eq(skillProgress.learnerId, tenant.userId),
          eq(skillProgress.skillId, p.skillId),
        ),
      );
  }
  await recordAudit(db, tenant, {
    action: p.learning ? 'progress.learning_marked' : 'progress.learning_unmarked',
    targetType: 'skill',
    targetId: p.skillId,
    details: { key: skill.key },
  });
  return { skillId: p.skillId, status: p.learning ? ('learning' as const) : null };
}
