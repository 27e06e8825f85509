import { TENANT_TABLES } from '@masar/drizzle';
import { type Db, openDatabase, rowsOf } from '@masar/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createOrg, createUser } from '../helpers/factories';
import { type SeededRows, seedEveryTenantTable } from '../helpers/tenant-rows';

/**
 * Row-level security on its own, with raw SQL as the app role: no org set → nothing visible and
 * nothing writable; org A set → org B's rows invisible and not writable. Every table with an
 * `org_id` (read from the catalog, so a new table counts at once) holds a seeded row of each org,
 * so each assertion could fail.
 */
let database: TestDatabase;
let orgA: string;
let orgB: string;
let userB: string;
let seeded: { a: SeededRows; b: SeededRows };
/** Every table with an org_id column, from the database catalog. */
let tenantTables: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = testDeps(database);
  const a = await createUser(deps);
  const b = await createUser(deps);
  await createOrg(a, { slug: 'rls-a' });
  await createOrg(b, { slug: 'rls-b' });
  orgA = (await a.caller.org.get({ orgSlug: 'rls-a' })).id;
  orgB = (await b.caller.org.get({ orgSlug: 'rls-b' })).id;
  userB = b.user.id;
  seeded = {
    a: await seedEveryTenantTable(database, orgA, a.user.id),
    b: await seedEveryTenantTable(database, orgB, b.user.id),
  };
  tenantTables = rowsOf<{ table: string }>(
    await database.db.execute(sql`
      select c.relname as table
      from information_schema.columns col
      join pg_class c on c.relname = col.table_name
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = col.table_schema
      where col.table_schema = 'public' and col.column_name = 'org_id' and c.relkind = 'r'
      order by 1`),
  ).map((r) => r.table);
});
afterAll(async () => {
  await database?.destroy();
});

/** A transaction as the app's database role, with `app.org_id` set or not. */
function asApp<T>(orgId: string | null, fn: (tx: Db) => Promise<T>): Promise<T> {
  return database.db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    if (orgId) await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
    if (database.appRole) await tx.execute(sql.raw(`set local role ${database.appRole}`));
    return fn(tx);
  });
}

