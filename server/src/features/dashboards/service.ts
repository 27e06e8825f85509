import {
  cohortMembers,
  roadmapSkills,
  skillProgress,
  skills,
  stageAssignments,
  submissions,
  users,
} from '@masar/drizzle';
import {
  expectedCoverage,
  expectedCurve,
  type IsoDate,
  learnerStatus,
  monthsSinceStart,
  TIMELINE_MONTHS,
} from '@masar/shared';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { rowsOf } from '../../db';
import { notFound } from '../../errors';
import { TimelineMemo } from '../../lib/timeline-memo';
import type { TenantCtx } from '../../trpc';
import { type AssignmentDue, learnerDueDates, loadCohort } from '../cohorts/service';

/**
 * Dashboards. Every aggregate is computed in SQL (GROUP BY, percentiles) with a fixed number of
 * statements whatever the cohort's size; JavaScript only combines per-learner rows with the pure
 * timeline logic from `shared`.
 */

export function isoDay(d: Date | string): IsoDate {
  return (typeof d === 'string' ? d : d.toISOString()).slice(0, 10);
}

/** The roadmap's skills, by roadmap id or by the cohort that follows it (a sub-select, no round trip first). */
export async function cohortSkills(db: Db, orgId: string, of: { roadmapId: string } | { cohortId: string }) {
  const roadmap =
    'roadmapId' in of
      ? eq(roadmapSkills.roadmapId, of.roadmapId)
      : sql`${roadmapSkills.roadmapId} = (select c.roadmap_id from cohorts c where c.org_id = ${orgId} and c.id = ${of.cohortId})`;
  return db
    .select({
      skillId: roadmapSkills.skillId,
      key: skills.key,
      title: skills.title,
      builtinKey: skills.builtinKey,
      category: skills.category,
      startMonth: roadmapSkills.startMonth,
      endMonth: roadmapSkills.endMonth,
    })
    .from(roadmapSkills)
    .innerJoin(skills, and(eq(skills.orgId, roadmapSkills.orgId), eq(skills.id, roadmapSkills.skillId)))
    .where(and(eq(roadmapSkills.orgId, orgId), roadmap, isNull(roadmapSkills.archivedAt)))
    .orderBy(roadmapSkills.position);
}

/**
 * The per-learner overdue days of assigned, not yet verified skills (pure). `memo` (for `today`)
 * shares the date arithmetic between the learners of one request.
 */
export function overdueFor(
  learnerId: string,
  start: IsoDate,
  today: IsoDate,
  assignments: readonly AssignmentDue[],
  endMonth: Map<string, number>,
  verified: Set<string>,
  memo: TimelineMemo = new TimelineMemo(today),
) {
  const due = learnerDueDates(learnerId, start, assignments, endMonth, memo.addMonths);
  const overdue: { skillId: string; dueDate: IsoDate; days: number }[] = [];
  const upcoming: { skillId: string; dueDate: IsoDate }[] = [];
  for (const [skillId, dueDate] of due) {
    if (verified.has(skillId)) continue;
    // dueState(dueDate, today, false) === 'overdue' exactly when the due date has passed.
    const days = memo.daysSince(dueDate);
    if (days > 0) overdue.push({ skillId, dueDate, days });
    else upcoming.push({ skillId, dueDate });
  }
  overdue.sort((a, b) => b.days - a.days);
  upcoming.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return { overdue, upcoming, assigned: due };
}

// ---------------------------------------------------------------- the learner page

