/**
 * Backups of both databases Masar runs on (see docs/operations.md and docs/decisions/016-backups.md):
 * - PostgreSQL: `pg_dump --format=custom` (one consistent snapshot, the server keeps running), run
 *   as a role outside row-level security (BACKUP_DATABASE_URL); restored with `pg_restore` as the
 *   app's own role into an empty database, in one transaction.
 * - Embedded (PGlite): the whole data directory as a .tar.gz (PGlite's `dumpDataDir`), taken while
 *   the command holds the data directory's lock, so the server must be stopped.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { ConfigError, loadConfig } from '../config';
import { DATA_DIR_LOCK, type Database, DatabaseStartError, lockDataDir, openDatabase } from '../db';

/** A failure to report as one line (bad path, bad URL, refused target…), never with a stack. */
export class OpsError extends Error {
  override name = 'OpsError';
}

export type BackupKind = 'postgres' | 'pglite';

export interface OpsEnv {
  /** The app's database (PostgreSQL mode when set). */
  databaseUrl: string | undefined;
  /** The role pg_dump connects as: a superuser or BYPASSRLS role; defaults to databaseUrl. */
  backupDatabaseUrl: string | undefined;
  dataDir: string;
  /** Where pg_dump / pg_restore are; else found on PATH. */
  pgBinDir: string | undefined;
}

function isPostgresUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Validate the environment the way the server does (one line naming the variable). */
export function loadOpsEnv(env: Record<string, string | undefined> = process.env): OpsEnv {
  const config = loadConfig(env);
  const backupUrl = env.BACKUP_DATABASE_URL || undefined;
  if (backupUrl !== undefined && !isPostgresUrl(backupUrl))
    throw new ConfigError(
      'Invalid configuration: BACKUP_DATABASE_URL must be a URL like postgres://user:password@host:5432/database',
    );
  const pgBinDir = env.PG_BIN_DIR || undefined;
  if (pgBinDir !== undefined && !fs.existsSync(path.join(pgBinDir, 'pg_dump')))
    throw new ConfigError(`Invalid configuration: PG_BIN_DIR must be a directory holding pg_dump (got "${pgBinDir}")`);
  return { databaseUrl: config.databaseUrl, backupDatabaseUrl: backupUrl, dataDir: config.dataDir, pgBinDir };
}

export interface BackupResult {
  kind: BackupKind;
  file: string;
  bytes: number;
  ms: number;
  /** Migrations applied in the database that was backed up. */
  migrations: number;
}

export interface BackupOptions {
  /** A file to write, or an existing directory to put a timestamped file in. Default ./backups/. */
  out?: string | undefined;
  now?: Date;
}

/** `pnpm db:backup`: PostgreSQL when DATABASE_URL (or BACKUP_DATABASE_URL) is set, else DATA_DIR. */
export async function backup(env: OpsEnv, opts: BackupOptions = {}): Promise<BackupResult> {
  const url = env.backupDatabaseUrl ?? env.databaseUrl;
  return url ? backupPostgres(url, env, opts) : backupEmbedded(env.dataDir, opts);
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function outputPath(kind: BackupKind, opts: BackupOptions): string {
  const name = `masar-${kind}-${stamp(opts.now ?? new Date())}.${kind === 'postgres' ? 'dump' : 'tar.gz'}`;
  const out = path.resolve(opts.out ?? 'backups');
  if (opts.out === undefined) fs.mkdirSync(out, { recursive: true });
  const file = fs.existsSync(out) && fs.statSync(out).isDirectory() ? path.join(out, name) : out;
  if (!fs.existsSync(path.dirname(file)))
    throw new OpsError(`Cannot write the backup: ${path.dirname(file)} does not exist`);
  if (fs.existsSync(file)) throw new OpsError(`Cannot write the backup: ${file} already exists`);
  return file;
}

/** Move a finished `.partial` file into place, so a failed backup never leaves a plausible file. */
function finish(partial: string, file: string): number {
  fs.renameSync(partial, file);
  return fs.statSync(file).size;
}

// ---------------------------------------------------------------- PostgreSQL

function pgBin(env: Pick<OpsEnv, 'pgBinDir'>, name: 'pg_dump' | 'pg_restore'): string {
  return env.pgBinDir ? path.join(env.pgBinDir, name) : name;
}

/** The URL without its password (for argv, which other users can see) plus the password for PGPASSWORD. */
function splitPassword(url: string): { url: string; password: string | undefined } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}

function shownUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return `${u.host}${u.pathname}`;
}

function run(cmd: string, args: string[], env: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new OpsError(
          e.code === 'ENOENT'
            ? `Cannot run ${cmd}: not found (install the PostgreSQL client tools, or set PG_BIN_DIR)`
            : `Cannot run ${cmd}: ${e.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve(out);
      const lines = err
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== '');
      const first = lines.find((l) => /error|fatal/i.test(l)) ?? lines[0] ?? `exit code ${code}`;
      reject(new OpsError(`${path.basename(cmd)} failed: ${first.replace(/^\S+: /, '').trim()}`));
    });
  });
}

async function pgToolMajor(env: Pick<OpsEnv, 'pgBinDir'>, name: 'pg_dump' | 'pg_restore'): Promise<number> {
  const out = await run(pgBin(env, name), ['--version'], {});
  const m = /(\d+)(?:\.\d+)?/.exec(out.replace(/^[^)]*\)/, ''));
  return m ? Number(m[1]) : 0;
}

interface RoleInfo {
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  db: string;
  server_version_num: number;
}

/** Open a short admin connection, with connection errors turned into one line. */
async function withClient<T>(url: string, what: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { application_name: 'masar-ops' },
  });
  try {
    return await fn(sql);
  } catch (err) {
    if (err instanceof OpsError) throw err;
    const e = err as { code?: string; message?: string };
    throw new OpsError(
      `Cannot use ${what} (${shownUrl(url)}): ${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}`,
    );
  } finally {
    await sql.end({ timeout: 2 }).catch(() => {});
  }
}

async function roleInfo(sql: postgres.Sql): Promise<RoleInfo> {
  const [r] = await sql<RoleInfo[]>`
    select rolname, rolsuper, rolbypassrls, current_database() as db,
           current_setting('server_version_num')::int as server_version_num
    from pg_roles where rolname = current_user`;
  return r!;
}

async function appliedMigrationsPg(sql: postgres.Sql): Promise<number> {
  const [exists] = await sql<{ t: string | null }[]>`select to_regclass('drizzle.__drizzle_migrations')::text as t`;
  if (!exists?.t) return 0;
  const [n] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return n?.n ?? 0;
}

async function backupPostgres(url: string, env: OpsEnv, opts: BackupOptions): Promise<BackupResult> {
  const t0 = Date.now();
  const what = env.backupDatabaseUrl ? 'BACKUP_DATABASE_URL' : 'DATABASE_URL';
  const { role, migrations } = await withClient(url, what, async (sql) => {
    const role = await roleInfo(sql);
    if (!role.rolsuper && !role.rolbypassrls) {
      // pg_dump turns row security off and then fails on any table whose policies bind this role
      // (FORCE binds even the owner); with --enable-row-security it would silently dump no rows.
      const [bound] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_class c
        where c.relkind in ('r', 'p') and c.relrowsecurity
          and (c.relforcerowsecurity or c.relowner <> (select oid from pg_roles where rolname = current_user))`;
      if ((bound?.n ?? 0) > 0)
        throw new OpsError(
          `Cannot back up as role "${role.rolname}": row-level security binds it on ${bound!.n} tables, so pg_dump cannot read every row. Set BACKUP_DATABASE_URL to a superuser or a BYPASSRLS role (see docs/operations.md)`,
        );
    }
    return { role, migrations: await appliedMigrationsPg(sql) };
  });
  const serverMajor = Math.floor(role.server_version_num / 10000);
  const toolMajor = await pgToolMajor(env, 'pg_dump');
  if (toolMajor < serverMajor)
    throw new OpsError(
      `pg_dump ${toolMajor} cannot dump a PostgreSQL ${serverMajor} server: install pg_dump ${serverMajor} or newer (or set PG_BIN_DIR)`,
    );
  const file = outputPath('postgres', opts);
  const partial = `${file}.partial`;
  const { url: bare, password } = splitPassword(url);
  try {
    await run(pgBin(env, 'pg_dump'), ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${bare}`], {
      PGPASSWORD: password,
      PGAPPNAME: 'masar-backup',
    });
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { kind: 'postgres', file, bytes: finish(partial, file), ms: Date.now() - t0, migrations };
}

// ---------------------------------------------------------------- embedded (PGlite)

function isDataDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/** Open an existing data directory without migrating; "in use" and other start errors become one line. */
async function openEmbedded(dir: string): Promise<Database> {
  try {
    return await openDatabase({ dataDir: dir, migrate: false });
  } catch (err) {
    if (err instanceof DatabaseStartError) throw new OpsError(err.message);
    throw err;
  }
}

async function backupEmbedded(dataDir: string, opts: BackupOptions): Promise<BackupResult> {
  const t0 = Date.now();
  if (!isDataDir(dataDir))
    throw new OpsError(`No embedded database in ${dataDir} (DATA_DIR; set DATABASE_URL to back up PostgreSQL)`);
  const file = outputPath('pglite', opts);
  // Holding the data directory's lock: refused while the server (or anything else) has it open, and
  // nothing can write while PGlite copies it, so the archive is one consistent state.
  const database = await openEmbedded(dataDir);
  const partial = `${file}.partial`;
  try {
    const { applied } = await database.ready();
    const tarball = await database.pglite!.dumpDataDir('gzip');
    fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    return { kind: 'pglite', file, bytes: finish(partial, file), ms: Date.now() - t0, migrations: applied };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- restore

export interface RestoreOptions {
  /** postgres:// URL or a data directory; default DATABASE_URL / DATA_DIR by the backup's kind. */
  target?: string | undefined;
  /** Replace a non-empty target (PostgreSQL: drop what the role owns; PGlite: move the directory aside). */
  force?: boolean;
}

export interface RestoreResult {
  kind: BackupKind;
  /** Where it went (URL without password, or a directory). */
  target: string;
  ms: number;
  /** Migrations in the restored database / known to this version of Masar. */
  migrations: { applied: number; expected: number };
  /** With --force on a data directory: where the previous contents were moved. */
  movedAside?: string;
}

/** What kind of backup a file is, from its first bytes (not its name). */
export function backupKindOf(file: string): BackupKind {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new OpsError(
      e.code === 'ENOENT' ? `No such backup file: ${file}` : `Cannot read ${file}: ${e.code ?? e.message}`,
    );
  }
  const head = Buffer.alloc(5);
  try {
    if (fs.fstatSync(fd).isDirectory()) throw new OpsError(`${file} is a directory, not a backup file`);
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  throw new OpsError(
    `${file} is not a Masar backup (expected a pg_dump custom archive or an embedded-database .tar.gz)`,
  );
}

/** `pnpm db:restore <file>`: into an empty database or data directory, then check the migrations. */
export async function restore(env: OpsEnv, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const abs = path.resolve(file);
  const kind = backupKindOf(abs);
  const target = opts.target;
  if (kind === 'postgres') {
    const url = target ?? env.databaseUrl;
    if (!url) throw new OpsError('This is a PostgreSQL backup: set DATABASE_URL or pass --target postgres://…');
    if (!isPostgresUrl(url))
      throw new OpsError(
        `This is a PostgreSQL backup: --target must be a URL like postgres://user:password@host:5432/database`,
      );
    return restorePostgres(abs, url, env, opts.force ?? false);
  }
  if (target !== undefined && isPostgresUrl(target))
    throw new OpsError('This is an embedded-database backup: --target must be a directory, not a postgres:// URL');
  if (target === undefined && env.databaseUrl)
    throw new OpsError(
      'This is an embedded-database backup but DATABASE_URL is set: pass --target <directory> to restore it into a data directory',
    );
  return restoreEmbedded(abs, path.resolve(target ?? env.dataDir), opts.force ?? false);
}

