import { can, SLUG_RE } from '@masar/shared';
import { parse as parseCookie } from 'cookie';
import { type Request, type Response, Router } from 'express';
import type { Db } from '../db';
import { withTenant } from '../db/tenant';
import { AppError } from '../errors';
import { PROGRESS_COLUMNS, progressCsvRows, REVIEW_COLUMNS, reviewsCsvRows } from '../features/cohorts/export';
import { loadCohort } from '../features/cohorts/service';
import { isServerLocale, resolveLocale, type ServerLocale, t } from '../i18n';
import { SESSION_COOKIE, validateSessionToken } from '../lib/sessions';
import type { AppDeps, TenantCtx } from '../trpc';
import { CSV_BOM, csvRow } from './csv';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 100;

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
        const rows = await progressCsvRows(tx, tenant, cohort, locale, { offset, limit: PAGE });
        for (const cells of rows) res.write(csvRow(cells));
        if (rows.length === 0) break;
      }
      res.end();
    }),
  );

  router.get('/export/:orgSlug/cohorts/:cohortId/reviews.csv', (req, res) =>
    withCohort(req, res, async (tx, tenant, cohort, locale) => {
      startCsv(
        res,
        'cohort-reviews.csv',
        REVIEW_COLUMNS.map((h) => t(locale, `csv.reviews.${h}`)),
      );
      for (let offset = 0; ; offset += PAGE) {
        const rows = await reviewsCsvRows(tx, tenant, cohort, locale, { offset, limit: PAGE });
        for (const cells of rows) res.write(csvRow(cells));
        if (rows.length < PAGE) break;
      }
      res.end();
    }),
  );

  return router;
}
