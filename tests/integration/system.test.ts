import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createUser } from '../helpers/factories';
import { TEST_DATABASE_URL } from '../helpers/pg';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe('system.info', () => {
  it('tells an anonymous visitor only whether the service is up and the demo exists', async () => {
    const { caller } = await client(testDeps(database));
    const info = await caller.system.info();
    expect(info).toEqual({ ok: true, demo: false, details: null });
    // no database server version, no app version, no migration counts
    expect(JSON.stringify(info)).not.toMatch(/\d+\.\d+/);
  });

  it('gives a signed-in user the app version and the database facts, still not the server version', async () => {
    const deps = testDeps(database);
    const u = await createUser(deps);
    const info = await u.caller.system.info();
    expect(info.ok).toBe(true);
    expect(info.details?.version).toMatch(/^\d+\.\d+\.\d+/);
    const db = info.details!.database;
    expect(db.kind).toBe(TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(db.migrationsApplied).toBeGreaterThan(0);
    expect(db.migrationsApplied).toBe(db.migrationsExpected);
    expect(Math.abs(db.now.getTime() - Date.now())).toBeLessThan(60_000);
    expect(Object.keys(db).sort()).toEqual(['kind', 'migrationsApplied', 'migrationsExpected', 'now']);
    expect(JSON.stringify(info)).not.toMatch(/PostgreSQL \d|serverVersion/);
  });

  it('reports readiness from the migrations table', async () => {
    const r = await database.ready();
    expect(r.ok).toBe(true);
    expect(r.applied).toBe(r.expected);
  });
});
