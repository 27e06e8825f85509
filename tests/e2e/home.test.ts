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
  it('shows data read from the database through tRPC', async () => {
    const { page, context } = await newPage(browser, app.url);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('db-kind').getAttribute('data-kind')).toBe('pglite');
    expect(await page.getByTestId('db-version').textContent()).toMatch(/^\d+\.\d+/);
    expect(await page.getByTestId('db-migrations').textContent()).toMatch(/^(\d+) of \1$/);
    await keepScreenshot(page, 'home-en');
    await context.close();
  });

  it('switches to Arabic, right to left', async () => {
    const { page, context } = await newPage(browser, app.url);
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await expect.poll(() => page.getByTestId('db-kind').textContent()).toContain('مدمجة');
    await keepScreenshot(page, 'home-ar');
    await context.close();
  });
});
