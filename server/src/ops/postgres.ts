/** PostgreSQL backup and restore: pg_dump / pg_restore as child processes, role checks, migrations. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../db';
import {
  type BackupOptions,
  type BackupResult,
  checkMigrations,
  finish,
  type OpsEnv,
  OpsError,
  outputPath,
  type RestoreResult,
} from './common';

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

export async function backupPostgres(url: string, env: OpsEnv, opts: BackupOptions): Promise<BackupResult> {
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

export async function restorePostgres(file: string, url: string, env: OpsEnv, force: boolean): Promise<RestoreResult> {
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
