/** A cohort's stage assignments: listing, creating, moving due dates, archiving, and each learner's due dates. */
import { cohortMembers, roadmapSkills, roadmapStages, stageAssignments } from '@masar/drizzle';
import { addMonthsToDate } from '@masar/shared';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { TenantCtx } from '../../trpc';
import { loadCohort } from './service';

// ---------------------------------------------------------------- stage assignments

export async function listAssignments(db: Db, tenant: TenantCtx, cohortId: string) {
  return db
    .select({
      id: stageAssignments.id,
      stageId: stageAssignments.stageId,
      stageTitle: roadmapStages.title,
      stageBuiltinKey: roadmapStages.builtinKey,
      skillIds: stageAssignments.skillIds,
      learnerIds: stageAssignments.learnerIds,
      dueDate: stageAssignments.dueDate,
      dueOffsetMonths: stageAssignments.dueOffsetMonths,
      note: stageAssignments.note,
      createdAt: stageAssignments.createdAt,
    })
    .from(stageAssignments)
    .leftJoin(
      roadmapStages,
      and(eq(roadmapStages.orgId, stageAssignments.orgId), eq(roadmapStages.id, stageAssignments.stageId)),
    )
    .where(
      and(
        eq(stageAssignments.orgId, tenant.orgId),
        eq(stageAssignments.cohortId, cohortId),
        isNull(stageAssignments.archivedAt),
      ),
    )
    .orderBy(asc(stageAssignments.dueDate), asc(stageAssignments.createdAt));
}

/**
 * Assigns a stage (all its skills) or chosen skills to the whole cohort (`learnerIds` empty) or to
 * chosen learners. Without `dueDate`, each skill is due at the end of its window counted from the
 * learner's start date (the assignment's `dueDate` is then the last of those for the cohort start).
 */
export async function createAssignment(
  db: Db,
  tenant: TenantCtx,
  p: {
    cohortId: string;
    stageId?: string | undefined;
    skillIds?: string[] | undefined;
    learnerIds: string[];
    dueDate?: string | undefined;
    note: string;
  },
) {
  const cohort = await loadCohort(db, tenant, p.cohortId);
  const placed = await db
    .select({ skillId: roadmapSkills.skillId, stageId: roadmapSkills.stageId, endMonth: roadmapSkills.endMonth })
    .from(roadmapSkills)
    .where(
      and(
        eq(roadmapSkills.orgId, tenant.orgId),
        eq(roadmapSkills.roadmapId, cohort.roadmapId),
        isNull(roadmapSkills.archivedAt),
      ),
    );
  let chosen: typeof placed;
  if (p.stageId) {
    chosen = placed.filter((s) => s.stageId === p.stageId);
    if (chosen.length === 0) throw notFound('stage');
  } else {
    const wanted = new Set(p.skillIds ?? []);
    chosen = placed.filter((s) => wanted.has(s.skillId));
    if (wanted.size === 0)
      throw new AppError('BAD_REQUEST', { userMessage: 'errors.assignment.empty', field: 'skillIds' });
    if (chosen.length !== wanted.size) throw notFound('skill');
  }
  const learnerIds = [...new Set(p.learnerIds)];
  if (learnerIds.length) {
    const learners = await db
      .select({ userId: cohortMembers.userId })
      .from(cohortMembers)
      .where(
        and(
          eq(cohortMembers.orgId, tenant.orgId),
          eq(cohortMembers.cohortId, p.cohortId),
          eq(cohortMembers.role, 'learner'),
          inArray(cohortMembers.userId, learnerIds),
        ),
      );
    if (learners.length !== learnerIds.length) throw notFound('cohort learner');
  }
  const offset = Math.max(...chosen.map((s) => s.endMonth));
  const dueDate = p.dueDate ?? addMonthsToDate(cohort.startDate, offset);
  const [row] = await db
    .insert(stageAssignments)
    .values({
      orgId: tenant.orgId,
      cohortId: p.cohortId,
      stageId: p.stageId ?? null,
      skillIds: chosen.map((s) => s.skillId),
      learnerIds,
      dueDate,
      dueOffsetMonths: p.dueDate ? null : offset,
      note: p.note,
      createdBy: tenant.userId,
    })
    .returning();
  await recordAudit(db, tenant, {
    action: 'assignment.created',
    targetType: 'assignment',
    targetId: row!.id,
    details: {
      cohortId: p.cohortId,
      stageId: p.stageId ?? null,
      skills: chosen.length,
      learners: learnerIds.length,
      dueDate,
    },
  });
  return row!;
}

