import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub } from '../helpers/fake-github';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { ARTIFACTS, DESKTOP, launchBrowser, newPage, PHONE } from './browser';
import { joinByInvitation, mutate, PASSWORD, query, signUp } from './helpers';
import { Interactions } from './interactions';

/**
 * Issue #23, the mentor's journey: from the review queue to the approval of a submission whose
 * suggested skills are right, in at most 6 interactions — in English and Arabic, on a desktop
 * (1366×900) and a phone (390×844). Every page on the way is checked with axe (no serious or
 * critical violation), and so are the company manager's hires page and the landing page.
 * Screenshots: tests/e2e/artifacts; with UPDATE_SCREENSHOTS=1 also docs/screenshots/.
 */
const SLUG = 'giza-hires';
const GOAL = 6;
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
/** What the analysis of the fake `acme/node-api` suggests, and a claimed skill it finds nothing for. */
const SUGGESTED = ['authentication', 'testing', 'docker'];
const NOT_SUGGESTED = 'kubernetes-basics';
const VARIANTS = [
  { name: 'en-desktop', locale: 'en', viewport: DESKTOP },
  { name: 'ar-desktop', locale: 'ar', viewport: DESKTOP },
  { name: 'en-phone', locale: 'en', viewport: PHONE },
  { name: 'ar-phone', locale: 'ar', viewport: PHONE },
] as const;

let app: AppProcess;
let browser: Browser;
let github: Awaited<ReturnType<typeof startFakeGithub>>;

