/**
 * `pnpm db:backup` / `pnpm db:restore` round trip on the database this suite runs on: PGlite (an
 * on-disk data directory) by default, PostgreSQL with TEST_DATABASE_URL. Realistic data (the demo
 * organisation and an org with every role, through the real services) is backed up, restored into
 * a fresh database, compared table by table (every table the catalog lists: row counts; the key
 * tables: a checksum of their ordered rows), then opened as the server opens it and used through
 * real tRPC procedures.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, openDatabase } from '@masar/server';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR_LOCK } from '../../server/src/db';
import { backup, backupKindOf, loadOpsEnv, type OpsEnv, restore } from '../../server/src/ops/backup';
import { DEMO_LOGINS, DEMO_ORG_SLUG, DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { orgWithEveryRole, PASSWORD } from '../helpers/factories';
import { adminClient, TEST_DATABASE_URL, urlForDatabase } from '../helpers/pg';
import { ROOT } from '../helpers/server-process';

const KEY_TABLES = [
  'users',
  'organizations',
  'memberships',
  'submissions',
  'reviews',
  'skill_progress',
  'audit_events',
] as const;

type Query = <T>(text: string) => Promise<T[]>;

interface Fingerprint {
  counts: Record<string, number>;
  checksums: Record<string, string>;
}

/** Every table in the catalog (all schemas but the system ones) with its row count, and md5s of the key tables. */
async function fingerprint(query: Query): Promise<Fingerprint> {
  const tables = await query<{ name: string }>(`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname !~ '^pg_'
    order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await query<{ n: number }>(`select count(*)::int as n from ${name}`);
    counts[name] = Number(row!.n);
  }
  const checksums: Record<string, string> = {};
  for (const t of KEY_TABLES) {
    const [row] = await query<{ h: string }>(
      `select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as h from public.${t} t`,
    );
    checksums[t] = row!.h;
  }
  return { counts, checksums };
}

/** Read as the database's superuser (PGlite's own user; on PostgreSQL the admin URL), outside RLS. */
function pgliteQuery(database: Database): Query {
  return async <T>(text: string) => (await database.pglite!.query<T>(text)).rows;
}

async function withPg<T>(url: string, fn: (q: Query) => Promise<T>): Promise<T> {
  const c = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(async <R>(text: string) => (await c.unsafe(text)) as unknown as R[]);
  } finally {
    await c.end();
  }
}

/** The real thing a restored database must do: log in and read through tRPC procedures. */
async function useThroughTrpc(database: Database) {
  const deps = testDeps(database);
  const admin = await client(deps);
  await admin.caller.auth.logIn({ email: DEMO_LOGINS.admin, password: DEMO_PASSWORD });
  const org = await admin.caller.org.get({ orgSlug: DEMO_ORG_SLUG });
  const cohorts = await admin.caller.cohorts.list({ orgSlug: DEMO_ORG_SLUG });
  const mentor = await client(deps);
  await mentor.caller.auth.logIn({ email: DEMO_LOGINS.mentor, password: DEMO_PASSWORD });
  const queue = await mentor.caller.submissions.queue({ orgSlug: DEMO_ORG_SLUG, status: 'all', pageSize: 50 });
  return { orgName: org.name, learners: cohorts.items[0]?.learnerCount, queue: queue.total };
}

async function seed(database: Database) {
  expect(await seedDemo(database)).toBe(true);
  const deps = testDeps(database);
  const { org, members } = await orgWithEveryRole(deps);
  // a write that lands in the audit log of the second org
  await members.owner.caller.org.update({ orgSlug: org.slug, name: 'Backed-up bootcamp' });
  const before = await useThroughTrpc(database);
  expect(before.learners).toBe(20);
  expect(before.queue).toBeGreaterThan(0);
  const ownerEmail = (await members.owner.caller.auth.me())!.email;
  return { org, ownerEmail, before };
}

function expectRealistic(fp: Fingerprint) {
  const n = (t: string) => fp.counts[`public.${t}`] ?? 0;
  expect(n('users')).toBeGreaterThan(20);
  expect(n('organizations')).toBe(2);
  for (const t of ['memberships', 'submissions', 'reviews', 'skill_progress', 'audit_events', 'cohort_members'])
    expect(n(t), t).toBeGreaterThan(0);
  expect(fp.counts['drizzle.__drizzle_migrations']).toBeGreaterThan(0);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'masar-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The command as `pnpm db:backup` / `pnpm db:restore` run it. */
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(path.join(ROOT, 'server/node_modules/.bin/tsx'), [path.join(ROOT, 'server/src/ops/cli.ts'), ...args], {
    cwd: tmp,
    env: {
      ...process.env,
      DATABASE_URL: '',
      BACKUP_DATABASE_URL: '',
      INIT_CWD: '',
      DATA_DIR: path.join(tmp, 'none'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });

/** What differs between the two databases; the tests below are the same for both. */
interface Mode {
  /** Open the source database and seed it. */
  open(): Promise<Database>;
  /** Read outside row-level security (PGlite's own superuser; on PostgreSQL the suite's superuser). */
  read<T>(which: 'source' | 'restored', fn: (q: Query) => Promise<T>): Promise<T>;
  /** The environment `pnpm db:backup` would see. */
  backupEnv(): OpsEnv;
  /** A fresh, empty restore target (a directory, or a new database the CREATEDB role made). */
  freshTarget(): Promise<string>;
  openRestored(): Promise<Database>;
  /** Release what it made. */
  cleanup(): Promise<void>;
  expectedRefusal: RegExp;
  ext: string;
}

function pgliteMode(): Mode {
  const dataDir = path.join(tmp, 'data');
  const target = path.join(tmp, 'restored');
  let source: Database | undefined;
  const env = () => loadOpsEnv({ DATA_DIR: dataDir });
  return {
    async open() {
      source = await openDatabase({ dataDir });
      return source;
    },
    async read(which, fn) {
      if (which === 'source' && source && !source.pglite!.closed) return fn(pgliteQuery(source));
      const d = await openDatabase({ dataDir: which === 'source' ? dataDir : target, migrate: false });
      try {
        return await fn(pgliteQuery(d));
      } finally {
        await d.close();
      }
    },
    backupEnv: env,
    async freshTarget() {
      // The embedded backup needs the server stopped: close the source first.
      await source?.close();
      return target;
    },
    openRestored: () => openDatabase({ dataDir: target }),
    async cleanup() {
      await source?.close();
    },
    // while the source is open, as a running server would have it
    expectedRefusal: /^The embedded database in .* is in use by process \d+: stop the Masar server/,
    ext: 'tar.gz',
  };
}

function postgresMode(): Mode {
  // A role outside row-level security on the same server (its database name is replaced below).
  const superuserUrl = process.env.TEST_BACKUP_DATABASE_URL || process.env.TEST_SUPERUSER_DATABASE_URL;
  if (!superuserUrl)
    throw new Error(
      'backup.test.ts on PostgreSQL needs TEST_SUPERUSER_DATABASE_URL or TEST_BACKUP_DATABASE_URL (a superuser, or a BYPASSRLS role in pg_read_all_data; .ci/run sets it): pg_dump must read outside row-level security',
    );
  let source: TestDatabase | undefined;
  const restoredName = `${new URL(TEST_DATABASE_URL!).pathname.slice(1)}_restored_${process.pid}`;
  const target = urlForDatabase(restoredName);
  // pg_dump must not be bound by row-level security: the suite's superuser, on the database in question
  const asAdmin = (url: string) => {
    const u = new URL(superuserUrl);
    u.pathname = new URL(url).pathname;
    return u.toString();
  };
  return {
    async open() {
      source = await createTestDatabase();
      return source;
    },
    read: (which, fn) => withPg(asAdmin(which === 'source' ? source!.url! : target), fn),
    backupEnv: () => loadOpsEnv({ DATABASE_URL: source!.url!, BACKUP_DATABASE_URL: asAdmin(source!.url!) }),
    async freshTarget() {
      const a = adminClient();
      await a.unsafe(`create database "${restoredName}"`);
      await a.end();
      return target;
    },
    openRestored: () => openDatabase({ url: target, migrate: false, poolMax: 2 }),
    async cleanup() {
      await source?.destroy();
      const a = adminClient();
      await a.unsafe(`drop database if exists "${restoredName}" with (force)`);
      await a.end();
    },
    // as the app's own role, without BACKUP_DATABASE_URL
    expectedRefusal: /^Cannot back up as role "[^"]+": row-level security binds it on \d+ tables.*BACKUP_DATABASE_URL/,
    ext: 'dump',
  };
}

describe(`backup and restore (${TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let mode: Mode;
  let source: Database;
  let seeded: Awaited<ReturnType<typeof seed>>;
  let before: Fingerprint;
  let file: string;
  let target: string;

  beforeAll(async () => {
    mode = TEST_DATABASE_URL ? postgresMode() : pgliteMode();
    source = await mode.open();
    seeded = await seed(source);
    before = await mode.read('source', fingerprint);
    expectRealistic(before);
  });
  afterAll(async () => {
    await mode?.cleanup();
  });

  it('refuses a backup it could not take whole', async () => {
    const env = TEST_DATABASE_URL ? loadOpsEnv({ DATABASE_URL: source.url! }) : mode.backupEnv();
    await expect(backup(env, { out: tmp })).rejects.toThrow(mode.expectedRefusal);
    if (!TEST_DATABASE_URL) {
      // from another process, as `pnpm db:backup` next to a running server
      const r = run(['backup', '--out', tmp], { DATA_DIR: path.join(tmp, 'data') });
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(
        `The embedded database in ${path.join(tmp, 'data')} is in use by process ${process.pid}: stop the Masar server (or the other command) first`,
      );
    }
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('masar-'))).toEqual([]);
  });

  it('backs up to a timestamped file and restores it into a fresh database, identical and usable', async () => {
    target = await mode.freshTarget();
    const made = await backup(mode.backupEnv(), { out: tmp, now: new Date('2026-11-27T04:05:06Z') });
    file = made.file;
    const kind = TEST_DATABASE_URL ? 'postgres' : 'pglite';
    expect(path.basename(file)).toBe(`masar-${kind}-20261127T040506Z.${mode.ext}`);
    expect(made.bytes).toBe(fs.statSync(file).size);
    expect(made.migrations).toBe(before.counts['drizzle.__drizzle_migrations']);
    expect(backupKindOf(file)).toBe(kind);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);

    const r = await restore(mode.backupEnv(), file, { target });
    expect(r.kind).toBe(kind);
    expect(r.migrations.applied).toBe(r.migrations.expected);

    expect(await mode.read('restored', fingerprint)).toEqual(before);
    // still isolated: the restored tables keep ENABLE + FORCE ROW LEVEL SECURITY
    const rls = await mode.read('restored', (q) =>
      q<{ name: string }>(
        `select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity and c.relforcerowsecurity`,
      ),
    );
    expect(rls.map((x) => x.name)).toEqual(
      expect.arrayContaining(['memberships', 'submissions', 'reviews', 'audit_events']),
    );

    const restored = await mode.openRestored();
    try {
      expect(await useThroughTrpc(restored)).toEqual(seeded.before);
      // the second org's owner logs in too, and the restored database takes writes
      const owner = await client(testDeps(restored));
      await owner.caller.auth.logIn({ email: seeded.ownerEmail, password: PASSWORD });
      await owner.caller.org.update({ orgSlug: seeded.org.slug, name: 'After the restore' });
      expect((await owner.caller.org.get({ orgSlug: seeded.org.slug })).name).toBe('After the restore');
    } finally {
      await restored.close();
    }
  });

  it('refuses a non-empty target without --force, and replaces it with --force', async () => {
    const env = mode.backupEnv();
    await expect(restore(env, file, { target })).rejects.toThrow(/^The target (directory|database) .* is not empty/);
    const r = await restore(env, file, { target, force: true });
    if (!TEST_DATABASE_URL) expect(fs.existsSync(path.join(r.movedAside!, 'PG_VERSION'))).toBe(true);
    // the backup's state again, not the write made after the first restore
    const names = await mode.read('restored', (q) =>
      q<{ name: string }>(`select name from organizations where slug = '${seeded.org.slug}'`),
    );
    expect(names).toEqual([{ name: 'Backed-up bootcamp' }]);
    expect(await mode.read('restored', fingerprint)).toEqual(before);
  });
});