async function restorePostgres(file: string, url: string, env: OpsEnv, force: boolean): Promise<RestoreResult> {
  const t0 = Date.now();
  await withClient(url, 'the restore target', async (sql) => {
    const role = await roleInfo(sql);
    if (role.rolsuper || role.rolbypassrls)
      throw new OpsError(
        `Restore as the app's own role (the one in DATABASE_URL), not "${role.rolname}" (a superuser or BYPASSRLS role): that role must own the restored tables`,
      );
    const count = async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname !~ '^pg_(toast|temp)' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`;
      return r?.n ?? 0;
    };
    const n = await count();
    if (n > 0 && !force)
      throw new OpsError(
        `The target database "${role.db}" is not empty (${n} tables, views or sequences): restore into a new database, or pass --force to replace its contents`,
      );
    if (n > 0) {
      await sql`drop owned by current_user`;
      const left = await count();
      if (left > 0)
        throw new OpsError(
          `Cannot empty "${role.db}": ${left} objects belong to other roles than "${role.rolname}"; restore into a new database`,
        );
    }
  });
  const { url: bare, password } = splitPassword(url);
  // One transaction: a failed restore leaves the target as it was (empty). Tables come back owned
  // by the connecting role; FORCE ROW LEVEL SECURITY is part of each table, the policies and
  // ENABLE come after the data, so the rows load as they were.
  await run(
    pgBin(env, 'pg_restore'),
    [
      '--no-owner',
      '--no-privileges',
      '--no-password',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${bare}`,
      file,
    ],
    { PGPASSWORD: password, PGAPPNAME: 'masar-restore' },
  );
  const migrations = await checkMigrations(() => openDatabase({ url, migrate: false, poolMax: 2 }));
  return { kind: 'postgres', target: shownUrl(url), ms: Date.now() - t0, migrations };
}

