import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';

const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');

/** Keep a screenshot as a test artifact (for people to look at), as browser.ts's keepScreenshot. */
async function keepScreenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test.describe('start page', () => {
  test('says what Masar does, with sign up and log in, and no system diagnostics', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('landing')).toBeVisible();
    await expect(page.locator('h1')).toHaveText("Follow your cohorts' progress with Masar");
    for (const f of ['mentors', 'learners', 'companies']) await expect(page.getByTestId(`feature-${f}`)).toBeVisible();
    await expect(page.getByTestId('home-signup')).toHaveAttribute('href', '/signup');
    await expect(page.getByTestId('home-login')).toHaveAttribute('href', '/login');
    // no demo organisation on this deployment: no "try the demo"; no database facts anywhere
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('try-demo')).toHaveCount(0);
    await expect(page.getByTestId('system-card')).toHaveCount(0);
    await expect(page.locator('body')).not.toHaveText(/PGlite|migrations/i);
    await keepScreenshot(page, 'home-en');
  });

  test('switches to Arabic, right to left', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('h1')).toHaveText('تابِع تقدّم دفعاتك مع مسار');
    await keepScreenshot(page, 'home-ar');
  });
});
