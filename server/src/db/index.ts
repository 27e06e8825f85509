import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { schema } from '@masar/drizzle';
import type { DbKind } from '@masar/shared';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export type Schema = typeof schema;
/** One type for both drivers (and for transactions): services never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The non-superuser role that PGlite switches to inside tenant transactions. */
export const PGLITE_APP_ROLE = 'masar_app';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Role to `SET LOCAL ROLE` to in each tenant transaction (PGlite only; null on Postgres). */
  appRole: string | null;
  /** The embedded instance (PGlite only), for the job queue's adapter. */
  pglite: PGlite | null;
  /** The connection URL (PostgreSQL only), for the job queue's own pool. */
  url: string | null;
  /** Resolves when the database answers and every committed migration is applied. */
  ready(): Promise<{ ok: boolean; applied: number; expected: number }>;
  close(): Promise<void>;
}

export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

/** Find `drizzle/migrations` by walking up from this file (works from src/ and from the bundle). */
export function findMigrationsFolder(start = path.dirname(fileURLToPath(import.meta.url))): string {
  const fromEnv = process.env.MIGRATIONS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'drizzle', 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new DatabaseStartError('Cannot find drizzle/migrations (set MIGRATIONS_DIR)');
    dir = parent;
  }
}

function expectedMigrations(folder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function appliedMigrations(db: Db): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rowsOf<{ n: number }>(rows)[0]?.n ?? 0);
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  migrate?: boolean;
  /** Max pool size for postgres.js. */
  poolMax?: number;
  /** Called with every SQL statement drizzle sends (tests count statements with it). */
  logQuery?: (query: string) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const migrationsFolder = findMigrationsFolder();
  const expected = expectedMigrations(migrationsFolder);
  const doMigrate = opts.migrate ?? true;

  if (opts.url) {
    const client = postgres(opts.url, {
      // At least two: start-up holds one connection for the migration lock while migrating on another.
      max: Math.max(2, opts.poolMax ?? 10),
      onnotice: () => {},
      connection: { application_name: 'masar' },
      connect_timeout: 10,
    });
    const logger = opts.logQuery ? { logQuery: opts.logQuery } : false;
    const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
    try {
      const [role] = await client<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }[]>`
        select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`;
      if (role && (role.rolsuper || role.rolbypassrls)) {
        throw new DatabaseStartError(
          `Refusing to start: database role "${role.rolname}" is a superuser or has BYPASSRLS, so row-level security would not apply. Connect as an ordinary role (see docs/operations.md).`,
        );
      }
      if (doMigrate) {
        // One migrator at a time across server processes.
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(7261001)`;
          await migratePostgres(drizzlePostgres(client), { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(7261001)`.catch(() => {});
          lock.release();
        }
      }
    } catch (err) {
      await client.end({ timeout: 1 }).catch(() => {});
      throw wrapStartError(err, 'postgres');
    }
    return {
      db,
      kind: 'postgres',
      appRole: null,
      pglite: null,
      url: opts.url,
      async ready() {
        const applied = await appliedMigrations(db);
        return { ok: applied === expected, applied, expected };
      },
      async close() {
        await client.end({ timeout: 5 });
      },
    };
  }

  const dataDir = opts.dataDir ?? 'memory://';
  let unlock = () => {};
  // PGlite's initdb wants an empty directory: a new one is locked right after it is created.
  const onDisk = !dataDir.startsWith('memory://');
  const fresh = onDisk && !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (onDisk) fs.mkdirSync(dataDir, { recursive: true });
  if (onDisk && !fresh) unlock = lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir);
    if (fresh) unlock = lockDataDir(dataDir);
  } catch (err) {
    unlock();
    throw wrapStartError(err, 'pglite');
  }
  const db = drizzlePglite(pg, {
    schema,
    logger: opts.logQuery ? { logQuery: opts.logQuery } : false,
  }) as unknown as Db;
  if (doMigrate) {
    await migratePglite(drizzlePglite(pg), { migrationsFolder });
    await pg.exec(`
      DO $$ BEGIN
        CREATE ROLE ${PGLITE_APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
      EXCEPTION WHEN duplicate_object THEN NULL; END $$;
      GRANT USAGE ON SCHEMA public TO ${PGLITE_APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${PGLITE_APP_ROLE};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${PGLITE_APP_ROLE};
    `);
  }
  return {
    db,
    kind: 'pglite',
    appRole: PGLITE_APP_ROLE,
    pglite: pg,
    url: null,
    async ready() {
      const applied = await appliedMigrations(db);
      return { ok: applied === expected, applied, expected };
    },
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        unlock();
      }
    },
  };
}

/** The lock file that marks an embedded data directory as open (PGlite itself does not lock it). */
export const DATA_DIR_LOCK = 'masar.lock';
const openDataDirs = new Set<string>();

/**
 * PGlite does not stop two processes from opening one data directory (its postmaster.pid is a
 * placeholder), and two writers corrupt it. So the server, `pnpm db:backup` and `pnpm db:restore`
 * hold `DATA_DIR/masar.lock` ({ pid, host }) while the directory is open. A lock whose process is
 * gone (or was written on another host, e.g. before a container restart) is stale and is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const abs = path.resolve(dir);
  const file = path.join(abs, DATA_DIR_LOCK);
  const busy = (pid: number) =>
    new DatabaseStartError(
      `The embedded database in ${abs} is in use by process ${pid}: stop the Masar server (or the other command) first`,
    );
  if (openDataDirs.has(abs)) throw busy(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date() }), {
        flag: 'wx',
      });
      openDataDirs.add(abs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        openDataDirs.delete(abs);
        fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw wrapStartError(err, 'pglite');
      const holder = readLock(file);
      if (holder && holder.host === os.hostname() && holder.pid !== process.pid && processAlive(holder.pid))
        throw busy(holder.pid);
      fs.rmSync(file, { force: true }); // stale
    }
  }
  throw busy(readLock(file)?.pid ?? 0);
}

function readLock(file: string): { pid: number; host: string } | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host } : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function wrapStartError(err: unknown, kind: DbKind): Error {
  if (err instanceof DatabaseStartError) return err;
  const e = err as { code?: string; message?: string };
  const what = kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database (DATA_DIR)';
  return new DatabaseStartError(`Cannot open ${what}: ${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}`);
}

/** Rows of `db.execute()` as an array on both drivers (postgres.js returns an array, PGlite `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
