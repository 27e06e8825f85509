import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { keepScreenshot, launchBrowser, newPage } from './browser';
import { joinByInvitation, monthsAgo, mutate, pickDate, signUp } from './helpers';

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

describe('a cohort on the built-in roadmap', () => {
  it('a mentor creates a cohort that started four months ago and assigns the first stage; the learner sees the 0–3 month skills as overdue', async () => {
    const owner = await newPage(browser, app.url);
    await signUp(owner.page, 'Hana Owner', 'hana@example.test');
    await mutate(owner.page, 'org.create', { name: 'Giza Bootcamp', slug: 'giza', kind: 'bootcamp' });
    const mentor = await joinByInvitation(
      browser,
      app.url,
      owner.page,
      'giza',
      'mentor',
      'Karim Mentor',
      'karim@example.test',
    );
    const learner = await joinByInvitation(
      browser,
      app.url,
      owner.page,
      'giza',
      'learner',
      'Salma Learner',
      'salma@example.test',
    );

    // the mentor creates the cohort in the UI
    const m = mentor.page;
    await m.goto('/o/giza/cohorts');
    const form = m.getByTestId('create-cohort-form');
    await form.waitFor();
    await form.locator('input[name="name"]').fill('Giza Autumn');
    await pickDate(m, form.getByTestId('date-startDate'), monthsAgo(4));
    expect(await form.locator('input[name="startDate"]').inputValue()).toBe(monthsAgo(4));
    await form.locator('button[type="submit"]').click();
    await m.waitForURL(/\/o\/giza\/cohorts\/[0-9a-f-]{36}$/);

    // adds the learner
    const add = m.getByTestId('add-members-form');
    await add.waitFor();
    const person = add.locator('select[name="userId"] option', { hasText: 'salma@example.test' });
    await person.waitFor({ state: 'attached' });
    await add.locator('select[name="userId"]').selectOption((await person.getAttribute('value'))!);
    await add.locator('select[name="role"]').selectOption('learner');
    await add.locator('button[type="submit"]').click();
    await m.getByText('salma@example.test').first().waitFor();

    // assigns the first stage
    const assign = m.getByTestId('assign-form');
    const stageSelect = assign.locator('select[name="stageId"]');
    await stageSelect.waitFor();
    const firstStage = await stageSelect.locator('option:not([value=""])').first().getAttribute('value');
    await stageSelect.selectOption(firstStage!);
    await m.getByTestId('assign-submit').click();
    await m.waitForResponse((r) => r.url().includes('cohorts.assign') && r.status() === 200);
    await keepScreenshot(m, 'cohort-en');

    // the learner's "My roadmap"
    const l = learner.page;
    await l.goto('/o/giza/my-roadmap');
    const early = ['programming-fundamentals', 'backend-language', 'sql-basics', 'http-basics', 'first-api'];
    for (const key of early) {
      const row = l.locator(`[data-testid="my-skill"][data-key="${key}"]`).first();
      await row.waitFor();
      expect(await row.getAttribute('data-due-state'), key).toBe('overdue');
    }
    for (const key of ['authentication', 'rest-design', 'git', 'cloud-deploy']) {
      expect(
        await l.locator(`[data-testid="my-skill"][data-key="${key}"]`).first().getAttribute('data-due-state'),
        key,
      ).toMatch(/due_soon|upcoming/);
    }
    expect(await l.locator('[data-testid="my-skill"][data-key="docker"]').first().getAttribute('data-due-state')).toBe(
      'none',
    );
    await keepScreenshot(l, 'my-roadmap-en');
    await l.getByTestId('language-switch').click();
    await l.waitForFunction(() => document.documentElement.dir === 'rtl');
    await keepScreenshot(l, 'my-roadmap-ar');
    for (const c of [owner, mentor, learner]) await c.context.close();
  });
});
