import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { ARTIFACTS, launchBrowser, newPage } from './browser';
import { DEMO_SLUG, logInDemo, mutate, query, signUp } from './helpers';

/**
 * Issue #10: Arabic, right to left, on the seeded demo (MASAR_DEMO=true). A learner switches to
 * Arabic from the header; the page mirrors, charts speak Arabic, repository names stay left to
 * right, switching back is instant, and the digits setting switches numerals. Screenshots of the
 * learner page and the cohort dashboard in Arabic: `UPDATE_SCREENSHOTS=1 pnpm test:e2e` refreshes
 * docs/screenshots/.
 */
const SLUG = DEMO_SLUG;
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const ARABIC_LETTER = /[\u0621-\u064A]/;
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/;
const WESTERN_DIGIT = /[0-9]/;

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

const documentLocale = (page: Page) =>
  page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));

/** The texts of a chart's axis ticks and legend (SVG text and the HTML legend). */
const chartTexts = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('.recharts-cartesian-axis-tick-value, [data-testid="chart-legend"] li')
    .allTextContents();

/**
 * A 1280x800 screenshot in tests/e2e/artifacts; with UPDATE_SCREENSHOTS=1 also the committed copy in
 * docs/screenshots/ (the demo's dates move with the clock, so every run would otherwise change them).
 */
async function screenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.copyFileSync(path.join(ARTIFACTS, name), path.join(SCREENSHOTS, name));
  }
}

