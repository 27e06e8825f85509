import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { keepScreenshot, launchBrowser, newPage } from './browser';
import { signUp } from './helpers';

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

describe('start page', () => {
  it('shows a visitor no system diagnostics; a signed-in user the data read from the database through tRPC', async () => {
    const { page, context } = await newPage(browser, app.url);
    await page.goto('/');
    await page.getByTestId('home-signup').waitFor();
    expect(await page.getByTestId('system-card').count()).toBe(0);
    await signUp(page, 'Home Visitor', `home-${Date.now()}@example.test`);
    await expect.poll(() => page.getByTestId('db-kind').getAttribute('data-kind')).toBe('pglite');
    expect(await page.getByTestId('db-migrations').textContent()).toMatch(/^(\d+) of \1$/);
    expect(await page.getByTestId('system-card').textContent()).not.toMatch(/PostgreSQL/);
    await keepScreenshot(page, 'home-en');
    await context.close();
  });

  it('switches to Arabic, right to left', async () => {
    const { page, context } = await newPage(browser, app.url);
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await signUp(page, 'زائر الصفحة', `home-ar-${Date.now()}@example.test`);
    await expect.poll(() => page.getByTestId('db-kind').textContent()).toContain('مدمجة');
    await keepScreenshot(page, 'home-ar');
    await context.close();
  });
});
