/** `pnpm db:seed-demo`: seed the demo organisation into DATABASE_URL (or the embedded DATA_DIR). */
import { loadConfig } from '../config';
import { openDatabase } from '../db';
import { DEMO_LOGINS, DEMO_ORG_SLUG, DEMO_PASSWORD, seedDemo } from './demo';

// pnpm runs this from server/: resolve DATA_DIR from where the command was typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const seeded = await seedDemo(database);
  console.log(
    seeded ? `Demo organisation "${DEMO_ORG_SLUG}" seeded.` : `Demo organisation "${DEMO_ORG_SLUG}" already exists.`,
  );
  console.log(`Logins (password ${DEMO_PASSWORD}): ${Object.values(DEMO_LOGINS).join(', ')}`);
} finally {
  await database.close();
}
