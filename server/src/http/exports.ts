import { can, canSeeReviewComments, SLUG_RE } from '@masar/shared';
import { parse as parseCookie } from 'cookie';
import { sql } from 'drizzle-orm';
import { type Request, type Response, Router } from 'express';
import { type Db, rowsOf } from '../db';
import { withTenant } from '../db/tenant';
import { AppError } from '../errors';
import { loadCohort } from '../features/cohorts/service';
import { isServerLocale, resolveLocale, type ServerLocale, skillTitle, t, tOr } from '../i18n';
import { SESSION_COOKIE, validateSessionToken } from '../lib/sessions';
import type { AppDeps, TenantCtx } from '../trpc';
import { CSV_BOM, csvRow } from './csv';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 100;

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

/**
 * Streamed CSV exports of a cohort (progress: learner × skill; reviews), for the cohort's mentors,
 * admins and viewers. Cookie-authenticated GETs (no state change), inside one RLS transaction.
 * Headers and enumerated values (status, decision, rating, category, built-in skill titles) are in
 * the reader's language: `?lang=en|ar`, else their own locale, else the organisation's default;
 * names, dates (ISO) and numbers stay as data so spreadsheets can sort and parse them.
 */
export function exportRouter(deps: AppDeps) {
  const router = Router();

  async function withCohort(
    req: Request,
    res: Response,
    fn: (
      tx: Db,
      tenant: TenantCtx,
      cohort: Awaited<ReturnType<typeof loadCohort>>,
      locale: ServerLocale,
    ) => Promise<void>,
  ) {
    const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
    const auth = token
      ? await validateSessionToken(deps.database.db, token, { days: deps.config.sessionDays, now: deps.now() })
      : null;
    if (!auth) {
      res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'errors.unauthorized' } });
      return;
    }
    const { orgSlug, cohortId } = req.params as { orgSlug: string; cohortId: string };
    if (!UUID_RE.test(cohortId) || !SLUG_RE.test(orgSlug)) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'errors.notFound' } });
      return;
    }
    // The web app passes the language it shows (`?lang=ar`); without it, the reader's own locale.
    const lang = req.query.lang;
    if (lang !== undefined && !isServerLocale(lang)) {
      res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'errors.locale.invalid' } });
      return;
    }
    try {
      // the same entry as every org procedure: scope, organisation and membership in one transaction
      await withTenant(deps.database, { slug: orgSlug, userId: auth.user.id }, async (tx, found) => {
        if (!found?.role) throw new AppError('NOT_FOUND', { userMessage: 'errors.notFound' });
        const { org, role } = found;
        if (!can(role, 'cohorts.read')) throw new AppError('FORBIDDEN', { userMessage: 'errors.forbidden' });
        const tenant: TenantCtx = { orgId: org.id, userId: auth.user.id, role, org };
        const cohort = await loadCohort(tx, tenant, cohortId);
        await fn(tx, tenant, cohort, resolveLocale(lang, auth.user.locale, org.defaultLocale));
      });
    } catch (err) {
      if (res.headersSent) {
        // Never end a broken export as if it were complete: drop the connection, so the download
        // fails (no final chunk) instead of saving a short "successful" file.
        // (After what was written has gone out: Node holds the first writes until the next tick.)
        deps.logger.error({ err }, 'export failed mid-stream');
        setImmediate(() => res.destroy());
        return;
      }
      if (err instanceof AppError) {
        res.status(err.code === 'FORBIDDEN' ? 403 : 404).json({ error: { code: err.code, message: err.userMessage } });
        return;
      }
      deps.logger.error({ err }, 'export failed');
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'errors.internal' } });
    }
  }

  function startCsv(res: Response, filename: string, header: string[]) {
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${filename}"`);
    res.setHeader('cache-control', 'no-store');
    res.write(CSV_BOM + csvRow(header));
  }

  router.get('/export/:orgSlug/cohorts/:cohortId/progress.csv', (req, res) =>
    withCohort(req, res, async (tx, tenant, cohort, locale) => {
      startCsv(
        res,
        'cohort-progress.csv',
        PROGRESS_COLUMNS.map((h) => t(locale, `csv.progress.${h}`)),
      );
      for (let offset = 0; ; offset += PAGE) {
        const rows = rowsOf<Record<string, unknown>>(
          await tx.execute(sql`
            with l as (
              select cm.user_id, u.name, u.email from cohort_members cm join users u on u.id = cm.user_id
              where cm.org_id = ${tenant.orgId} and cm.cohort_id = ${cohort.id} and cm.role = 'learner'
              order by u.name, u.id limit ${PAGE} offset ${offset}
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
        for (const r of rows) {
          res.write(
            csvRow([
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
            ]),
          );
        }
        if (rows.length === 0) break;
      }
      res.end();
    }),
  );

  router.get('/export/:orgSlug/cohorts/:cohortId/reviews.csv', (req, res) =>
    withCohort(req, res, async (tx, tenant, cohort, locale) => {
      // Consent (shared/src/access.ts): read-only readers get a comment only where its learner shares them.
      const allComments = canSeeReviewComments(tenant.role, { isOwn: false, shared: false });
      startCsv(
        res,
        'cohort-reviews.csv',
        REVIEW_COLUMNS.map((h) => t(locale, `csv.reviews.${h}`)),
      );
      for (let offset = 0; ; offset += PAGE) {
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
            order by rv.created_at, rv.id limit ${PAGE} offset ${offset}`),
        );
        for (const r of rows) {
          res.write(
            csvRow([
              r.title,
              r.learner,
              r.repo,
              r.revision,
              tOr(locale, `csv.decision.${r.decision}`, String(r.decision)),
              r.reviewer,
              r.created_at,
              r.comment,
              ratingsCell(locale, r.ratings),
            ]),
          );
        }
        if (rows.length < PAGE) break;
      }
      res.end();
    }),
  );

  return router;
}