async function loadAssignment(db: Db, tenant: TenantCtx, assignmentId: string) {
  const [a] = await db
    .select()
    .from(stageAssignments)
    .where(
      and(
        eq(stageAssignments.orgId, tenant.orgId),
        eq(stageAssignments.id, assignmentId),
        isNull(stageAssignments.archivedAt),
      ),
    )
    .limit(1);
  if (!a) throw notFound('assignment');
  await loadCohort(db, tenant, a.cohortId); // mentors: only their cohorts
  return a;
}

/** Setting a due date by hand fixes it for every learner (it no longer follows start dates). */
export async function updateAssignment(
  db: Db,
  tenant: TenantCtx,
  p: { assignmentId: string; dueDate: string; note?: string | undefined },
) {
  const before = await loadAssignment(db, tenant, p.assignmentId);
  const [after] = await db
    .update(stageAssignments)
    .set({ dueDate: p.dueDate, dueOffsetMonths: null, note: p.note ?? before.note })
    .where(and(eq(stageAssignments.orgId, tenant.orgId), eq(stageAssignments.id, p.assignmentId)))
    .returning();
  await recordAudit(db, tenant, {
    action: 'assignment.updated',
    targetType: 'assignment',
    targetId: p.assignmentId,
    details: { dueDate: { from: before.dueDate, to: p.dueDate } },
  });
  return after!;
}

export async function archiveAssignment(db: Db, tenant: TenantCtx, p: { assignmentId: string; now: Date }) {
  const a = await loadAssignment(db, tenant, p.assignmentId);
  await db
    .update(stageAssignments)
    .set({ archivedAt: p.now })
    .where(and(eq(stageAssignments.orgId, tenant.orgId), eq(stageAssignments.id, a.id)));
  await recordAudit(db, tenant, {
    action: 'assignment.removed',
    targetType: 'assignment',
    targetId: a.id,
    details: { cohortId: a.cohortId },
  });
  return { assignmentId: a.id };
}

/**
 * When a skill of an assignment is due for a learner who started on `learnerStart`: by default at
 * the end of the skill's own window from the learner's start; a date set by hand holds for all.
 */
export function effectiveDueDate(
  a: { dueDate: string; dueOffsetMonths: number | null },
  learnerStart: string,
  skillEndMonth: number,
  addMonths: (date: string, months: number) => string = addMonthsToDate,
) {
  return a.dueOffsetMonths === null ? a.dueDate : addMonths(learnerStart, skillEndMonth);
}

export interface AssignmentDue {
  learnerIds: string[];
  skillIds: string[];
  dueDate: string;
  dueOffsetMonths: number | null;
}

/**
 * The due date of every skill assigned to one learner (the earliest when several assignments
 * name it); skills no longer on the roadmap (absent from `endMonth`) are left out. `addMonths`
 * may be a memoised `addMonthsToDate` (dashboards compute this for every learner of a cohort).
 */
export function learnerDueDates(
  learnerId: string,
  learnerStart: string,
  assignments: readonly AssignmentDue[],
  endMonth: ReadonlyMap<string, number>,
  addMonths: (date: string, months: number) => string = addMonthsToDate,
): Map<string, string> {
  const due = new Map<string, string>();
  for (const a of assignments) {
    if (a.learnerIds.length > 0 && !a.learnerIds.includes(learnerId)) continue;
    for (const id of a.skillIds) {
      const end = endMonth.get(id);
      if (end === undefined) continue;
      const d = effectiveDueDate(a, learnerStart, end, addMonths);
      const current = due.get(id);
      if (current === undefined || d < current) due.set(id, d);
    }
  }
  return due;
}
