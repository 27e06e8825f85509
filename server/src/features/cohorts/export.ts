/**
 * The rows of a cohort's CSV exports (progress: learner × skill; reviews), one page at a time, in the
 * reader's language. The HTTP route (server/src/http/exports.ts) authenticates, enters the tenant
 * with withTenant and streams what these return.
 */
import { canSeeReviewComments } from '@masar/shared';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db';
import { type ServerLocale, skillTitle, tOr } from '../../i18n';
import type { TenantCtx } from '../../trpc';
import type { loadCohort } from './service';

type Cohort = Awaited<ReturnType<typeof loadCohort>>;
type Page = { offset: number; limit: number };

/** Column keys of the exports (their headers are `csv.progress.<key>` / `csv.reviews.<key>`). */
export const PROGRESS_COLUMNS = [
  'learner',
  'email',
  'skillKey',
  'skill',
  'category',
  'windowStart',
  'windowEnd',
  'status',
  'verifiedDate',
  'evidence',
] as const;
export const REVIEW_COLUMNS = [
  'title',
  'learner',
  'repository',
  'revision',
  'decision',
  'reviewer',
  'reviewedAt',
  'comment',
  'ratings',
] as const;

/** `[["first-api","demonstrated"], …]` → `first-api: Demonstrated; …` in the reader's language. */
function ratingsCell(locale: ServerLocale, value: unknown): string {
  const pairs = (typeof value === 'string' ? JSON.parse(value) : value) as Array<[string, string]> | null;
  return (pairs ?? []).map(([key, rating]) => `${key}: ${tOr(locale, `csv.rating.${rating}`, rating)}`).join('; ');
}

/** One page of learners (`page.limit` learners, every roadmap skill of each): CSV cells per row. */
export async function progressCsvRows(tx: Db, tenant: TenantCtx, cohort: Cohort, locale: ServerLocale, page: Page) {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
        with l as (
          select cm.user_id, u.name, u.email from cohort_members cm join users u on u.id = cm.user_id
          where cm.org_id = ${tenant.orgId} and cm.cohort_id = ${cohort.id} and cm.role = 'learner'
          order by u.name, u.id limit ${page.limit} offset ${page.offset}
        )
        select l.name, l.email, s.key, s.title, s.builtin_key, s.category, rs.start_month, rs.end_month,
          coalesce(sp.status::text, 'not_started') as status, to_char(sp.verified_at at time zone ${tenant.org.timeZone}, 'YYYY-MM-DD') as verified_date,
          (select string_agg(distinct sub.repo_owner || '/' || sub.repo_name, ' ') from review_skill_ratings r
             join reviews rv on rv.org_id = r.org_id and rv.id = r.review_id
             join submissions sub on sub.org_id = rv.org_id and sub.id = rv.submission_id
             where r.org_id = ${tenant.orgId} and r.skill_id = rs.skill_id and sub.learner_id = l.user_id and r.rating <> 'not_shown') as evidence
        from l cross join roadmap_skills rs
        join skills s on s.org_id = rs.org_id and s.id = rs.skill_id
        left join skill_progress sp on sp.org_id = rs.org_id and sp.learner_id = l.user_id and sp.skill_id = rs.skill_id
        where rs.org_id = ${tenant.orgId} and rs.roadmap_id = ${cohort.roadmapId} and rs.archived_at is null
        order by l.name, l.user_id, rs.position`),
  );
  return rows.map((r) => [
    r.name,
    r.email,
    r.key,
    skillTitle(locale, { title: String(r.title), builtinKey: r.builtin_key as string | null }),
    tOr(locale, `categories.${r.category}`, String(r.category)),
    r.start_month,
    r.end_month,
    tOr(locale, `csv.status.${r.status}`, String(r.status)),
    r.verified_date,
    r.evidence,
  ]);
}

/** One page of reviews: CSV cells per row. Comments follow the learner's consent (shared/src/access.ts). */
export async function reviewsCsvRows(tx: Db, tenant: TenantCtx, cohort: Cohort, locale: ServerLocale, page: Page) {
  // read-only readers get a comment only where its learner shares them
  const allComments = canSeeReviewComments(tenant.role, { isOwn: false, shared: false });
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
        select sub.title, lu.name as learner, sub.repo_owner || '/' || sub.repo_name as repo, rv.revision, rv.decision,
          ru.name as reviewer, rv.created_at,
          case when ${allComments} or coalesce(lc.share_comments, false) or sub.learner_id = ${tenant.userId}
            then rv.comment end as comment,
          (select json_agg(json_build_array(s.key, r.rating) order by s.key) from review_skill_ratings r
             join skills s on s.org_id = r.org_id and s.id = r.skill_id
             where r.org_id = rv.org_id and r.review_id = rv.id) as ratings
        from reviews rv
        join submissions sub on sub.org_id = rv.org_id and sub.id = rv.submission_id
        join users lu on lu.id = sub.learner_id
        left join users ru on ru.id = rv.reviewer_id
        left join learner_consents lc on lc.org_id = sub.org_id and lc.learner_id = sub.learner_id
        where rv.org_id = ${tenant.orgId} and sub.cohort_id = ${cohort.id}
        order by rv.created_at, rv.id limit ${page.limit} offset ${page.offset}`),
  );
  return rows.map((r) => [
    r.title,
    r.learner,
    r.repo,
    r.revision,
    tOr(locale, `csv.decision.${r.decision}`, String(r.decision)),
    r.reviewer,
    r.created_at,
    r.comment,
    ratingsCell(locale, r.ratings),
  ]);
}
