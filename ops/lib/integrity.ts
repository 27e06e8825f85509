/**
 * What the drills check in the database afterwards, through the superuser (row-level security
 * does not hide other tenants' rows from it): acknowledged writes are there, nothing is half
 * written, analyses are done and recorded once.
 */
import postgres from 'postgres';
import type { Acks } from './clients';
import type { Cluster } from './cluster';
import { APP_ROLE } from './cluster';
import type { Checks } from './harness';
import { onCleanup } from './harness';

export type Sql = postgres.Sql;

export function adminSql(cluster: Cluster): Sql {
  const sql = postgres(`postgres://postgres@127.0.0.1:${cluster.port}/${APP_ROLE}`, {
    onnotice: () => {},
    max: 2,
    connect_timeout: 5,
  });
  onCleanup(() => sql.end({ timeout: 1 }));
  return sql;
}

/** Every acknowledged submission (with its revision) and review (with its ratings) is in the DB. */
export async function checkAcknowledged(sql: Sql, acks: Acks, checks: Checks) {
  const ids = acks.submissions.map((s) => s.submissionId);
  const revs = acks.submissions.map((s) => s.revision);
  const [s] = await sql<{ subs: number; revs: number }[]>`
    select (select count(*)::int from submissions where id = any(${ids}::uuid[])) as subs,
           (select count(*)::int from unnest(${ids}::uuid[], ${revs}::int[]) as a(id, rev)
              where exists (select 1 from submission_revisions r where r.submission_id = a.id and r.revision = a.rev)) as revs`;
  checks.check(
    s!.subs === new Set(ids).size && s!.revs === ids.length,
    'no acknowledged submission lost: each is in the database with the revision it was answered with',
    `${ids.length} acknowledged, ${s!.subs} found, ${s!.revs} revisions`,
  );
  const reviewIds = acks.reviews.map((r) => r.reviewId);
  const [r] = await sql<{ reviews: number; ratings: number }[]>`
    select (select count(*)::int from reviews where id = any(${reviewIds}::uuid[])) as reviews,
           (select count(*)::int from review_skill_ratings where review_id = any(${reviewIds}::uuid[])) as ratings`;
  const expected = acks.reviews.reduce((n, x) => n + x.ratings, 0);
  checks.check(
    r!.reviews === reviewIds.length && r!.ratings === expected,
    'no acknowledged review lost: each is in the database with all its ratings',
    `${reviewIds.length} acknowledged, ${r!.reviews} found, ${r!.ratings}/${expected} ratings`,
  );
}

/**
 * No half-written rows anywhere: a submission's revisions are 1…current_revision; it has its
 * analysis row and its creation audit event; every review has ratings, its audit event, and is on
 * an existing revision; a submission whose status is a decision has that decision as the latest
 * review of its current revision (the status update and the review are one transaction).
 */
export async function checkWhole(sql: Sql, checks: Checks) {
  const [x] = await sql<
    {
      submissions: number;
      badRevisions: number;
      noAnalysis: number;
      noCreatedAudit: number;
      reviews: number;
      noRatings: number;
      reviewOffRevision: number;
      reviewAuditMismatch: number;
      statusWithoutReview: number;
    }[]
  >`
    select
      (select count(*)::int from submissions) as submissions,
      (select count(*)::int from submissions s where
         (select count(*) from submission_revisions r where r.org_id = s.org_id and r.submission_id = s.id) <> s.current_revision
         or (select max(revision) from submission_revisions r where r.org_id = s.org_id and r.submission_id = s.id) is distinct from s.current_revision
      ) as "badRevisions",
      (select count(*)::int from submissions s where not exists
         (select 1 from repo_analyses a where a.org_id = s.org_id and a.submission_id = s.id)) as "noAnalysis",
      (select count(*)::int from submissions s where s.repo_owner like 'ops-%' and not exists
         (select 1 from audit_events e where e.org_id = s.org_id and e.target_id = s.id::text and e.action = 'submission.created')) as "noCreatedAudit",
      (select count(*)::int from reviews) as reviews,
      (select count(*)::int from reviews v where not exists
         (select 1 from review_skill_ratings k where k.org_id = v.org_id and k.review_id = v.id)) as "noRatings",
      (select count(*)::int from reviews v where not exists
         (select 1 from submission_revisions r where r.org_id = v.org_id and r.submission_id = v.submission_id and r.revision = v.revision)) as "reviewOffRevision",
      (select count(*)::int from submissions s where s.repo_owner like 'ops-%' and
         (select count(*) from reviews v where v.org_id = s.org_id and v.submission_id = s.id) <>
         (select count(*) from audit_events e where e.org_id = s.org_id and e.target_id = s.id::text and e.action = 'review.created')
      ) as "reviewAuditMismatch",
      (select count(*)::int from submissions s where s.status in ('approved', 'changes_requested') and
         (select v.decision::text from reviews v where v.org_id = s.org_id and v.submission_id = s.id and v.revision = s.current_revision
          order by v.created_at desc limit 1) is distinct from s.status::text
      ) as "statusWithoutReview"`;
  const v = x!;
  checks.check(
    v.badRevisions === 0 && v.noAnalysis === 0 && v.noCreatedAudit === 0,
    'no half-written submission: revisions 1…current, an analysis row and an audit event each',
    `${v.submissions} submissions; ${v.badRevisions} with gaps in revisions, ${v.noAnalysis} without analysis, ${v.noCreatedAudit} without audit`,
  );
  checks.check(
    v.noRatings === 0 && v.reviewOffRevision === 0 && v.reviewAuditMismatch === 0 && v.statusWithoutReview === 0,
    'no half-written review: ratings, revision and audit event each; a decided status has its review',
    `${v.reviews} reviews; ${v.noRatings} without ratings, ${v.reviewOffRevision} off revision, ${v.reviewAuditMismatch} audit mismatches, ${v.statusWithoutReview} statuses without review`,
  );
}

/** Analyses of the given submissions, by status. */
export async function analysisStates(sql: Sql, ids: string[]): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }[]>`
    select status::text, count(*)::int as n from repo_analyses where submission_id = any(${ids}::uuid[]) group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** pg-boss analysis jobs of the given submissions, by state. */
export async function jobStates(sql: Sql, ids: string[]): Promise<Record<string, number>> {
  const rows = await sql<{ state: string; n: number }[]>`
    select state::text, count(*)::int as n from pgboss.job
    where name = 'repo-analysis' and (data->>'submissionId')::uuid = any(${ids}::uuid[]) group by state`;
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Analyses (of `ids`) left queued or running with no waiting/retrying/active job. */
export async function strandedCount(sql: Sql, ids: string[]): Promise<number> {
  const [r] = await sql<{ n: number }[]>`
    select count(*)::int as n from repo_analyses a
    where a.submission_id = any(${ids}::uuid[]) and a.status in ('queued', 'running')
      and not exists (select 1 from pgboss.job j where j.name = 'repo-analysis' and j.state < 'completed'
                      and j.data->>'submissionId' = a.submission_id::text)`;
  return r!.n;
}

export const fmt = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';
