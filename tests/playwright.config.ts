import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

/**
 * @playwright/test for the browser tests (issue #16 item 6; docs/decisions/028-playwright-test.md).
 * A first step: one `webServer` (the built app on PGlite, no demo data) and one ported spec
 * (home.spec.ts). The demo-data server, the fake GitHub entry, the log-in-by-cookie fixtures and the
 * other files are still to be ported from the vitest e2e project (tests/e2e/*.test.ts).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.MASAR_E2E_PORT ?? 4817);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The config is loaded by the runner and by every worker; only the runner's directory is used.
const DATA_DIR = process.env.MASAR_E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'masar-pw-'));
process.env.MASAR_E2E_DATA_DIR = DATA_DIR;

export default defineConfig({
  testDir: path.join(import.meta.dirname, 'e2e'),
  testMatch: '**/*.spec.ts',
  // A subfolder: Playwright empties its outputDir at the start of a run, and tests/e2e/artifacts also
  // holds the kept screenshots.
  outputDir: path.join(import.meta.dirname, 'e2e/artifacts/playwright'),
  // No retries: a flaky test is fixed, not hidden.
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(import.meta.dirname, 'e2e/artifacts/playwright-results.json') }],
  ],
  // The built app (rebuilt first when a source is newer, as the vitest e2e global setup does).
  webServer: {
    command: `node -e "import('./scripts/build-if-stale.mjs').then((m) => process.exit(m.buildIfStale()))" && node server/dist/main.js`,
    cwd: ROOT,
    url: `${BASE_URL}/readyz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: BASE_URL,
      DATA_DIR,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      MASAR_DEMO: 'false',
    },
  },
  use: {
    baseURL: BASE_URL,
    locale: 'en-US',
    viewport: { width: 1280, height: 860 },
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Debian's Chromium only; never `playwright install`. The path and flags: tests/e2e/chromium.ts.
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
});
