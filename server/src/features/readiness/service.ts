import { cohorts, learnerConsents, reviews, submissions, users } from '@masar/drizzle';
import { addDaysToDate, canSeeReviewComments, type HireSort, type IsoDate, type OffsetPage } from '@masar/shared';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { rowsOf } from '../../db';
import { type Paged, paged } from '../../lib/paging';
import { cohortScope, commentsShared } from '../../lib/scope';
import type { TenantCtx } from '../../trpc';
import { cohortLearnerRows, cohortSkills, learnerProgress } from '../dashboards/service';

/** The junior level: the skills whose window ends by month 6. */
export const JUNIOR_END_MONTH = 6;

/**
 * A hire's readiness for the junior level: the verified share of the 0–6-month skills, the gaps,
 * what is due in the next 30/60/90 days, and approved repositories. Mentor comments are included
 * for read-only viewers only with the hire's consent.
 */
export async function readiness(db: Db, tenant: TenantCtx, p: { cohortId: string; learnerId: string; today: IsoDate }) {
  const page = await learnerProgress(db, tenant, p);
  const junior = page.skills.filter((s) => s.endMonth <= JUNIOR_END_MONTH);
  const verified = junior.filter((s) => s.status === 'verified');
  const upcoming = page.nextDue.concat(
    page.overdue.map((o) => ({
      skillId: o.skillId,
      dueDate: o.dueDate,
      key: o.key,
      title: o.title,
      builtinKey: o.builtinKey,
      category: o.category,
    })),
  );
  const within = (days: number) =>
    upcoming.filter((u) => u.dueDate <= addDaysToDate(p.today, days) && u.dueDate >= p.today);
  const shared = await commentsShared(db, tenant.orgId, p.learnerId);
  const showComments = canSeeReviewComments(tenant.role, { isOwn: tenant.userId === p.learnerId, shared });
  const approved = await db
    .select({
      id: submissions.id,
      title: submissions.title,
      repoOwner: submissions.repoOwner,
      repoName: submissions.repoName,
      updatedAt: submissions.updatedAt,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.orgId, tenant.orgId),
        eq(submissions.learnerId, p.learnerId),
        eq(submissions.status, 'approved'),
      ),
    )
    .orderBy(desc(submissions.updatedAt))
    .limit(50);
  const comments =
    showComments && approved.length
      ? await db
          .select({
            submissionId: reviews.submissionId,
            comment: reviews.comment,
            reviewerName: users.name,
            createdAt: reviews.createdAt,
          })
          .from(reviews)
          .leftJoin(users, eq(users.id, reviews.reviewerId))
          .where(
            and(
              eq(reviews.orgId, tenant.orgId),
              inArray(
                reviews.submissionId,
                approved.map((a) => a.id),
              ),
              eq(reviews.decision, 'approved'),
            ),
          )
      : [];
  return {
    learner: page.learner,
    cohort: page.cohort,
    today: p.today,
    junior: {
      total: junior.length,
      verified: verified.length,
      share: junior.length ? verified.length / junior.length : 0,
    },
    gaps: junior
      .filter((s) => s.status !== 'verified')
      .map(({ skillId, key, title, builtinKey, category, endMonth, status }) => ({
        skillId,
        key,
        title,
        builtinKey,
        category,
        endMonth,
        status,
      })),
    dueIn: { days30: within(30), days60: within(60), days90: within(90) },
    approvedRepos: approved.map((a) => ({
      ...a,
      repoUrl: `https://github.com/${a.repoOwner}/${a.repoName}`,
      comments: comments.filter((c) => c.submissionId === a.id),
    })),
    commentsShared: shared,
    commentsVisible: showComments,
    /** assigned skills past their due date (the page marks them among the gaps) */
    overdue: page.overdue.map(({ skillId, dueDate, days }) => ({ skillId, dueDate, days })),
  };
}

/** A row of the hires table: one hire in one cohort. */
export interface HireRow {
  cohortId: string;
  cohortName: string;
  learnerId: string;
  name: string;
  /** verified share of the junior-level (0–6 months) skills, as on the readiness page */
  readiness: number;
  juniorVerified: number;
  juniorTotal: number;
  /** junior-level skills not verified yet */
  gaps: number;
  /** assigned skills past their due date, not verified */
  overdue: number;
  lastActivity: Date | null;
}

const hireSortKey: Record<HireSort, (r: HireRow) => number | string> = {
  name: (r) => r.name.toLowerCase(),
  cohort: (r) => r.cohortName.toLowerCase(),
  readiness: (r) => r.readiness,
  gaps: (r) => r.gaps,
  overdue: (r) => r.overdue,
  lastActivity: (r) => r.lastActivity?.getTime() ?? 0,
};

