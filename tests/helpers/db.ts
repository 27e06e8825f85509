import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '@masar/server';
import { adminClient, TEST_DATABASE_URL, templateName, urlForDatabase } from './pg';

export interface TestDatabase extends Database {
  /** Drop the per-file database (PostgreSQL) or close PGlite. */
  destroy(): Promise<void>;
}

/** A clean, migrated database for one test file: PGlite in memory, or a copy of the PG template. */
export async function createTestDatabase(opts: { logQuery?: (q: string) => void } = {}): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const db = await openDatabase({ dataDir: 'memory://', ...opts });
    return { ...db, destroy: () => db.close() };
  }
  const name = `${templateName().replace(/_tmpl$/, '')}_t${randomBytes(5).toString('hex')}`;
  const admin = adminClient();
  await admin.unsafe(`create database "${name}" template "${templateName()}"`);
  await admin.end();
  const db = await openDatabase({ url: urlForDatabase(name), migrate: false, poolMax: 4, ...opts });
  return {
    ...db,
    async destroy() {
      await db.close();
      const a = adminClient();
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