beforeAll(async () => {
  github = await startFakeGithub();
  app = await startAppProcess({ env: { GITHUB_API_URL: github.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await github?.close();
});

/** axe-core's serious and critical violations on the page as it is now ("rule: targets"). */
async function seriousViolations(page: Page): Promise<string[]> {
  // CSP refuses an inline <script>; axe's source is evaluated through the DevTools protocol instead
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function expectAccessible(page: Page, where: string) {
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
}

async function screenshot(page: Page, name: string, fullPage = false) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.copyFileSync(path.join(ARTIFACTS, name), path.join(SCREENSHOTS, name));
  }
}

async function logIn(page: Page, email: string) {
  await page.goto('/login');
  const form = page.getByTestId('login-form');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** Sets the person's language on their profile, then reloads (so the app starts in it). */
async function useLanguage(page: Page, locale: 'en' | 'ar') {
  await mutate(page, 'auth.updateProfile', { locale });
  await page.reload();
  await page.waitForFunction((dir) => document.documentElement.dir === dir, locale === 'ar' ? 'rtl' : 'ltr');
}

describe('the mentor approves from the review queue', () => {
  it('≤ 6 interactions from the queue to an approval, in English and Arabic, on a desktop and a phone; axe on every page', async () => {
    // a company onboarding hires: an owner, a mentor, a hire and a manager (read-only)
    const owner = await newPage(browser, app.url);
    await signUp(owner.page, 'Nour Owner', 'nour@example.test');
    await mutate(owner.page, 'org.create', { name: 'Giza Software (hires)', slug: SLUG, kind: 'company' });
    const mentor = await joinByInvitation(
      browser,
      app.url,
      owner.page,
      SLUG,
      'mentor',
      'Karim Mentor',
      'karim@example.test',
    );
    const learner = await joinByInvitation(
      browser,
      app.url,
      owner.page,
      SLUG,
      'learner',
      'Salma Hire',
      'salma@example.test',
    );
    await mentor.context.close();
    const [roadmap] = await query<{ id: string }[]>(owner.page, 'roadmaps.list', { orgSlug: SLUG });
    const cohort = await mutate<{ id: string }>(owner.page, 'cohorts.create', {
      orgSlug: SLUG,
      name: 'Backend hires 2026',
      roadmapId: roadmap!.id,
      startDate: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
    });
    const members = await query<{ items: { userId: string; email: string }[] }>(owner.page, 'members.list', {
      orgSlug: SLUG,
    });
    const id = (email: string) => members.items.find((m) => m.email === email)!.userId;
    await mutate(owner.page, 'cohorts.addMembers', {
      orgSlug: SLUG,
      cohortId: cohort.id,
      members: [
        { userId: id('karim@example.test'), role: 'mentor' },
        { userId: id('salma@example.test'), role: 'learner' },
      ],
    });
    const detail = await query<{ skills: { skillId: string; key: string }[] }>(owner.page, 'roadmaps.get', {
      orgSlug: SLUG,
      roadmapId: roadmap!.id,
    });
    const skillId = (key: string) => detail.skills.find((s) => s.key === key)!.skillId;

    // the hire submits one repository per variant (copies of the fake node-api), oldest first
    const base = github.repoDef('acme/node-api');
    for (const v of VARIANTS) {
      github.addRepo({ ...base, id: base.id + VARIANTS.indexOf(v) + 1, name: `node-api-${v.name}` });
      await mutate(learner.page, 'submissions.submit', {
        orgSlug: SLUG,
        cohortId: cohort.id,
        repoUrl: `https://github.com/acme/node-api-${v.name}`,
        claimedSkillIds: [...SUGGESTED, NOT_SUGGESTED].map(skillId),
        title: `Orders API (${v.name})`,
      });
    }
    const mine = await query<{ items: { id: string; title: string }[] }>(learner.page, 'submissions.mine', {
      orgSlug: SLUG,
    });
    await expect
      .poll(
        async () => {
          const states = await Promise.all(
            mine.items.map((s) =>
              query<{ analysis: { status: string } | null }>(learner.page, 'submissions.get', {
                orgSlug: SLUG,
                submissionId: s.id,
              }),
            ),
          );
          return states.map((s) => s.analysis?.status);
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toEqual(VARIANTS.map(() => 'done'));
    await learner.context.close();

    for (const [i, v] of VARIANTS.entries()) {
      const { page, context } = await newPage(browser, app.url, { viewport: v.viewport, locale: v.locale });
      await logIn(page, 'karim@example.test');
      await useLanguage(page, v.locale);
      await page.goto(`/o/${SLUG}/review-queue`);
      const link = page.getByTestId('queue-link').first();
      await link.waitFor();
      expect(await link.textContent()).toBe(`Orders API (${v.name})`);
      await expectAccessible(page, `the review queue (${v.name})`);
      if (v.viewport === PHONE) {
        // designed for the phone: nothing scrolls sideways, the title is not one word per line
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        const box = await link.boundingBox();
        expect(box!.width, 'the title has room').toBeGreaterThan(150);
        await screenshot(page, `phone-queue-${v.locale}.png`);
      }

      // the journey, counted
      const person = new Interactions(page);
      await person.click(link, 'open the oldest submission');
      const form = page.getByTestId('review-form');
      await form.waitFor();
      // each claimed skill: the analysis's evidence beside its rating; suggested ones wait, unrated
      const skill = (key: string) => page.locator(`[data-testid="review-skill"][data-key="${key}"]`);
      for (const key of SUGGESTED) {
        await expect.poll(() => skill(key).getAttribute('data-rating')).toBe('unrated');
        expect(await skill(key).getAttribute('data-suggested')).toBe('true');
        expect(await skill(key).getByTestId('skill-evidence').count()).toBe(1);
      }
      expect(await skill(NOT_SUGGESTED).getAttribute('data-rating')).toBe('not_shown');
      expect(await skill(NOT_SUGGESTED).getByTestId('skill-no-evidence').count()).toBe(1);
      await expectAccessible(page, `the review form (${v.name})`);
      await screenshot(
        page,
        v.viewport === PHONE ? `phone-review-${v.locale}.png` : `review-${v.locale}.png`,
        v.viewport === PHONE,
      );
      if (i === 0) {
        // approving with suggested skills unrated is refused with a reason, and nothing is sent
        await page.getByTestId('approve').click();
        await page.getByTestId('review-error').waitFor();
        expect(await page.getByTestId('review-error').textContent()).toContain('Rate the 3 skills');
      }
      await person.click(page.getByTestId('mark-suggested'), 'mark the suggested skills as demonstrated');
      for (const key of SUGGESTED) expect(await skill(key).getAttribute('data-rating')).toBe('demonstrated');
      await person.click(page.getByTestId('approve'), 'approve');
      await page.locator('[data-testid="submission-status"][data-status="approved"]').waitFor();
      expect(person.count, person.summary()).toBeLessThanOrEqual(GOAL);

      // approved with the mentor's ratings; the next submission in the queue is one click away
      const notice = page.getByTestId('submission-notice');
      await notice.waitFor();
      if (i < VARIANTS.length - 1) {
        const next = page.getByTestId('next-in-queue');
        await next.waitFor();
        expect(await next.textContent()).toContain(`Orders API (${VARIANTS[i + 1]!.name})`);
      } else {
        await page.getByTestId('queue-done').waitFor();
      }
      await expectAccessible(page, `the approved submission (${v.name})`);
      const submissionId = await page.getByTestId('submission-page').getAttribute('data-submission-id');
      const got = await query<{ reviews: { ratings: { skillId: string; rating: string }[] }[] }>(
        page,
        'submissions.get',
        { orgSlug: SLUG, submissionId },
      );
      const ratings = Object.fromEntries(got.reviews[0]!.ratings.map((r) => [r.skillId, r.rating]));
      expect(ratings).toEqual({
        ...Object.fromEntries(SUGGESTED.map((k) => [skillId(k), 'demonstrated'])),
        [skillId(NOT_SUGGESTED)]: 'not_shown',
      });
      await context.close();
    }

    // the company manager's home: the hires table (readiness, gaps, overdue, last activity), no comments
    const manager = await joinByInvitation(
      browser,
      app.url,
      owner.page,
      SLUG,
      'viewer',
      'Mona Manager',
      'mona@example.test',
    );
    await manager.context.close();
    await owner.context.close();
    for (const v of [
      { locale: 'en', viewport: DESKTOP, name: 'hires-en.png' },
      { locale: 'ar', viewport: DESKTOP, name: 'hires-ar.png' },
      { locale: 'en', viewport: PHONE, name: 'phone-hires-en.png' },
    ] as const) {
      const { page, context } = await newPage(browser, app.url, { viewport: v.viewport, locale: v.locale });
      await logIn(page, 'mona@example.test');
      await useLanguage(page, v.locale);
      await page.goto(`/o/${SLUG}`);
      const row = page.locator('[data-testid="hire-row"][data-name="Salma Hire"]');
      await row.waitFor();
      expect(await page.getByTestId('hires-table').getAttribute('data-total')).toBe('1');
      expect(Number(await row.getAttribute('data-gaps'))).toBeGreaterThan(0);
      expect(await page.locator('body').textContent()).not.toContain('Well done');
      await expectAccessible(page, `the hires table (${v.name})`);
      if (v.viewport === PHONE) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        // every column on the screen: the table itself does not scroll sideways either
        const table = page.getByTestId('hires-table').locator('.overflow-x-auto');
        expect(await table.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
        const sort = await page.getByTestId('hires-sort-readiness').boundingBox();
        expect(sort!.height, 'a 44 px touch target').toBeGreaterThanOrEqual(44);
      }
      await screenshot(page, v.name);
      // one click to the hire's readiness report
      await page.getByTestId('hire-link').first().click();
      await page.getByTestId('readiness-page').waitFor();
      await expectAccessible(page, `the readiness report (${v.name})`);
      await context.close();
    }

    // the landing page (no demo on this deployment)
    for (const v of [
      { locale: 'en', viewport: DESKTOP, name: 'landing-en.png' },
      { locale: 'ar', viewport: PHONE, name: 'phone-landing-ar.png' },
    ] as const) {
      const { page, context } = await newPage(browser, app.url, { viewport: v.viewport, locale: v.locale });
      await page.goto('/');
      await page.getByTestId('landing').waitFor();
      await page.waitForFunction((dir) => document.documentElement.dir === dir, v.locale === 'ar' ? 'rtl' : 'ltr');
      await expectAccessible(page, `the landing page (${v.name})`);
      await screenshot(page, v.name, true);
      await context.close();
    }
  });
});
