import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { keepScreenshot, launchBrowser, newPage } from './browser';
import { DEMO_SLUG, logInDemo } from './helpers';

/**
 * The progress dashboards on the seeded demo (MASAR_DEMO=true): the cohort dashboard as the demo
 * mentor, "My progress" as a demo learner, the organisation overview as the demo admin; each page
 * in English and Arabic, and checked with axe-core.
 */
const SLUG = DEMO_SLUG;
const DEMO_LEARNERS = 20;

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startAppProcess({ env: { MASAR_DEMO: 'true' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** axe-core's serious and critical violations on the page as it is now ("rule: targets"). */
async function seriousViolations(page: Page): Promise<string[]> {
  // The app's Content-Security-Policy (script-src 'self') refuses an inline <script> (addScriptTag), so
  // axe's source is evaluated through the DevTools protocol, which CSP does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  // (the global `axe` in the page; the module import would be renamed by the test's transform)
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function switchToArabic(page: Page) {
  await page.getByTestId('language-switch').click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
}

function num(value: string | null): number {
  expect(value, 'a numeric data attribute').not.toBeNull();
  expect(value, 'a numeric data attribute').not.toBe('');
  const n = Number(value);
  expect(Number.isFinite(n), `${value} is a number`).toBe(true);
  return n;
}

describe('progress dashboards on the demo organisation', () => {
  it('the mentor opens the cohort dashboard: 20 learners, heatmap, scatter, median; sorting, filtering and keyboard', async () => {
    const { context, page } = await newPage(browser, app.url);
    await logInDemo(page, 'mentor@demo.masar.test');
    // every tRPC procedure the page asks for (a batched request names several: /trpc/a,b?batch=1)
    const asked: string[] = [];
    page.on('request', (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith('/trpc/')) asked.push(...decodeURIComponent(pathname.slice('/trpc/'.length)).split(','));
    });
    const dashboardCalls = (from: number) => asked.slice(from).filter((p) => p.startsWith('dashboards.'));

    // from the cohorts list to the dashboard
    await page.goto(`/o/${SLUG}/cohorts`);
    const row = page.locator('[data-testid="cohort-row"]', { hasText: 'Alexandria Winter Cohort (demo)' });
    await row.getByTestId('cohort-dashboard-link').click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}\/dashboard$/);
    const dashboard = page.getByTestId('cohort-dashboard');
    await dashboard.waitFor();
    expect(await dashboard.getAttribute('data-learners')).toBe(String(DEMO_LEARNERS));

    // the learners table: 20 in total, paged; every learner once across the pages
    const table = page.getByTestId('dashboard-learners');
    expect(await table.getAttribute('data-total')).toBe(String(DEMO_LEARNERS));
    expect(dashboardCalls(0).filter((p) => p === 'dashboards.cohort')).toHaveLength(1);
    const beforeTable = asked.length;
    let pagesTurned = 0;
    const rows = page.getByTestId('dashboard-learner-row');
    const names = new Set<string>();
    for (let guard = 0; guard < 10; guard++) {
      await page.locator('[data-testid="dashboard-learners"]:not([data-loading])').waitFor();
      for (const r of await rows.all()) {
        names.add((await r.getAttribute('data-name')) ?? '');
        expect(['ahead', 'on_track', 'behind']).toContain(await r.getAttribute('data-status'));
      }
      const next = page.getByTestId('dashboard-learners-pagination-next');
      if (await next.isDisabled()) break;
      const before = await rows.first().getAttribute('data-name');
      await next.click();
      pagesTurned++;
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="dashboard-learner-row"]')?.getAttribute('data-name') !== name,
        before,
      );
    }
    expect(names.size).toBe(DEMO_LEARNERS);

    // server-side sorting by name (ascending, then descending)
    await page.getByTestId('sort-name').click();
    await page.locator('th[aria-sort="ascending"]').waitFor();
    await page.locator('[data-testid="dashboard-learners"]:not([data-loading])').waitFor();
    const ascending = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    expect(ascending[0]).toBe([...names].sort((a, b) => a.localeCompare(b))[0]);
    await page.getByTestId('sort-name').click();
    await page.locator('th[aria-sort="descending"]').waitFor();
    await page.locator('[data-testid="dashboard-learners"]:not([data-loading])').waitFor();
    const descending = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
    expect(descending[0]).toBe([...names].sort((a, b) => b.localeCompare(a))[0]);

    // the status filter: only "behind" learners, as many as the summary says
    const behind = num(await page.getByTestId('stat-behind').getAttribute('data-value'));
    await page.getByTestId('dashboard-status-filter').selectOption('behind');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="dashboard-learners"]')?.getAttribute('data-total') === String(n),
      behind,
    );
    await page.locator('[data-testid="dashboard-learners"]:not([data-loading])').waitFor();
    for (const status of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
      expect(status).toBe('behind');
    }
    await page.getByTestId('dashboard-status-filter').selectOption('');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="dashboard-learners"]')?.getAttribute('data-total') === String(n),
      DEMO_LEARNERS,
    );

    // paging, sorting and filtering asked for table pages only: the charts' query stayed cached
    const tableCalls = dashboardCalls(beforeTable);
    expect(pagesTurned).toBeGreaterThan(0);
    expect(new Set(tableCalls)).toEqual(new Set(['dashboards.cohortLearners']));
    expect(tableCalls.length).toBeGreaterThanOrEqual(pagesTurned + 3); // pages, two sorts, the filter

    // the heatmap: one cell per learner and category, shares between 0 and 1
    const heatmap = page.getByTestId('heatmap');
    const categories = num(await heatmap.getAttribute('data-categories'));
    expect(categories).toBeGreaterThan(0);
    const cells = page.getByTestId('heatmap-cell');
    expect(await cells.count()).toBe(DEMO_LEARNERS * categories);
    const shares = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-share')));
    for (const share of shares) {
      const n = num(share);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(1);
    }
    expect(shares.some((s) => Number(s) > 0)).toBe(true);
    // keyboard: one tab stop, arrow keys move, the value shows on focus
    const first = cells.first();
    expect(await first.getAttribute('tabindex')).toBe('0');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => ({
      label: document.activeElement?.getAttribute('aria-label') ?? '',
      testId: document.activeElement?.getAttribute('data-testid'),
      details: document.querySelector('[data-testid="heatmap-details"]')?.textContent ?? '',
    }));
    expect(focused.testId).toBe('heatmap-cell');
    expect(focused.label).toMatch(/verified/);
    expect(focused.details).toBe(focused.label);

    // the scatter chart: every learner drawn
    const scatter = page.getByTestId('scatter-chart');
    expect(await scatter.getAttribute('data-points')).toBe(String(DEMO_LEARNERS));
    expect(await scatter.locator('.recharts-scatter-symbol').count()).toBe(DEMO_LEARNERS);
    expect(await scatter.getByTestId('scatter-row').count()).toBe(DEMO_LEARNERS);

    // cohort progress: the median series (line and table) against the expected curve
    const progress = page.getByTestId('progress-chart');
    expect(num(await progress.getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
    expect(await progress.locator('.median-line path.recharts-curve').count()).toBeGreaterThan(0);
    expect(await progress.locator('.recharts-area').count()).toBe(1);
    const medians = await progress
      .getByTestId('progress-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-median')).filter((m) => m !== ''));
    expect(medians.length).toBeGreaterThanOrEqual(2);
    expect(Number(medians[medians.length - 1])).toBeGreaterThan(0);

    // the review queue
    expect(num(await page.getByTestId('queue-health').getAttribute('data-waiting'))).toBeGreaterThanOrEqual(0);

    // "Show as table" makes a chart's table visible
    const toggle = progress.getByTestId('toggle-table');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await progress.getByTestId('progress-row').first().isVisible()).toBe(true);
    await toggle.click();

    expect(await seriousViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await keepScreenshot(page, 'dashboard-en');

    await switchToArabic(page);
    await page.getByTestId('heatmap').waitFor();
    expect(await page.getByTestId('dashboard-title').textContent()).toContain('لوحة المتابعة');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'dashboard-ar');

    // a learner's name leads to their progress page
    await page.getByTestId('learner-link').first().click();
    await page.getByTestId('timeline-chart').waitFor();
    await context.close();
  });

  it('a learner opens My progress: expected and verified series, today’s point, status and lists', async () => {
    const { context, page } = await newPage(browser, app.url);
    await logInDemo(page, 'learner01@demo.masar.test');
    await page.goto(`/o/${SLUG}/my-roadmap`);
    await page.getByTestId('my-progress-link').first().click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}\/learners\/[0-9a-f-]{36}$/);
    const chart = page.getByTestId('timeline-chart');
    await chart.waitFor();

    const expectedNow = num(await chart.getAttribute('data-expected-now'));
    const verifiedNow = num(await chart.getAttribute('data-verified-now'));
    const todayMonth = num(await chart.getAttribute('data-today-month'));
    expect(todayMonth).toBeGreaterThan(4);
    expect(expectedNow).toBeGreaterThan(0);
    expect(expectedNow).toBeLessThanOrEqual(1);
    expect(verifiedNow).toBeGreaterThan(0);
    expect(verifiedNow).toBeLessThanOrEqual(1);

    const rows = await chart.getByTestId('timeline-row').evaluateAll((els) =>
      els.map((e) => ({
        month: e.getAttribute('data-month'),
        expected: e.getAttribute('data-expected'),
        verified: e.getAttribute('data-verified'),
        today: e.getAttribute('data-today') === 'true',
      })),
    );
    expect(rows.length).toBeGreaterThan(6);
    const months = rows.map((r) => num(r.month));
    const expected = rows.map((r) => num(r.expected));
    expect(months[0]).toBe(0);
    for (let i = 1; i < rows.length; i++) {
      expect(months[i]).toBeGreaterThan(months[i - 1]!);
      expect(expected[i]).toBeGreaterThanOrEqual(expected[i - 1]!);
    }
    expect(expected[expected.length - 1]).toBeGreaterThan(expected[0]!);
    // verified up to today, none after it
    const past = rows.filter((r) => num(r.month) <= todayMonth);
    const future = rows.filter((r) => num(r.month) > todayMonth);
    expect(future.length).toBeGreaterThan(0);
    for (const r of future) expect(r.verified).toBe('');
    const verifiedAt0 = num(past[0]!.verified);
    expect(verifiedAt0).toBeLessThanOrEqual(verifiedNow);
    // today's point: the learner's coverage now
    const today = rows.filter((r) => r.today);
    expect(today).toHaveLength(1);
    expect(num(today[0]!.month)).toBe(todayMonth);
    expect(num(today[0]!.verified)).toBe(verifiedNow);
    expect(num(today[0]!.expected)).toBe(expectedNow);

    // the chart draws expected, evidenced and verified lines, today's line and point
    expect(await chart.locator('.recharts-line').count()).toBe(3);
    expect(await chart.locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(1);
    expect(await chart.locator('.recharts-reference-dot').count()).toBe(1);
    // the chart's tooltip answers the mouse
    await chart.locator('.recharts-wrapper').hover({ position: { x: 200, y: 120 } });
    await expect.poll(() => chart.locator('.recharts-tooltip-wrapper').textContent()).toMatch(/Expected/);

    // the status card, the category chart and the lists
    expect(['ahead', 'on_track', 'behind']).toContain(
      await page.getByTestId('status-card').getAttribute('data-status'),
    );
    expect(await page.getByTestId('category-row').count()).toBeGreaterThan(0);
    for (const id of ['overdue-skills', 'next-due', 'open-submissions']) await page.getByTestId(id).waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await keepScreenshot(page, 'learner-en');
    await switchToArabic(page);
    expect(await page.getByTestId('learner-name').textContent()).toBe('تقدّمي');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'learner-ar');

    // the cohort dashboard is for mentors, admins and viewers, not for learners
    const cohortId = new URL(page.url()).pathname.split('/')[4];
    await page.goto(`/o/${SLUG}/cohorts/${cohortId}/dashboard`);
    await page.getByTestId('no-access').waitFor();
    await context.close();
  });

  it('the admin sees the overview of cohorts, with a card per active cohort that leads to its dashboard', async () => {
    const { context, page } = await newPage(browser, app.url);
    await logInDemo(page, 'admin@demo.masar.test');
    await page.goto(`/o/${SLUG}`);
    await page.getByTestId('org-tab-cohortsOverview').click();
    await page.waitForURL(`**/o/${SLUG}/overview`);
    const card = page.getByTestId('org-cohort-card').filter({ hasText: 'Alexandria Winter Cohort (demo)' });
    await card.waitFor();
    expect(await card.getByTestId('org-cohort-learners').getAttribute('data-value')).toBe(String(DEMO_LEARNERS));
    const bar = card.getByTestId('coverage-bar');
    const coverage = num(await bar.getAttribute('data-coverage'));
    expect(coverage).toBeGreaterThan(0);
    expect(coverage).toBeLessThanOrEqual(1);
    num(await bar.getAttribute('data-expected'));
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByTestId('org-cohort-dashboard-link').click();
    await page.getByTestId('cohort-dashboard').waitFor();
    await context.close();
  });
});