async function count(tx: Db, table: string, where = 'true'): Promise<number> {
  return Number(
    rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from "${table}" where ${where}`)))[0]!.n,
  );
}

const rejected = async (p: Promise<unknown>) => {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, 'the statement should have been refused').toBeDefined();
  const msg = String((err as { cause?: Error }).cause?.message ?? (err as Error).message);
  expect(msg).toMatch(/row-level security|violates/);
};

describe('row-level security', () => {
  it('runs as a role that is neither superuser nor BYPASSRLS', async () => {
    const [r] = await asApp(null, async (tx) =>
      rowsOf<{ rolsuper: boolean; rolbypassrls: boolean }>(
        await tx.execute(sql`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`),
      ),
    );
    expect(r).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('every table with org_id has RLS enabled and forced', async () => {
    const rows = rowsOf<{ table: string; enabled: boolean; forced: boolean }>(
      await database.db.execute(sql`
        select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
        from information_schema.columns col
        join pg_class c on c.relname = col.table_name
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = col.table_schema
        where col.table_schema = 'public' and col.column_name = 'org_id' and c.relkind = 'r'
        order by 1`),
    );
    expect(rows.map((r) => r.table).sort()).toEqual([...TENANT_TABLES].sort());
    for (const r of rows) expect(r, r.table).toMatchObject({ enabled: true, forced: true });
  });

  it('with no org set: no rows are visible and inserts are rejected', async () => {
    // the rows exist (seen through the org-scoped path) …
    expect(await asApp(orgA, (tx) => count(tx, 'memberships'))).toBe(1);
    // … but not without the org setting
    for (const table of TENANT_TABLES) {
      expect(await asApp(null, (tx) => count(tx, table)), table).toBe(0);
    }
    await rejected(
      asApp(null, (tx) =>
        tx.execute(sql`insert into memberships (org_id, user_id, role) values (${orgA}, ${userB}, 'admin')`),
      ),
    );
  });

  it("with org A set: org B's rows are invisible and cannot be written", async () => {
    for (const table of TENANT_TABLES) {
      expect(await asApp(orgA, (tx) => count(tx, table, `org_id = '${orgB}'`)), table).toBe(0);
    }
    await rejected(
      asApp(orgA, (tx) =>
        tx.execute(sql`insert into memberships (org_id, user_id, role) values (${orgB}, ${userB}, 'admin')`),
      ),
    );
    await rejected(
      asApp(orgA, (tx) =>
        tx.execute(sql`insert into audit_events (org_id, action, target_type) values (${orgB}, 'forged', 'x')`),
      ),
    );
    const updated = await asApp(orgA, async (tx) =>
      rowsOf(await tx.execute(sql`update memberships set role = 'viewer' where org_id = ${orgB} returning user_id`)),
    );
    expect(updated).toHaveLength(0);
    const deleted = await asApp(orgA, async (tx) =>
      rowsOf(await tx.execute(sql`delete from memberships where org_id = ${orgB} returning user_id`)),
    );
    expect(deleted).toHaveLength(0);
    // moving A's row into B is refused too (WITH CHECK)
    await rejected(
      asApp(orgA, (tx) => tx.execute(sql`update memberships set org_id = ${orgB} where org_id = ${orgA}`)),
    );
    expect(await asApp(orgB, (tx) => count(tx, 'memberships'))).toBe(1);
  });

  it('every tenant table has a seeded row of each organisation (add one to tests/helpers/tenant-rows.ts)', () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(TENANT_TABLES.length);
    expect(tenantTables.filter((t) => !seeded.a[t])).toEqual([]);
    expect(tenantTables.filter((t) => !seeded.b[t])).toEqual([]);
  });

  it("sweep, every tenant table: A's own row is visible to A, B's is not, and nothing leaks without a scope", async () => {
    for (const table of tenantTables) {
      // visible to its own organisation first, so the invisibility below means something
      expect(await asApp(orgA, (tx) => count(tx, table, seeded.a[table])), `${table}: A sees its row`).toBe(1);
      expect(await asApp(orgB, (tx) => count(tx, table, seeded.b[table])), `${table}: B sees its row`).toBe(1);
      expect(await asApp(orgA, (tx) => count(tx, table, seeded.b[table])), `${table}: A sees B's row`).toBe(0);
      expect(await asApp(orgB, (tx) => count(tx, table, seeded.a[table])), `${table}: B sees A's row`).toBe(0);
      expect(
        await asApp(orgA, (tx) => count(tx, table, `org_id <> '${orgA}'`)),
        `${table}: A sees any row not its own`,
      ).toBe(0);
      expect(await asApp(null, (tx) => count(tx, table)), `${table}: no scope`).toBe(0);
    }
  });

  it("sweep, every tenant table: with org A set, B's rows cannot be written, nor A's moved into B", async () => {
    const refusedByRls = async (table: string, what: string, p: Promise<unknown>) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `${table}: ${what} should have been refused`).not.toBeNull();
      const msg = String((err as { cause?: Error }).cause?.message ?? (err as Error).message);
      expect(msg, `${table}: ${what}`).toMatch(/row-level security|append-only/);
    };
    for (const table of tenantTables) {
      const t = `"${table}"`;
      // a copy of A's row, relabelled as B's: the policy's WITH CHECK refuses it (before any key)
      await refusedByRls(
        table,
        'insert into B',
        asApp(orgA, (tx) =>
          tx.execute(
            sql.raw(`insert into ${t} select (jsonb_populate_record(null::${t},
              to_jsonb(x) || jsonb_build_object('org_id', '${orgB}'))).* from ${t} x where ${seeded.a[table]}`),
          ),
        ),
      );
      await refusedByRls(
        table,
        'move into B',
        asApp(orgA, (tx) => tx.execute(sql.raw(`update ${t} set org_id = '${orgB}' where ${seeded.a[table]}`))),
      );
      const touched = await asApp(orgA, async (tx) => [
        ...rowsOf(await tx.execute(sql.raw(`update ${t} set org_id = org_id where ${seeded.b[table]} returning 1`))),
        ...rowsOf(await tx.execute(sql.raw(`delete from ${t} where ${seeded.b[table]} returning 1`))),
      ]);
      expect(touched, `${table}: A updated or deleted B's row`).toEqual([]);
      expect(await asApp(orgB, (tx) => count(tx, table, seeded.b[table])), `${table}: B's row intact`).toBe(1);
    }
  });
});

// Only where CI hands us a superuser URL for the same server (.ci/run does).
if (process.env.TEST_SUPERUSER_DATABASE_URL)
  describe('start-up on PostgreSQL', () => {
    it('refuses to start as a superuser (RLS would not apply)', async () => {
      await expect(openDatabase({ url: process.env.TEST_SUPERUSER_DATABASE_URL, migrate: false })).rejects.toThrow(
        /superuser or has BYPASSRLS/,
      );
    });
  });