export async function learnerProgress(
  db: Db,
  tenant: TenantCtx,
  p: { cohortId: string; learnerId: string; today: IsoDate },
) {
  // The learner sees their own page; those whose scope holds the cohort see everyone's (scope.ts).
  const cohort = await loadCohort(db, tenant, p.cohortId, { own: p.learnerId === tenant.userId });
  const [member] = await db
    .select({ personalStartDate: cohortMembers.personalStartDate, name: users.name })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(
      and(
        eq(cohortMembers.orgId, tenant.orgId),
        eq(cohortMembers.cohortId, cohort.id),
        eq(cohortMembers.userId, p.learnerId),
        eq(cohortMembers.role, 'learner'),
      ),
    )
    .limit(1);
  if (!member) throw notFound('learner');
  const start = member.personalStartDate ?? cohort.startDate;
  const [skillRows, progressRows, assignmentRows, openRows] = await Promise.all([
    cohortSkills(db, tenant.orgId, { roadmapId: cohort.roadmapId }),
    db
      .select({
        skillId: skillProgress.skillId,
        status: skillProgress.status,
        verifiedAt: skillProgress.verifiedAt,
        evidencedAt: skillProgress.evidencedAt,
      })
      .from(skillProgress)
      .innerJoin(
        roadmapSkills,
        and(
          eq(roadmapSkills.orgId, skillProgress.orgId),
          eq(roadmapSkills.skillId, skillProgress.skillId),
          eq(roadmapSkills.roadmapId, cohort.roadmapId),
          isNull(roadmapSkills.archivedAt),
        ),
      )
      .where(and(eq(skillProgress.orgId, tenant.orgId), eq(skillProgress.learnerId, p.learnerId))),
    db
      .select({
        learnerIds: stageAssignments.learnerIds,
        skillIds: stageAssignments.skillIds,
        dueDate: stageAssignments.dueDate,
        dueOffsetMonths: stageAssignments.dueOffsetMonths,
      })
      .from(stageAssignments)
      .where(
        and(
          eq(stageAssignments.orgId, tenant.orgId),
          eq(stageAssignments.cohortId, cohort.id),
          isNull(stageAssignments.archivedAt),
        ),
      ),
    db
      .select({
        id: submissions.id,
        title: submissions.title,
        status: submissions.status,
        submittedAt: submissions.submittedAt,
      })
      .from(submissions)
      .where(
        and(
          eq(submissions.orgId, tenant.orgId),
          eq(submissions.learnerId, p.learnerId),
          eq(submissions.cohortId, cohort.id),
          inArray(submissions.status, ['submitted', 'in_review', 'changes_requested']),
        ),
      ),
  ]);
  const total = skillRows.length;
  const nowMonth = monthsSinceStart(start, p.today);
  const progress = new Map(progressRows.map((r) => [r.skillId, r]));
  const verifiedIds = new Set(progressRows.filter((r) => r.status === 'verified').map((r) => r.skillId));
  const endMonth = new Map(skillRows.map((s) => [s.skillId, s.endMonth]));
  const { overdue, upcoming } = overdueFor(p.learnerId, start, p.today, assignmentRows, endMonth, verifiedIds);

  const monthOf = (d: Date | null) => (d ? Math.max(0, monthsSinceStart(start, isoDay(d))) : null);
  const verifiedMonths = progressRows
    .filter((r) => r.status === 'verified' && r.verifiedAt)
    .map((r) => monthOf(r.verifiedAt)!);
  const evidencedMonths = progressRows
    .filter((r) => (r.status === 'verified' || r.status === 'evidenced') && (r.evidencedAt ?? r.verifiedAt))
    .map((r) => monthOf(r.evidencedAt ?? r.verifiedAt)!);
  const until = Math.min(TIMELINE_MONTHS, Math.max(6, Math.ceil(nowMonth + 3)));
  const share = (months: number[], m: number) => (total ? months.filter((x) => x <= m).length / total : 0);
  const timeline = expectedCurve(skillRows, until, 0.5).map((pt) => ({
    month: pt.month,
    expected: pt.expected,
    verified: pt.month <= nowMonth ? share(verifiedMonths, pt.month) : null,
    evidenced: pt.month <= nowMonth ? share(evidencedMonths, pt.month) : null,
  }));
  const expectedNow = expectedCoverage(skillRows, nowMonth);
  const verifiedNow = total ? verifiedIds.size / total : 0;
  const status = learnerStatus({
    expected: expectedNow,
    verified: verifiedNow,
    overdueDays: overdue.map((o) => o.days),
  });

  const categories = new Map<
    string,
    { category: string; total: number; dueNow: number; verified: number; evidenced: number }
  >();
  for (const s of skillRows) {
    const c = categories.get(s.category) ?? { category: s.category, total: 0, dueNow: 0, verified: 0, evidenced: 0 };
    c.total++;
    if (s.endMonth <= nowMonth) c.dueNow++;
    const st = progress.get(s.skillId)?.status;
    if (st === 'verified') c.verified++;
    if (st === 'verified' || st === 'evidenced') c.evidenced++;
    categories.set(s.category, c);
  }
  const skillInfo = new Map(skillRows.map((s) => [s.skillId, s]));
  return {
    learner: { id: p.learnerId, name: member.name, startDate: start },
    cohort: { id: cohort.id, name: cohort.name },
    today: p.today,
    monthsSinceStart: nowMonth,
    coverage: {
      expected: expectedNow,
      verified: verifiedNow,
      evidenced: total ? evidencedMonths.length / total : 0,
      total,
      verifiedCount: verifiedIds.size,
    },
    status,
    timeline,
    dueDates: [...new Set(upcoming.concat(overdue).map((d) => d.dueDate))]
      .sort()
      .map((d) => ({ date: d, month: monthsSinceStart(start, d) })),
    categories: [...categories.values()],
    overdue: overdue.map((o) => ({ ...o, ...pick(skillInfo.get(o.skillId)) })),
    nextDue: upcoming.slice(0, 5).map((u) => ({ ...u, ...pick(skillInfo.get(u.skillId)) })),
    openSubmissions: openRows,
    skills: skillRows.map((s) => ({
      ...s,
      status: progress.get(s.skillId)?.status ?? null,
      verifiedAt: progress.get(s.skillId)?.verifiedAt ?? null,
    })),
  };
}