describe('restore refuses bad input with one line', () => {
  it('names a missing file, and a file that is not a backup', async () => {
    const env = loadOpsEnv({ DATA_DIR: path.join(tmp, 'none') });
    await expect(restore(env, path.join(tmp, 'missing.dump'))).rejects.toThrow(
      /^No such backup file: .*missing\.dump$/,
    );
    const junk = path.join(tmp, 'junk.dump');
    fs.writeFileSync(junk, 'not a backup');
    await expect(restore(env, junk)).rejects.toThrow(/is not a Masar backup/);
    await expect(backup(env, { out: tmp })).rejects.toThrow(/^No embedded database in /);
    expect(() => loadOpsEnv({ BACKUP_DATABASE_URL: 'nonsense' })).toThrow(
      /^Invalid configuration: BACKUP_DATABASE_URL must be a URL like postgres:/,
    );
  });
});

describe('the commands (pnpm db:backup / db:restore)', () => {
  it('fail with exit code 1 and one line, no stack trace', () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['restore', 'missing.dump'], {}, /^No such backup file: .*missing\.dump$/],
      [
        ['backup'],
        { BACKUP_DATABASE_URL: 'nonsense' },
        /^Invalid configuration: BACKUP_DATABASE_URL must be a URL like postgres:/,
      ],
      [['backup'], { DATABASE_URL: 'nonsense' }, /^Invalid configuration: DATABASE_URL must be a URL like postgres:/],
      [['backup', '--out'], {}, /^--out needs a value$/],
      [['restore', 'a', '--bogus'], {}, /^Unknown option --bogus/],
      [
        ['backup'],
        { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
        /^Cannot use DATABASE_URL \(127\.0\.0\.1:1\/none\): ECONNREFUSED/,
      ],
    ];
    for (const [args, env, message] of cases) {
      const r = run(args, env);
      expect(r.status, args.join(' ')).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  });
});