describe('Arabic, right to left', () => {
  it('a learner switches to Arabic in the header: mirrored, translated, charts in Arabic, repos LTR; back to English at once; digits', async () => {
    const { context, page } = await newPage(browser, app.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    await logInDemo(page, 'learner01@demo.masar.test');
    await page.goto(`/o/${SLUG}/my-roadmap`);
    await page.getByTestId('my-progress-link').first().click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}\/learners\/[0-9a-f-]{36}$/);
    const learnerUrl = new URL(page.url()).pathname;
    await page
      .getByTestId('timeline-chart')
      .locator('.recharts-cartesian-axis-tick-value')
      .first()
      .waitFor({ state: 'attached' });
    expect(await documentLocale(page)).toEqual({ dir: 'ltr', lang: 'en' });
    expect(await page.getByTestId('learner-name').textContent()).toBe('My progress');

    // a marker on window proves the switches below do not reload the page
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await documentLocale(page)).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(await page.getByTestId('learner-name').textContent()).toBe('تقدّمي');

    // mirrored: the brand sits at the right of the header, the language switch at the left
    const viewport = page.viewportSize()!;
    const brand = (await page.getByTestId('brand').boundingBox())!;
    const language = (await page.getByTestId('language-switch').boundingBox())!;
    expect(brand.x).toBeGreaterThan(viewport.width / 2);
    expect(language.x + language.width).toBeLessThan(viewport.width / 2);

    // the timeline chart: Arabic month labels and legend, Western digits by default
    await expect
      .poll(async () => (await chartTexts(page, 'timeline-chart')).some((t) => ARABIC_LETTER.test(t)))
      .toBe(true);
    const texts = await chartTexts(page, 'timeline-chart');
    expect(texts.some((t) => ARABIC_LETTER.test(t))).toBe(true);
    expect(texts.join(' ')).toMatch(WESTERN_DIGIT);
    expect(texts.join(' ')).not.toMatch(ARABIC_INDIC_DIGIT);
    await screenshot(page, 'learner-ar.png');

    // the choice is saved on the profile (and comes back on another device)
    await expect.poll(async () => (await query<{ locale: string }>(page, 'auth.me', null)).locale).toBe('ar');

    // a submitted repository stays left to right inside the Arabic page
    await page.getByTestId('open-submission-link').first().click();
    const repo = page.getByTestId('repo-link').locator('bdi');
    await repo.waitFor();
    expect(await repo.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await repo.textContent()).toMatch(/^[\w.-]+\/[\w.-]+$/);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');

    // back to English: at once, without a reload
    await page.goto(learnerUrl).catch(() => {});
    await page.getByTestId('timeline-chart').waitFor();
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });
    await page.getByTestId('language-switch').click();
    expect(await documentLocale(page)).toEqual({ dir: 'ltr', lang: 'en' });
    expect(await page.getByTestId('learner-name').textContent()).toBe('My progress');
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

    // Arabic again, then the digits setting on the profile: Arabic-Indic numerals everywhere
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('nav-account').click();
    const profile = page.getByTestId('profile-form');
    await profile.waitFor();
    expect(await profile.locator('select[name="digits"]').inputValue()).toBe('latn');
    await profile.locator('select[name="digits"]').selectOption('arab');
    await profile.getByTestId('profile-submit').click();
    await page.getByTestId('profile-saved').waitFor();
    expect((await query<{ digits: string }>(page, 'auth.me', null)).digits).toBe('arab');
    // the sessions table's dates switch numerals
    const created = await page.getByTestId('session-row').first().locator('td').nth(2).textContent();
    expect(created).toMatch(ARABIC_INDIC_DIGIT);
    expect(created).not.toMatch(WESTERN_DIGIT);

    await page.goto(learnerUrl);
    await page
      .getByTestId('timeline-chart')
      .locator('.recharts-cartesian-axis-tick-value')
      .first()
      .waitFor({ state: 'attached' });
    const arabicDigits = (await chartTexts(page, 'timeline-chart')).join(' ');
    expect(arabicDigits).toMatch(ARABIC_INDIC_DIGIT);
    expect(arabicDigits).not.toMatch(WESTERN_DIGIT);

    // and back to Western digits
    await page.goto('/account');
    await page.getByTestId('profile-form').locator('select[name="digits"]').selectOption('latn');
    await page.getByTestId('profile-submit').click();
    await page.getByTestId('profile-saved').waitFor();
    const again = await page.getByTestId('session-row').first().locator('td').nth(2).textContent();
    expect(again).toMatch(WESTERN_DIGIT);
    expect(again).not.toMatch(ARABIC_INDIC_DIGIT);
    await context.close();
  });

  it('the mentor’s cohort dashboard in Arabic: Arabic chart labels, the date picker in Arabic starting on Saturday', async () => {
    const { context, page } = await newPage(browser, app.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    await logInDemo(page, 'mentor@demo.masar.test');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.goto(`/o/${SLUG}/cohorts`);
    const row = page.locator('[data-testid="cohort-row"]', { hasText: 'Alexandria Winter Cohort (demo)' });
    await row.getByTestId('cohort-dashboard-link').click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}\/dashboard$/);
    const dashboard = page.getByTestId('cohort-dashboard');
    await dashboard.waitFor();
    expect(await documentLocale(page)).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(await page.getByTestId('dashboard-title').textContent()).toContain('لوحة المتابعة');
    await page
      .getByTestId('progress-chart')
      .locator('.recharts-cartesian-axis-tick-value')
      .first()
      .waitFor({ state: 'attached' });
    expect((await chartTexts(page, 'progress-chart')).some((t) => ARABIC_LETTER.test(t))).toBe(true);
    await screenshot(page, 'cohort-ar.png');

    // the cohort's settings: the date picker speaks Arabic, weeks start on Saturday
    const cohortUrl = new URL(page.url()).pathname.replace(/\/dashboard$/, '');
    await page.goto(cohortUrl);
    await page.getByTestId('date-startDate').click();
    const calendar = page.locator('.rdp-root');
    await calendar.waitFor();
    expect(await calendar.getAttribute('dir')).toBe('rtl');
    const weekdays = await calendar.locator('.rdp-weekday').allTextContents();
    expect(weekdays).toHaveLength(7);
    expect(weekdays[0]).toMatch(/^س/); // السبت
    // the month menu's label (the year has its own)
    expect(await calendar.locator('.rdp-caption_label').first().textContent()).toMatch(ARABIC_LETTER);
    await screenshot(page, 'datepicker-ar.png');
    // keyboard: the chosen day has focus; Escape closes and gives focus back to the button
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('td')?.getAttribute('data-day') ?? ''))
      .toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.keyboard.press('Escape');
    await calendar.waitFor({ state: 'detached' });
    // Radix hands focus back once the popover has unmounted (a frame later): poll, do not sample once
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('date-startDate');
    await context.close();
  });

  it('the language comes from the profile, else the organisation’s default, else the device; logged out it is remembered locally', async () => {
    const { context, page } = await newPage(browser, app.url);
    // logged out: the switch is remembered on this device across a reload
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.reload();
    await page.getByTestId('language-switch').waitFor();
    expect(await documentLocale(page)).toEqual({ dir: 'rtl', lang: 'ar' });
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');

    // an organisation whose default language is Arabic: a member with no saved language gets Arabic
    await signUp(page, 'Nour Owner', 'nour-locale@example.test');
    await mutate(page, 'org.create', { name: 'Tanta Coders', slug: 'tanta-coders', kind: 'community' });
    await mutate(page, 'org.update', { orgSlug: 'tanta-coders', defaultLocale: 'ar' });
    expect((await query<{ locale: string | null }>(page, 'auth.me', null)).locale).toBeNull();
    await page.goto('/o/tanta-coders');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await documentLocale(page)).toEqual({ dir: 'rtl', lang: 'ar' });

    // the member's own choice in the header wins over the organisation's, and is saved on the profile
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await expect.poll(async () => (await query<{ locale: string }>(page, 'auth.me', null)).locale).toBe('en');
    await page.reload();
    await page.getByTestId('org-switcher').waitFor();
    expect(await documentLocale(page)).toEqual({ dir: 'ltr', lang: 'en' });
    await context.close();
  });
});
