import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { keepScreenshot, launchBrowser, newPage } from './browser';

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

const PASSWORD = 'a-long-and-unusual-passphrase';

async function signUp(page: Page, name: string, email: string) {
  await page.goto('/signup');
  const form = page.getByTestId('signup-form');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
}

describe('accounts, organisations and roles in the browser', () => {
  it('sign up → create org → invite a mentor → accept in a second browser → member list shows the mentor', async () => {
    const owner = await newPage(browser, app.url);
    await signUp(owner.page, 'Nour Owner', 'nour@example.test');
    await owner.page.waitForURL((u) => u.pathname === '/orgs/new');

    await owner.page.goto('/orgs/new');
    const orgForm = owner.page.getByTestId('create-org-form');
    await orgForm.locator('input[name="name"]').fill('Cairo Backend Bootcamp');
    await orgForm.locator('input[name="slug"]').fill('cairo-backend');
    await orgForm.locator('select[name="kind"]').selectOption('bootcamp');
    await orgForm.locator('button[type="submit"]').click();
    await owner.page.waitForURL('**/o/cairo-backend');

    await owner.page.goto('/o/cairo-backend/invitations');
    const invite = owner.page.getByTestId('invite-form');
    await invite.locator('input[name="email"]').fill('mai@example.test');
    await invite.locator('select[name="role"]').selectOption('mentor');
    await invite.locator('button[type="submit"]').click();
    const linkEl = owner.page.getByTestId('invite-link').first();
    await linkEl.waitFor();
    const link = (await linkEl.textContent())!.trim();
    expect(link).toMatch(/\/invite\/[\w-]+$/);
    await keepScreenshot(owner.page, 'invitations-en');

    // the mentor, in a second browser context: sign up right on the invitation page
    const mentor = await newPage(browser, app.url);
    await mentor.page.goto(new URL(link).pathname);
    const mentorForm = mentor.page.getByTestId('signup-form');
    await mentorForm.locator('input[name="name"]').fill('Mai Mentor');
    await mentorForm.locator('input[name="password"]').fill(PASSWORD);
    await mentorForm.locator('button[type="submit"]').click();
    await mentor.page.waitForURL('**/o/cairo-backend');

    await owner.page.goto('/o/cairo-backend/members');
    const row = owner.page.locator('[data-testid="member-row"][data-email="mai@example.test"]');
    await row.waitFor();
    expect(await row.getAttribute('data-role')).toBe('mentor');
    expect(await owner.page.locator('[data-testid="member-row"]').count()).toBe(2);
    await keepScreenshot(owner.page, 'members-en');

    const invRow = owner.page.locator('[data-testid="invitation-row"][data-email="mai@example.test"]');
    await owner.page.goto('/o/cairo-backend/invitations');
    await invRow.waitFor();
    expect(await invRow.getAttribute('data-status')).toBe('accepted');
    await owner.context.close();
    await mentor.context.close();
  });

  it('a learner does not see admin pages', async () => {
    const owner = await newPage(browser, app.url);
    await signUp(owner.page, 'Omar Owner', 'omar@example.test');
    await owner.page.waitForURL((u) => u.pathname === '/orgs/new');
    const created = await owner.page.evaluate(async () => {
      const r = await fetch('/trpc/org.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { name: 'Alex Community', slug: 'alex-community', kind: 'community' } }),
      });
      return r.status;
    });
    expect(created).toBe(200);
    await owner.page.goto('/o/alex-community/invitations');
    const invite = owner.page.getByTestId('invite-form');
    await invite.locator('input[name="email"]').fill('lina@example.test');
    await invite.locator('select[name="role"]').selectOption('learner');
    await invite.locator('button[type="submit"]').click();
    const link = (await owner.page.getByTestId('invite-link').first().textContent())!.trim();

    const learner = await newPage(browser, app.url);
    await learner.page.goto(new URL(link).pathname);
    const form = learner.page.getByTestId('signup-form');
    await form.locator('input[name="name"]').fill('Lina Learner');
    await form.locator('input[name="password"]').fill(PASSWORD);
    await form.locator('button[type="submit"]').click();
    await learner.page.waitForURL('**/o/alex-community/my-roadmap');
    // no links to admin pages …
    for (const path of ['members', 'invitations', 'audit']) {
      expect(await learner.page.locator(`a[href="/o/alex-community/${path}"]`).count(), path).toBe(0);
    }
    // … and opening one directly shows no admin data
    await learner.page.goto('/o/alex-community/invitations');
    await learner.page.getByTestId('no-access').waitFor();
    expect(await learner.page.getByTestId('invite-form').count()).toBe(0);
    await keepScreenshot(learner.page, 'learner-no-access');
    await owner.context.close();
    await learner.context.close();
  });
});