describe('the embedded data directory lock (DATA_DIR/masar.lock)', () => {
  it('is taken over when the process that left it is gone, or it was written on another host', async () => {
    const dir = path.join(tmp, 'locked');
    const first = await openDatabase({ dataDir: dir, migrate: false });
    await first.close();
    expect(fs.existsSync(path.join(dir, DATA_DIR_LOCK))).toBe(false);

    // a server killed with SIGKILL leaves its lock behind
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    for (const holder of [
      { pid: Number(dead.stdout), host: os.hostname() },
      { pid: process.ppid, host: 'another-container' },
    ]) {
      fs.writeFileSync(path.join(dir, DATA_DIR_LOCK), JSON.stringify(holder));
      const again = await openDatabase({ dataDir: dir, migrate: false });
      expect(JSON.parse(fs.readFileSync(path.join(dir, DATA_DIR_LOCK), 'utf8')).pid).toBe(process.pid);
      await again.close();
    }

    // a live process on this host holds it: refused, and its lock is left alone
    fs.writeFileSync(path.join(dir, DATA_DIR_LOCK), JSON.stringify({ pid: process.ppid, host: os.hostname() }));
    await expect(openDatabase({ dataDir: dir, migrate: false })).rejects.toThrow(
      `The embedded database in ${dir} is in use by process ${process.ppid}`,
    );
    expect(JSON.parse(fs.readFileSync(path.join(dir, DATA_DIR_LOCK), 'utf8')).pid).toBe(process.ppid);
  });
});