async function restoreEmbedded(file: string, dir: string, force: boolean): Promise<RestoreResult> {
  const t0 = Date.now();
  let movedAside: string | undefined;
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new OpsError(`${dir} is a file, not a directory`);
  if (entries.length > 0) {
    if (!force)
      throw new OpsError(
        `The target directory ${dir} is not empty: restore into a new directory (--target), or pass --force to move it aside and replace it`,
      );
    // Refuse while the server has it open; then keep the old contents next to it.
    let unlock: () => void;
    try {
      unlock = lockDataDir(dir);
    } catch (err) {
      throw new OpsError((err as Error).message);
    }
    unlock();
    movedAside = `${dir}.replaced-${stamp(new Date())}`;
    fs.renameSync(dir, movedAside);
  }
  fs.mkdirSync(dir, { recursive: true });
  try {
    const bytes = fs.readFileSync(file);
    const pg = await PGlite.create({
      dataDir: dir,
      loadDataDir: new File([bytes], path.basename(file), { type: 'application/x-gzip' }),
    });
    await pg.query('select 1');
    await pg.close();
  } catch (err) {
    const e = err as Error;
    const aside = movedAside ? ` (the previous contents are in ${movedAside})` : '';
    throw new OpsError(`Cannot restore ${file} into ${dir}: ${e.message}${aside}`);
  } finally {
    // The archive carries the lock file of the process that took it.
    fs.rmSync(path.join(dir, DATA_DIR_LOCK), { force: true });
  }
  const migrations = await checkMigrations(() => openEmbedded(dir));
  const result: RestoreResult = { kind: 'pglite', target: dir, ms: Date.now() - t0, migrations };
  if (movedAside) result.movedAside = movedAside;
  return result;
}

/** Open the restored database as the server would (without migrating) and compare its migrations. */
async function checkMigrations(open: () => Promise<Database>): Promise<{ applied: number; expected: number }> {
  let database: Database;
  try {
    database = await open();
  } catch (err) {
    throw new OpsError(`Restored, but the database does not open: ${(err as Error).message}`);
  }
  try {
    const { applied, expected } = await database.ready();
    if (applied > expected)
      throw new OpsError(
        `Restored, but the backup comes from a newer Masar (${applied} migrations; this version knows ${expected}): run that version`,
      );
    return { applied, expected };
  } finally {
    await database.close();
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
