/**
 * Where the benchmark's PostgreSQL database is. With DATABASE_URL, that one (an ordinary role: the
 * app refuses superusers and BYPASSRLS roles). Without it, the local server at 127.0.0.1:5432:
 * the ordinary role `masar_bench` owning the database `masar_bench`, created on first use through
 * the `postgres` superuser (trust authentication, as on a developer machine or CI).
 */
import postgres from 'postgres';

export const BENCH_ROLE = 'masar_bench';
export const DEFAULT_BENCH_URL = `postgres://${BENCH_ROLE}@127.0.0.1:5432/${BENCH_ROLE}`;
/** Superuser connection used only to create the role and the database (override: BENCH_ADMIN_URL). */
export const ADMIN_URL = process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export class BenchSetupError extends Error {
  override name = 'BenchSetupError';
}

const quiet = { onnotice: () => {}, connect_timeout: 5, max: 1 } as const;

async function canConnect(url: string): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const sql = postgres(url, quiet);
  try {
    await sql`select 1`;
    return { ok: true };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { ok: false, code: e.code ?? 'ERROR', message: e.message ?? String(err) };
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** The URL to bench against; creates the default role and database when they are missing. */
export async function benchDatabaseUrl(log: (line: string) => void = console.log): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const r = await canConnect(given);
    if (!r.ok) throw new BenchSetupError(`Cannot connect to DATABASE_URL=${redactUrl(given)}: ${r.code} ${r.message}`);
    return given;
  }
  const first = await canConnect(DEFAULT_BENCH_URL);
  if (first.ok) return DEFAULT_BENCH_URL;
  const admin = postgres(ADMIN_URL, quiet);
  try {
    await admin`select 1`;
  } catch (err) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new BenchSetupError(
      [
        `Cannot reach the bench database ${DEFAULT_BENCH_URL} (${first.code}: ${first.message})`,
        `and cannot create it through ${ADMIN_URL} (${(err as Error).message}).`,
        'Either set DATABASE_URL=postgres://<ordinary role>@<host>:<port>/<database> (not a superuser, not BYPASSRLS;',
        'the seed needs to own the tables, so use a database that role owns), or run PostgreSQL on 127.0.0.1:5432',
        'where the `postgres` superuser can connect (or set BENCH_ADMIN_URL), and the bench creates',
        `the "${BENCH_ROLE}" role and database itself.`,
      ].join('\n'),
    );
  }
  try {
    const [role] = await admin<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
      select rolsuper, rolbypassrls from pg_roles where rolname = ${BENCH_ROLE}`;
    if (!role) {
      await admin.unsafe(`create role ${BENCH_ROLE} login nosuperuser nobypassrls`);
      log(`› created role ${BENCH_ROLE} (login, nosuperuser, nobypassrls)`);
    } else if (role.rolsuper || role.rolbypassrls) {
      throw new BenchSetupError(`Role ${BENCH_ROLE} exists but is a superuser or BYPASSRLS: the app refuses it.`);
    }
    const [db] = await admin`select 1 from pg_database where datname = ${BENCH_ROLE}`;
    if (!db) {
      await admin.unsafe(`create database ${BENCH_ROLE} owner ${BENCH_ROLE}`);
      log(`› created database ${BENCH_ROLE} (owner ${BENCH_ROLE})`);
    }
  } finally {
    await admin.end({ timeout: 1 }).catch(() => {});
  }
  const again = await canConnect(DEFAULT_BENCH_URL);
  if (!again.ok) throw new BenchSetupError(`Cannot connect to ${DEFAULT_BENCH_URL}: ${again.code} ${again.message}`);
  return DEFAULT_BENCH_URL;
}

/** The URL without its password, for printing. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** `benchDatabaseUrl` for the command-line entry points: a setup problem is printed, exit 1. */
export async function benchDatabaseUrlOrExit(log: (line: string) => void = console.log): Promise<string> {
  try {
    return await benchDatabaseUrl(log);
  } catch (err) {
    if (err instanceof BenchSetupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
