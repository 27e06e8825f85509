import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { ARTIFACTS, keepScreenshot, launchBrowser, newPage } from './browser';
import { joinByInvitation, monthsAgo, mutate, query, signUp } from './helpers';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startAppProcess();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a company onboarding its hires', () => {
  it('a manager follows an onboarding plan read-only; a hire publishes and revokes a public portfolio', async () => {
    const owner = await newPage(browser, app.url);
    await signUp(owner.page, 'Omar Owner', 'omar@example.test');
    await mutate(owner.page, 'org.create', { name: 'Nile Software', slug: 'nile', kind: 'company' });
    const join = (role: string, name: string, email: string) =>
      joinByInvitation(browser, app.url, owner.page, 'nile', role, name, email);
    const manager = await join('viewer', 'Mona Manager', 'mona@example.test');
    const mentor = await join('mentor', 'Tarek Mentor', 'tarek@example.test');
    const hire = await join('learner', 'Yara Hire', 'yara@example.test');
    const hire2 = await join('learner', 'Ziad Hire', 'ziad@example.test');
    const idOf = async (p: typeof hire) => (await query<{ id: string }>(p.page, 'auth.me', undefined)).id;
    const [mentorId, hireId, hire2Id] = [await idOf(mentor), await idOf(hire), await idOf(hire2)];

    // the owner creates the onboarding plan, adds the people and assigns the first stage
    const [roadmap] = await query<{ id: string }[]>(owner.page, 'roadmaps.list', { orgSlug: 'nile' });
    const plan = await mutate<{ id: string }>(owner.page, 'cohorts.create', {
      orgSlug: 'nile',
      name: 'Backend hires, spring',
      roadmapId: roadmap!.id,
      startDate: monthsAgo(1),
    });
    await mutate(owner.page, 'cohorts.addMembers', {
      orgSlug: 'nile',
      cohortId: plan.id,
      members: [
        { userId: mentorId, role: 'mentor' },
        { userId: hireId, role: 'learner' },
        { userId: hire2Id, role: 'learner' },
      ],
    });
    const full = await query<{ stages: { id: string }[] }>(owner.page, 'roadmaps.get', {
      orgSlug: 'nile',
      roadmapId: roadmap!.id,
    });
    await mutate(owner.page, 'cohorts.assign', { orgSlug: 'nile', cohortId: plan.id, stageId: full.stages[0]!.id });

    // the manager sees company wording and no way to change anything
    const m = manager.page;
    await m.goto('/o/nile/cohorts');
    const tab = m.getByTestId('org-tab-cohorts');
    await tab.waitFor();
    expect(await tab.textContent()).toBe('Onboarding plans');
    expect(await m.getByTestId('my-role').textContent()).toBe('Viewer');
    await m.getByTestId('cohort-row').first().waitFor();
    expect(await m.locator('main').textContent()).toContain('First day');
    expect(await m.getByTestId('create-cohort-form').count()).toBe(0);

    await m.goto(`/o/nile/cohorts/${plan.id}`);
    await m.getByTestId('cohort-page').waitFor();
    await m.getByText('Mentors and hires').waitFor();
    for (const id of ['create-cohort-form', 'assign-form', 'add-members-form', 'cohort-settings-form']) {
      expect(await m.getByTestId(id).count(), id).toBe(0);
    }
    expect(await m.getByTestId('export-progress').getAttribute('href')).toBe(
      `/export/nile/cohorts/${plan.id}/progress.csv?lang=en`,
    );
    expect(await m.getByTestId('export-reviews').getAttribute('download')).not.toBeNull();

    await m.goto(`/o/nile/cohorts/${plan.id}/dashboard`);
    await m.getByTestId('dashboard-learner-row').first().waitFor();
    expect(await m.getByTestId('dashboard-learner-row').count()).toBe(2);
    await m.getByText('Back to the onboarding plan').waitFor();
    // the charts speak the company's words too
    await m.getByText('Onboarding plan progress over time').first().waitFor();
    expect(await m.locator('main').textContent()).not.toContain('Median learner');
    expect(await m.getByTestId('export-progress').count()).toBe(1);
    await keepScreenshot(m, 'company-manager-en');

    await m
      .locator('[data-testid="dashboard-learner-row"][data-name="Yara Hire"] [data-testid="readiness-link"]')
      .click();
    const readiness = m.getByTestId('readiness-page');
    await readiness.waitFor();
    expect(m.url()).toContain(`/learners/${hireId}/readiness`);
    const share = m.getByTestId('readiness-share');
    expect(Number(await share.getAttribute('data-share'))).toBe(0);
    expect(await m.getByTestId('readiness-gap').count()).toBeGreaterThan(0);
    await m.getByTestId('readiness-comments-hidden').waitFor();
    expect(await m.getByTestId('readiness-print').count()).toBe(1);
    for (const id of ['assign-form', 'consent-comments', 'portfolio-publish']) {
      expect(await m.getByTestId(id).count(), id).toBe(0);
    }
    await keepScreenshot(m, 'readiness-en');
    await m.getByTestId('language-switch').click();
    await m.waitForFunction(() => document.documentElement.dir === 'rtl');
    await keepScreenshot(m, 'readiness-ar');
    await m.goto(`/o/nile/cohorts/${plan.id}/dashboard`);
    await m.getByTestId('dashboard-learner-row').first().waitFor();
    await keepScreenshot(m, 'company-manager-ar');

    // the hire shares mentors' comments and publishes a portfolio
    const h = hire.page;
    await h.goto('/o/nile/my-roadmap');
    const consent = h.getByTestId('consent-comments');
    await consent.waitFor();
    expect(await consent.getAttribute('aria-checked')).toBe('false');
    await consent.click();
    await h.waitForFunction(
      () => document.querySelector('[data-testid="consent-comments"]')?.getAttribute('aria-checked') === 'true',
    );
    await h.getByTestId('portfolio-include-comments').check();
    await h.getByTestId('portfolio-publish').click();
    const linkEl = h.getByTestId('portfolio-link');
    await linkEl.waitFor();
    const link = (await linkEl.textContent())!;
    expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{20,}$/);
    await h.locator('[data-testid="portfolio-card"][data-published="true"]').waitFor();
    await h.getByTestId('sharing').screenshot({ path: path.join(ARTIFACTS, 'sharing-en.png') });

    // a logged-out visitor opens it
    const visitor = await newPage(browser, app.url);
    const v = visitor.page;
    await v.goto(new URL(link).pathname);
    const page = v.getByTestId('portfolio-page');
    await page.waitFor();
    expect(await v.getByTestId('portfolio-name').textContent()).toBe('Yara Hire');
    expect(await v.getByTestId('portfolio-org').textContent()).toContain('Nile Software');
    const body = (await v.locator('body').textContent()) ?? '';
    expect(body).not.toContain('yara@example.test');
    expect(body).not.toContain('@example.test');
    expect(await v.locator('meta[name="robots"][content="noindex"]').count()).toBe(1);
    await keepScreenshot(v, 'portfolio-public-en');

    // the hire revokes it: the link stops working
    await h.getByTestId('portfolio-revoke').click();
    await h.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await h.getByTestId('portfolio-notice').waitFor();
    await h.locator('[data-testid="portfolio-card"][data-published="false"]').waitFor();
    await v.reload();
    await v.getByTestId('portfolio-not-found').waitFor();
    expect(await v.getByTestId('portfolio-page').count()).toBe(0);

    for (const c of [owner, manager, mentor, hire, hire2, visitor]) await c.context.close();
  });
});