function pick(s: { key: string; title: string; builtinKey: string | null; category: string } | undefined) {
  return s
    ? { key: s.key, title: s.title, builtinKey: s.builtinKey, category: s.category }
    : { key: '', title: '', builtinKey: null, category: '' };
}

// ---------------------------------------------------------------- the organisation overview

export async function orgOverview(db: Db, tenant: TenantCtx, p: { today: IsoDate }) {
  const rows = rowsOf<{
    id: string;
    name: string;
    startDate: string;
    roadmapId: string;
    learners: number;
    verified: number;
    skills: number;
    waiting: number;
  }>(
    await db.execute(sql`
      select c.id, c.name, c.start_date::text as "startDate", c.roadmap_id as "roadmapId",
        (select count(*)::int from cohort_members cm where cm.org_id = c.org_id and cm.cohort_id = c.id and cm.role = 'learner') as learners,
        (select count(*)::int from cohort_members cm join skill_progress sp on sp.org_id = cm.org_id and sp.learner_id = cm.user_id
           join roadmap_skills rs on rs.org_id = sp.org_id and rs.skill_id = sp.skill_id and rs.roadmap_id = c.roadmap_id and rs.archived_at is null
           where cm.org_id = c.org_id and cm.cohort_id = c.id and cm.role = 'learner' and sp.status = 'verified') as verified,
        (select count(*)::int from roadmap_skills rs where rs.org_id = c.org_id and rs.roadmap_id = c.roadmap_id and rs.archived_at is null) as skills,
        (select count(*)::int from submissions s where s.org_id = c.org_id and s.cohort_id = c.id and s.status in ('submitted', 'in_review')) as waiting
      from cohorts c
      where c.org_id = ${tenant.orgId} and c.archived_at is null
      order by c.start_date desc, c.name`),
  );
  const windows = await db
    .select({
      roadmapId: roadmapSkills.roadmapId,
      startMonth: roadmapSkills.startMonth,
      endMonth: roadmapSkills.endMonth,
    })
    .from(roadmapSkills)
    .where(and(eq(roadmapSkills.orgId, tenant.orgId), isNull(roadmapSkills.archivedAt)));
  return rows.map((c) => {
    const m = monthsSinceStart(c.startDate, p.today);
    const expected = expectedCoverage(
      windows.filter((w) => w.roadmapId === c.roadmapId),
      m,
    );
    const coverage = c.learners && c.skills ? Number(c.verified) / (Number(c.learners) * Number(c.skills)) : 0;
    return {
      id: c.id,
      name: c.name,
      startDate: c.startDate,
      monthsSinceStart: m,
      learners: Number(c.learners),
      averageCoverage: coverage,
      expected,
      waitingReviews: Number(c.waiting),
    };
  });
}

export * from './cohort';