/**
 * The company manager's hires table: every hire of the active cohorts the caller sees (mentors:
 * theirs), one row per hire and cohort, with readiness for the junior level, gaps, overdue skills
 * and last activity; filtered by name, sorted (ties by name) and paged on the server. Numbers only:
 * no mentor comment is part of a row, whatever the hire's consent (the readiness page shows them,
 * with consent). Two statements per cohort plus one for the junior skills, whatever the hires' number.
 */
export async function hires(
  db: Db,
  tenant: TenantCtx,
  p: OffsetPage & { today: IsoDate; sort: HireSort; direction: 'asc' | 'desc'; search?: string | undefined },
): Promise<Paged<HireRow>> {
  const active = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.orgId, tenant.orgId), isNull(cohorts.archivedAt), cohortScope(tenant)))
    .orderBy(asc(cohorts.name));
  if (active.length === 0) return { items: [], total: 0, page: p.page, pageSize: p.pageSize };
  const ids = active.map((c) => c.id);
  const [perCohort, juniorRows] = await Promise.all([
    Promise.all(
      active.map(async (cohort) => {
        const skillRows = await cohortSkills(db, tenant.orgId, { roadmapId: cohort.roadmapId });
        return { cohort, rows: await cohortLearnerRows(db, tenant, cohort, skillRows, p.today) };
      }),
    ),
    db.execute(sql`
      select cm.cohort_id as "cohortId", cm.user_id as "learnerId", count(*)::int as total,
        count(sp.skill_id) filter (where sp.status = 'verified')::int as verified
      from cohort_members cm
      join cohorts c on c.org_id = cm.org_id and c.id = cm.cohort_id
      join roadmap_skills rs on rs.org_id = c.org_id and rs.roadmap_id = c.roadmap_id and rs.archived_at is null
        and rs.end_month <= ${JUNIOR_END_MONTH}
      left join skill_progress sp on sp.org_id = cm.org_id and sp.learner_id = cm.user_id and sp.skill_id = rs.skill_id
      where cm.org_id = ${tenant.orgId} and cm.role = 'learner'
        and cm.cohort_id = any(${`{${ids.join(',')}}`}::uuid[])
      group by cm.cohort_id, cm.user_id`),
  ]);
  const junior = new Map(
    rowsOf<{ cohortId: string; learnerId: string; total: number; verified: number }>(juniorRows).map((r) => [
      `${r.cohortId}:${r.learnerId}`,
      { total: Number(r.total), verified: Number(r.verified) },
    ]),
  );
  const search = p.search?.toLowerCase();
  const all: HireRow[] = perCohort.flatMap(({ cohort, rows }) =>
    rows
      .filter((r) => !search || r.name.toLowerCase().includes(search))
      .map((r) => {
        const j = junior.get(`${cohort.id}:${r.learnerId}`) ?? { total: 0, verified: 0 };
        return {
          cohortId: cohort.id,
          cohortName: cohort.name,
          learnerId: r.learnerId,
          name: r.name,
          readiness: j.total ? j.verified / j.total : 0,
          juniorVerified: j.verified,
          juniorTotal: j.total,
          gaps: j.total - j.verified,
          overdue: r.overdue,
          lastActivity: r.lastActivity,
        };
      }),
  );
  const key = hireSortKey[p.sort];
  all.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name) || a.cohortName.localeCompare(b.cohortName);
    return p.direction === 'desc' ? -c : c;
  });
  return paged(
    p,
    async (limit, offset) => all.slice(offset, offset + limit),
    async () => [{ n: all.length }],
  );
}

/** The learner decides whether read-only viewers (company managers) see mentors' comments. */
export async function setConsent(db: Db, tenant: TenantCtx, p: { shareComments: boolean }) {
  await db
    .insert(learnerConsents)
    .values({ orgId: tenant.orgId, learnerId: tenant.userId, shareComments: p.shareComments })
    .onConflictDoUpdate({
      target: [learnerConsents.orgId, learnerConsents.learnerId],
      set: { shareComments: p.shareComments },
    });
  return { shareComments: p.shareComments };
}

export async function getConsent(db: Db, tenant: TenantCtx) {
  const [row] = await db
    .select({ shareComments: learnerConsents.shareComments })
    .from(learnerConsents)
    .where(and(eq(learnerConsents.orgId, tenant.orgId), eq(learnerConsents.learnerId, tenant.userId)))
    .limit(1);
  return { shareComments: row?.shareComments ?? false };
}
