import type { Browser } from 'playwright-core';
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

describe('start page', () => {
  it('says what Masar does, with sign up and log in, and no system diagnostics', async () => {
    const { page, context } = await newPage(browser, app.url);
    await page.goto('/');
    await page.getByTestId('landing').waitFor();
    expect(await page.locator('h1').textContent()).toBe("Follow your cohorts' progress with Masar");
    for (const f of ['mentors', 'learners', 'companies']) await page.getByTestId(`feature-${f}`).waitFor();
    expect(await page.getByTestId('home-signup').getAttribute('href')).toBe('/signup');
    expect(await page.getByTestId('home-login').getAttribute('href')).toBe('/login');
    // no demo organisation on this deployment: no "try the demo"; no database facts anywhere
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('try-demo').count()).toBe(0);
    expect(await page.getByTestId('system-card').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/PGlite|migrations/i);
    await keepScreenshot(page, 'home-en');
    await context.close();
  });

  it('switches to Arabic, right to left', async () => {
    const { page, context } = await newPage(browser, app.url);
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await expect.poll(() => page.locator('h1').textContent()).toBe('تابِع تقدّم دفعاتك مع مسار');
    await keepScreenshot(page, 'home-ar');
    await context.close();
  });
});
