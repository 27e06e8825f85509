import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { TEST_DATABASE_URL } from '../helpers/pg';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe('system.info', () => {
  it('reads the version and the database facts from the database', async () => {
    const { caller } = await client(testDeps(database));
    const info = await caller.system.info();
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.database.kind).toBe(TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(info.database.serverVersion).toMatch(/^\d+\.\d+/);
    expect(info.database.migrationsApplied).toBeGreaterThan(0);
    expect(info.database.migrationsApplied).toBe(info.database.migrationsExpected);
    expect(Math.abs(info.database.now.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('reports readiness from the migrations table', async () => {
    const r = await database.ready();
    expect(r.ok).toBe(true);
    expect(r.applied).toBe(r.expected);
  });
});
