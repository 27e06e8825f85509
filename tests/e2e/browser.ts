import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { ROOT } from '../helpers/server-process';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

export async function launchBrowser(): Promise<Browser> {
  // playwright's launch() gives every browser a fresh temporary profile (--user-data-dir) itself.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

let pages = 0;

/** A phone (issue #23): the viewport the phone layouts are designed for. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1366, height: 900 } as const;

export interface PageOptions {
  /** Default 1280×860. */
  viewport?: { width: number; height: number };
  /** Default en-US. */
  locale?: string;
  /** A phone: touch events and the mobile viewport meta tag honoured. */
  mobile?: boolean;
}

/**
 * A fresh context and page; when the current test fails, a screenshot lands in tests/e2e/artifacts.
 * The third argument is the browser's locale or the options; a fourth adds options to a locale.
 */
export async function newPage(
  browser: Browser,
  baseURL: string,
  localeOrOptions: string | PageOptions = 'en-US',
  more: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const options: PageOptions =
    typeof localeOrOptions === 'string' ? { ...more, locale: localeOrOptions } : { ...localeOrOptions, ...more };
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 860 },
    ...(options.mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const n = ++pages;
  onTestFailed(async ({ task }) => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const name = task.name
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 80);
    await page
      .screenshot({ path: path.join(ARTIFACTS, `FAILED-${name}-page${n}.png`), fullPage: true })
      .catch(() => {});
  });
  return { context, page };
}

/** Keep a screenshot as a test artifact (for people to look at). */
export async function keepScreenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
