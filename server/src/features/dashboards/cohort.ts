/** The cohort dashboard: learner rows with status and coverage, sorting and paging, the heatmap and scatter. */
import { stageAssignments } from '@masar/drizzle';
import {
  type CohortLearnerSort,
  expectedCoverage,
  type IsoDate,
  type LearnerStatus,
  learnerStatus,
  monthsSinceStart,
  type OffsetPage,
  TIMELINE_MONTHS,
} from '@masar/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { rowsOf } from '../../db';
import { type Paged, paged } from '../../lib/paging';
import { TimelineMemo } from '../../lib/timeline-memo';
import type { TenantCtx } from '../../trpc';
import { loadCohort } from '../cohorts/service';
import { queueHealth } from '../submissions/service';
import { cohortSkills, overdueFor } from './service';

// ---------------------------------------------------------------- the cohort dashboard

export type CohortSort = CohortLearnerSort;

type Cohort = Awaited<ReturnType<typeof loadCohort>>;
type SkillRow = Awaited<ReturnType<typeof cohortSkills>>[number];

/** The cohort and its roadmap's skills, sent together (one round trip); an unknown or out-of-scope cohort ends in NOT_FOUND. */
async function cohortAndSkills(db: Db, tenant: TenantCtx, cohortId: string) {
  const [cohort, skillRows] = await Promise.all([
    loadCohort(db, tenant, cohortId),
    cohortSkills(db, tenant.orgId, { cohortId }),
  ]);
  return { cohort, skillRows };
}

/**
 * Every learner of the cohort with coverage, expected coverage, status, overdue skills, open
 * submissions and last activity: the rows of the dashboard's learners table, also behind its scatter
 * chart and status counts. Two statements sent together whatever the cohort's size.
 */
export async function cohortLearnerRows(
  db: Db,
  tenant: TenantCtx,
  cohort: Cohort,
  skillRows: readonly SkillRow[],
  today: IsoDate,
) {
  const skillIds = skillRows.map((s) => s.skillId);
  const skillArray = sql`${`{${skillIds.join(',')}}`}::uuid[]`;
  const [learnerRows, assignmentRows] = await Promise.all([
    // one row per learner: verified/evidenced counts, open submissions, last activity — two lateral
    // aggregates (one scan of the learner's progress, one of their submissions)
    db.execute(sql`
      select u.id as "learnerId", u.name, coalesce(cm.personal_start_date, ${cohort.startDate}::date)::text as "startDate",
        p.verified, p.evidenced, p."verifiedIds", s.open as "openSubmissions",
        greatest(s.last, p.last) as "lastActivity"
      from cohort_members cm join users u on u.id = cm.user_id
      cross join lateral (
        select count(*) filter (where sp.status = 'verified' and sp.skill_id = any(${skillArray}))::int as verified,
          count(*) filter (where sp.status in ('verified', 'evidenced') and sp.skill_id = any(${skillArray}))::int as evidenced,
          array_agg(sp.skill_id) filter (where sp.status = 'verified' and sp.skill_id = any(${skillArray})) as "verifiedIds",
          max(sp.updated_at) as last
        from skill_progress sp where sp.org_id = cm.org_id and sp.learner_id = cm.user_id
      ) p
      cross join lateral (
        select count(*) filter (where s.status in ('submitted', 'in_review', 'changes_requested'))::int as open,
          max(s.submitted_at) as last
        from submissions s where s.org_id = cm.org_id and s.learner_id = cm.user_id and s.cohort_id = cm.cohort_id
      ) s
      where cm.org_id = ${tenant.orgId} and cm.cohort_id = ${cohort.id} and cm.role = 'learner'`),
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
  ]);
  const total = skillRows.length;
  const endMonth = new Map(skillRows.map((s) => [s.skillId, s.endMonth]));
  const memo = new TimelineMemo(today, skillRows);
  return rowsOf<{
    learnerId: string;
    name: string;
    startDate: string;
    verified: number;
    evidenced: number;
    verifiedIds: string[] | null;
    openSubmissions: number;
    lastActivity: Date | string | null;
  }>(learnerRows).map((r) => {
    const m = memo.monthsSince(r.startDate);
    const expected = memo.expectedAt(m);
    const coverage = total ? Number(r.verified) / total : 0;
    const { overdue } = overdueFor(
      r.learnerId,
      r.startDate,
      today,
      assignmentRows,
      endMonth,
      new Set(r.verifiedIds ?? []),
      memo,
    );
    const status = learnerStatus({ expected, verified: coverage, overdueDays: overdue.map((o) => o.days) });
    return {
      learnerId: r.learnerId,
      name: r.name,
      startDate: r.startDate,
      monthsSinceStart: m,
      coverage,
      expected,
      difference: coverage - expected,
      status: status.status,
      statusReason: status.reason,
      overdue: overdue.length,
      openSubmissions: Number(r.openSubmissions),
      lastActivity: r.lastActivity ? new Date(r.lastActivity) : null,
    };
  });
}

export type LearnerRow = Awaited<ReturnType<typeof cohortLearnerRows>>[number];

const statusRank: Record<LearnerStatus, number> = { behind: 0, on_track: 1, ahead: 2 };
const sortKey: Record<CohortSort, (r: LearnerRow) => number | string> = {
  name: (r) => r.name.toLowerCase(),
  coverage: (r) => r.coverage,
  expected: (r) => r.expected,
  difference: (r) => r.difference,
  status: (r) => statusRank[r.status],
  overdue: (r) => r.overdue,
  open: (r) => r.openSubmissions,
  lastActivity: (r) => r.lastActivity?.getTime() ?? 0,
};

