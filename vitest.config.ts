import fs from 'node:fs';
import { defineConfig } from 'vitest/config';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// `pnpm test` includes the browser tests when Chromium is installed (MASAR_SKIP_E2E=1 leaves them
// to a separate stage, as .ci/run does).
const withE2e = fs.existsSync(chromium) && process.env.MASAR_SKIP_E2E !== '1';
if (!withE2e && !process.env.VITEST_WORKER_ID) {
  console.log(
    `[e2e] browser tests not included: ${fs.existsSync(chromium) ? 'MASAR_SKIP_E2E=1' : `no Chromium at ${chromium} (apt-get install chromium)`}`,
  );
}

/**
 * Three projects: `unit` (pure logic beside the code, plus schema checks), `integration`
 * (real tRPC procedures on a real database: PGlite, or PostgreSQL when TEST_DATABASE_URL is set)
 * and `e2e` (the built app in Debian's Chromium). See docs/decisions/004-test-layout.md.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      ...(withE2e ? [e2eProject()] : []),
    ],
  },
});

function e2eProject() {
  return {
    test: {
      name: 'e2e',
      include: ['tests/e2e/**/*.test.ts'],
      environment: 'node',
      globalSetup: ['tests/e2e/global-setup.ts'],
      testTimeout: 90_000,
      hookTimeout: 180_000,
      pool: 'forks',
      maxWorkers: 1,
      fileParallelism: false,
    },
  };
}
