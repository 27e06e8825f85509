import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core's serious and critical violations on the page as it is now ("rule: targets"). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // The app's Content-Security-Policy (script-src 'self') refuses an inline <script> (addScriptTag), so
  // axe's source is evaluated through the DevTools protocol, which CSP does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  // (the global `axe` in the page; the module import would be renamed by the test's transform)
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}