/**
 * The cohort dashboard's learners table on its own: filtered (status, a name search), sorted (ties by
 * name) and paged, so paging the table does not recompute the charts. The same rows as the dashboard's
 * scatter chart and status counts (`cohortLearnerRows`).
 */
export async function cohortLearners(
  db: Db,
  tenant: TenantCtx,
  p: OffsetPage & {
    cohortId: string;
    today: IsoDate;
    sort: CohortSort;
    direction: 'asc' | 'desc';
    status?: LearnerStatus | undefined;
    search?: string | undefined;
  },
): Promise<Paged<LearnerRow>> {
  const { cohort, skillRows } = await cohortAndSkills(db, tenant, p.cohortId);
  const learners = await cohortLearnerRows(db, tenant, cohort, skillRows, p.today);
  const search = p.search?.toLowerCase();
  const filtered = learners.filter(
    (r) => (!p.status || r.status === p.status) && (!search || r.name.toLowerCase().includes(search)),
  );
  const key = sortKey[p.sort];
  filtered.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
    return p.direction === 'desc' ? -c : c;
  });
  return paged(
    p,
    async (limit, offset) => filtered.slice(offset, offset + limit),
    async () => [{ n: filtered.length }],
  );
}

export async function cohortDashboard(db: Db, tenant: TenantCtx, p: { cohortId: string; today: IsoDate; now: Date }) {
  const { cohort, skillRows } = await cohortAndSkills(db, tenant, p.cohortId);
  // months since the cohort's start today, at most the timeline's length (not before the start)
  const cohortNow = Math.min(TIMELINE_MONTHS, Math.max(0, monthsSinceStart(cohort.startDate, p.today)));
  const skillIds = skillRows.map((s) => s.skillId);
  const skillArray = sql`${`{${skillIds.join(',')}}`}::uuid[]`;
  const [learners, heatRows, curveRows, queue] = await Promise.all([
    cohortLearnerRows(db, tenant, cohort, skillRows, p.today),
    // heatmap: verified share per learner × category
    db.execute(sql`
      select cm.user_id as "learnerId", s.category, count(*)::int as total,
        count(sp.skill_id) filter (where sp.status = 'verified')::int as verified
      from cohort_members cm
      cross join roadmap_skills rs
      join skills s on s.org_id = rs.org_id and s.id = rs.skill_id
      left join skill_progress sp on sp.org_id = cm.org_id and sp.learner_id = cm.user_id and sp.skill_id = rs.skill_id
      where cm.org_id = ${tenant.orgId} and cm.cohort_id = ${cohort.id} and cm.role = 'learner'
        and rs.org_id = ${tenant.orgId} and rs.roadmap_id = ${cohort.roadmapId} and rs.archived_at is null
      group by cm.user_id, s.category`),
    // cohort progress over time: quartiles of verified coverage by month since each learner's start,
    // the whole months before today and today itself (its last point: where the cohort is now, so a
    // cohort on day 0 shows what its learners verified today, not 0%)
    db.execute(sql`
      with l as (
        select cm.user_id, coalesce(cm.personal_start_date, ${cohort.startDate}::date) as start
        from cohort_members cm where cm.org_id = ${tenant.orgId} and cm.cohort_id = ${cohort.id} and cm.role = 'learner'
      ), m as (
        select g::float8 as month, false as now
        from generate_series(0, least(36, ceil(${cohortNow}::float8)::int - 1)) g
        union all select ${cohortNow}::float8, true
      ), per as materialized (
        select m.month, l.user_id,
          (select count(*) from skill_progress sp where sp.org_id = ${tenant.orgId} and sp.learner_id = l.user_id
             and sp.status = 'verified' and sp.skill_id = any(${skillArray})
             and sp.verified_at < (case when m.now then ${p.today}::date + 1
               else l.start + make_interval(months => m.month::int) end)) as n
        from l cross join m
      )
      select month, percentile_cont(0.25) within group (order by n) as q1,
        percentile_cont(0.5) within group (order by n) as median,
        percentile_cont(0.75) within group (order by n) as q3
      from per group by month order by month`),
    queueHealth(db, tenant, { cohortId: cohort.id, now: p.now }),
  ]);
  const total = skillRows.length;
  const cohortMonth = monthsSinceStart(cohort.startDate, p.today);
  return {
    cohort: {
      id: cohort.id,
      name: cohort.name,
      startDate: cohort.startDate,
      monthsSinceStart: cohortMonth,
      totalSkills: total,
    },
    today: p.today,
    /** Every learner's coverage against expected (for the scatter chart), unpaginated but one row each. */
    scatter: learners.map((r) => ({
      learnerId: r.learnerId,
      name: r.name,
      coverage: r.coverage,
      expected: r.expected,
      status: r.status,
    })),
    statusCounts: {
      behind: learners.filter((r) => r.status === 'behind').length,
      on_track: learners.filter((r) => r.status === 'on_track').length,
      ahead: learners.filter((r) => r.status === 'ahead').length,
    },
    categories: [...new Set(skillRows.map((s) => s.category))],
    heatmap: rowsOf<{ learnerId: string; category: string; total: number; verified: number }>(heatRows).map((h) => ({
      learnerId: h.learnerId,
      category: h.category,
      total: Number(h.total),
      verified: Number(h.verified),
      share: Number(h.total) ? Number(h.verified) / Number(h.total) : 0,
    })),
    progressOverTime: rowsOf<{ month: number; q1: number; median: number; q3: number }>(curveRows).map((r) => ({
      month: Number(r.month),
      q1: total ? Number(r.q1) / total : 0,
      median: total ? Number(r.median) / total : 0,
      q3: total ? Number(r.q3) / total : 0,
      expected: expectedCoverage(skillRows, Number(r.month)),
    })),
    queue,
  };
}
