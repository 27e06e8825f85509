import { openDatabase } from '@masar/server';
import { adminClient, TEST_DATABASE_URL, templateName, urlForDatabase } from './pg';

/**
 * On PostgreSQL: build one migrated template database; every test file then gets its own copy
 * (CREATE DATABASE … TEMPLATE), so each file starts clean. On PGlite nothing is shared.
 */
export default async function setup() {
  if (!TEST_DATABASE_URL) {
    console.log('[integration] database: PGlite (embedded, one fresh database per test file)');
    return;
  }
  const tmpl = templateName();
  const admin = adminClient();
  await admin.unsafe(`drop database if exists "${tmpl}" with (force)`);
  await admin.unsafe(`create database "${tmpl}"`);
  const db = await openDatabase({ url: urlForDatabase(tmpl), poolMax: 1 });
  await db.close();
  await admin.end();
  console.log(`[integration] database: PostgreSQL (template ${tmpl}, one copy per test file)`);
  return async () => {
    const a = adminClient();
    await a.unsafe(`drop database if exists "${tmpl}" with (force)`);
    await a.end();
  };
}
