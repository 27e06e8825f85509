import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { feedbackSnippets, TENANT_TABLES } from '@masar/drizzle';
import { type Context, rowsOf, withScope } from '@masar/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMigrationsFolder } from '../../server/src/db';
import { foreignKeyViolation } from '../../server/src/errors';
import { validateSessionToken } from '../../server/src/lib/sessions';
import { createCallerFactory, orgProcedure, router } from '../../server/src/trpc';
import { type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { addMember, createOrg, createUser, type TestUser } from '../helpers/factories';
import { adminClient, TEST_DATABASE_URL, urlForDatabase } from '../helpers/pg';
import { type SeededRows, seedEveryTenantTable } from '../helpers/tenant-rows';

/**
 * Decision 018: tenant-composite foreign keys `(org_id, x_id) → (org_id, id)`. The database refuses
 * a reference to a missing row or to another organisation's row; such a refusal reaching a
 * procedure is a clean NOT_FOUND; deleting an organisation still cascades; migration 0012 stops
 * with the table named when old data has orphans.
 */
let database: TestDatabase;
let deps: TestDeps;
let owner: TestUser;
let mentor: TestUser;
let orgA: { id: string; slug: string };
let orgB: { id: string; slug: string };
let rowsA: SeededRows;
let rowsB: SeededRows;
/** Ids of org B's seeded skill, cohort and submission. */
const b = { skill: '', cohort: '', submission: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database);
  owner = await createUser(deps);
  const other = await createUser(deps);
  const a = await createOrg(owner);
  const bOrg = await createOrg(other);
  orgA = { id: (await owner.caller.org.get({ orgSlug: a.slug })).id, slug: a.slug };
  orgB = { id: (await other.caller.org.get({ orgSlug: bOrg.slug })).id, slug: bOrg.slug };
  mentor = await addMember(deps, owner, orgA.slug, 'mentor');
  rowsA = await seedEveryTenantTable(database, orgA.id, owner.user.id);
  rowsB = await seedEveryTenantTable(database, orgB.id, other.user.id);
  const one = async (table: string, col: string) =>
    rowsOf<{ v: string }>(
      await withScope(database, { orgId: orgB.id }, (tx) =>
        tx.execute(sql.raw(`select ${col}::text as v from "${table}" where ${rowsB[table]}`)),
      ),
    )[0]!.v;
  b.skill = await one('skills', 'id');
  b.cohort = await one('cohorts', 'id');
  b.submission = await one('submissions', 'id');
});
afterAll(async () => {
  await database?.destroy();
});

/** The error a statement fails with (the driver's own, with drizzle's wrapper around it). */
async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('the statement should have been refused');
    },
    (e: unknown) => e,
  );
}

function sqlState(err: unknown): string | undefined {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

describe('tenant-composite foreign keys', () => {
  it('every foreign key between two tenant tables carries org_id first on both sides', async () => {
    const fks = rowsOf<{ name: string; child: string; parent: string; cols: string[]; refcols: string[] }>(
      await database.db.execute(sql`
        select con.conname as name, ch.relname as child, pa.relname as parent,
          array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as cols,
          array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as refcols
        from pg_constraint con
        join pg_class ch on ch.oid = con.conrelid
        join pg_class pa on pa.oid = con.confrelid
        where con.contype = 'f' and ch.relname = any(${sql.raw(`array[${TENANT_TABLES.map((t) => `'${t}'`).join(',')}]`)})`),
    );
    const tenant = new Set<string>(TENANT_TABLES);
    const between = fks.filter((f) => tenant.has(f.parent));
    for (const f of between) {
      expect(f.cols[0], f.name).toBe('org_id');
      expect(f.refcols[0], f.name).toBe('org_id');
      expect(f.cols.length, f.name).toBe(f.refcols.length);
    }
    // every other foreign key of a tenant table points at a global table
    expect([...new Set(fks.filter((f) => !tenant.has(f.parent)).map((f) => f.parent))].sort()).toEqual([
      'organizations',
      'users',
    ]);
    expect(between.map((f) => `${f.child} → ${f.parent}`).sort()).toEqual(
      [
        'cohort_members → cohorts',
        'cohorts → roadmaps',
        'feedback_snippets → skills',
        'invitations → cohorts',
        'notifications → submissions',
        'project_briefs → roadmaps',
        'repo_analyses → submissions',
        'resources → roadmaps',
        'review_skill_ratings → reviews',
        'review_skill_ratings → skills',
        'reviews → submission_revisions',
        'roadmap_skills → roadmap_stages',
        'roadmap_skills → roadmaps',
        'roadmap_skills → skills',
        'roadmap_stages → roadmaps',
        'skill_progress → skills',
        'stage_assignments → cohorts',
        'stage_assignments → roadmap_stages',
        'submission_revisions → submissions',
        'submissions → cohorts',
        'submissions → project_briefs',
      ].sort(),
    );
  });

  it("the database refuses a row of org A that points at org B's row or at nothing", async () => {
    const inA = (statement: string) => withScope(database, { orgId: orgA.id }, (tx) => tx.execute(sql.raw(statement)));
    const refused = [
      `insert into feedback_snippets (org_id, owner_id, skill_id, title, body) values ('${orgA.id}', '${owner.user.id}', '${b.skill}', 't', 'b')`,
      `insert into feedback_snippets (org_id, owner_id, skill_id, title, body) values ('${orgA.id}', '${owner.user.id}', '${randomUUID()}', 't', 'b')`,
      `insert into cohort_members (org_id, cohort_id, user_id, role) values ('${orgA.id}', '${b.cohort}', '${owner.user.id}', 'learner')`,
      `insert into repo_analyses (org_id, submission_id) values ('${orgA.id}', '${b.submission}')`,
      `insert into skill_progress (org_id, learner_id, skill_id, status) values ('${orgA.id}', '${owner.user.id}', '${b.skill}', 'learning')`,
      // an existing row of A re-pointed at B's parent
      `update submissions set cohort_id = '${b.cohort}' where ${rowsA.submissions}`,
    ];
    for (const statement of refused) {
      const err = await failure(inA(statement));
      expect(sqlState(err), statement).toBe('23503');
      // the driver's error, whichever driver this is, reads as a clean NOT_FOUND
      expect(foreignKeyViolation(err), statement).toMatchObject({ code: 'NOT_FOUND', userMessage: 'errors.notFound' });
    }
    // deleting a row that is still referenced is refused too, and reads as CONFLICT
    const err = await failure(inA(`delete from skills where ${rowsA.skills}`));
    expect(sqlState(err)).toBe('23503');
    expect(foreignKeyViolation(err)).toMatchObject({ code: 'CONFLICT', userMessage: 'errors.stillReferenced' });
    expect(foreignKeyViolation(new Error('x'))).toBeNull();
  });

  it('submission.saveSnippet refuses a skill of another organisation, or an unknown one, with NOT_FOUND', async () => {
    const s = orgA.slug;
    for (const skillId of [b.skill, randomUUID()]) {
      await expectTrpcError(
        mentor.caller.submissions.saveSnippet({ orgSlug: s, title: 'Forged', body: 'x', skillId }),
        'NOT_FOUND',
        'errors.notFound',
      );
    }
    const [skill] = rowsOf<{ id: string }>(
      await withScope(database, { orgId: orgA.id }, (tx) =>
        tx.execute(sql.raw(`select id::text as id from skills where ${rowsA.skills}`)),
      ),
    );
    const kept = await mentor.caller.submissions.saveSnippet({
      orgSlug: s,
      title: 'Tests',
      body: 'b',
      skillId: skill!.id,
    });
    await expectTrpcError(
      mentor.caller.submissions.saveSnippet({ orgSlug: s, id: kept.id, title: 'Moved', body: 'b', skillId: b.skill }),
      'NOT_FOUND',
      'errors.notFound',
    );
    const mine = await mentor.caller.submissions.snippets({ orgSlug: s });
    expect(mine.map((x) => [x.title, x.skillId])).toEqual([['Tests', skill!.id]]);
  });

  it('a write the database refuses reaches the caller as NOT_FOUND, never a 500', async () => {
    // A procedure built like every org procedure, whose service "forgot" its check.
    const forgetful = router({
      forge: orgProcedure('submissions.review').mutation(({ ctx }) =>
        ctx.db
          .insert(feedbackSnippets)
          .values({ orgId: ctx.tenant.orgId, ownerId: ctx.tenant.userId, skillId: b.skill, title: 't', body: 'b' })
          .returning(),
      ),
    });
    const caller = createCallerFactory(forgetful)(async (): Promise<Context> => {
      const found = await validateSessionToken(database.db, mentor.jar.token!, {
        days: deps.config.sessionDays,
        now: new Date(),
      });
      return {
        deps,
        auth: found ? { user: found.user, session: found.session } : null,
        http: {
          requestId: randomUUID(),
          ip: '10.9.9.9',
          userAgent: 'vitest',
          setSessionCookie() {},
          clearSessionCookie() {},
        },
      };
    });
    const e = await expectTrpcError(caller.forge({ orgSlug: orgA.slug }), 'NOT_FOUND', 'errors.notFound');
    expect(getHTTPStatusCodeFromError(e)).toBe(404);
  });

  it("deleting an organisation still cascades through every tenant table; the other org's rows stay", async () => {
    const owner3 = await createUser(deps);
    const org = await createOrg(owner3);
    const orgId = (await owner3.caller.org.get({ orgSlug: org.slug })).id;
    const rows = await seedEveryTenantTable(database, orgId, owner3.user.id);
    const triggers: [string, string][] = [
      ['audit_events', 'audit_events_no_change'],
      ['reviews', 'reviews_no_change'],
      ['review_skill_ratings', 'review_skill_ratings_no_change'],
    ];
    // as bench/lib/seed/reset.ts's resetBenchData does: the owner switches the append-only triggers off
    await database.db.transaction(async (tx) => {
      for (const [t, trg] of triggers) await tx.execute(sql.raw(`alter table "${t}" disable trigger "${trg}"`));
      await tx.execute(sql`delete from organizations where id = ${orgId}`);
      for (const [t, trg] of triggers) await tx.execute(sql.raw(`alter table "${t}" enable trigger "${trg}"`));
    });
    for (const table of TENANT_TABLES) {
      const left = await withScope(database, { orgId }, async (tx) =>
        rowsOf(await tx.execute(sql.raw(`select 1 from "${table}" where ${rows[table]}`))),
      );
      expect(left, table).toEqual([]);
      const other = await withScope(database, { orgId: orgB.id }, async (tx) =>
        rowsOf(await tx.execute(sql.raw(`select 1 from "${table}" where ${rowsB[table]}`))),
      );
      expect(other, table).toHaveLength(1);
    }
  });
});

// ---------------------------------------------------------------- migration 0012's orphan check

/** drizzle/migrations without migration `idx` and anything after it: the schema as it was before. */
function migrationsBefore(idx: number): string {
  const from = findMigrationsFolder();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `masar-before-${idx}-`));
  fs.cpSync(from, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] };
  for (const e of journal.entries.filter((x) => x.idx >= idx)) fs.rmSync(path.join(dir, `${e.tag}.sql`));
  journal.entries = journal.entries.filter((x) => x.idx < idx);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}
const migrationsBefore0012 = () => migrationsBefore(12);

interface Scratch {
  /** Runs statements in one transaction with app.org_id set (RLS binds the PostgreSQL test role). */
  exec(orgId: string | null, statements: string[]): Promise<unknown[][]>;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

async function scratchDatabase(): Promise<Scratch> {
  if (!TEST_DATABASE_URL) {
    const pg = await PGlite.create('memory://');
    return {
      async exec(orgId, statements) {
        return pg.transaction(async (tx) => {
          if (orgId) await tx.query(`select set_config('app.org_id', $1, true)`, [orgId]);
          const out: unknown[][] = [];
          for (const s of statements) out.push((await tx.query(s)).rows);
          return out;
        });
      },
      migrate: (folder) => migratePglite(drizzlePglite(pg), { migrationsFolder: folder }),
      close: () => pg.close(),
    };
  }
  const name = `fk_scratch_${randomBytes(5).toString('hex')}`;
  const admin = adminClient();
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const client = postgres(urlForDatabase(name), { max: 1, onnotice: () => {} });
  return {
    async exec(orgId, statements) {
      return client.begin(async (tx) => {
        if (orgId) await tx.unsafe(`select set_config('app.org_id', '${orgId}', true)`);
        const out: unknown[][] = [];
        for (const s of statements) out.push([...(await tx.unsafe(s))]);
        return out;
      }) as Promise<unknown[][]>;
    },
    migrate: (folder) => migratePostgres(drizzlePostgres(client), { migrationsFolder: folder }),
    async close() {
      await client.end({ timeout: 1 });
      const a = adminClient();
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

describe('migration 0012 on data with orphans', () => {
  it('stops before any ALTER, naming the table and constraint; applies once the orphan is gone', async () => {
    const db = await scratchDatabase();
    const before = migrationsBefore0012();
    try {
      await db.migrate(before);
      const org = randomUUID();
      const roadmap = randomUUID();
      const user = randomUUID();
      await db.exec(null, [
        `insert into organizations (id, slug, name, kind) values ('${org}', 'orphans', 'Orphans', 'bootcamp')`,
        `insert into users (id, email, email_normalized, name, password_hash) values ('${user}', 'o@example.test', 'o@example.test', 'O', 'x')`,
      ]);
      await db.exec(org, [
        `insert into roadmaps (org_id, id, title) values ('${org}', '${roadmap}', 'R')`,
        `insert into cohorts (org_id, id, roadmap_id, name, start_date) values ('${org}', '${randomUUID()}', '${roadmap}', 'fine', '2026-09-01')`,
        // a member of a cohort that does not exist
        `insert into cohort_members (org_id, cohort_id, user_id, role) values ('${org}', '${randomUUID()}', '${user}', 'learner')`,
      ]);
      const err = await db.migrate(findMigrationsFolder()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, 'the migration should have failed').not.toBeNull();
      const text = `${(err as Error).message} ${String((err as { cause?: Error }).cause?.message ?? '')}`;
      expect(text).toMatch(
        /1 row\(s\) of table "cohort_members" in organisation .* reference a missing row of "cohorts"/,
      );
      expect(text).toContain('cohort_members_cohort_fk');
      // nothing of 0012 was applied: no tenant foreign key, still twelve migrations recorded
      const [[fkCount], [applied]] = (await db.exec(null, [
        `select count(*)::int as n from pg_constraint where conname in ('cohort_members_cohort_fk', 'cohorts_roadmap_fk', 'submissions_brief_fk')`,
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      ])) as [[{ n: number }], [{ n: number }]];
      expect(Number(fkCount.n)).toBe(0);
      expect(Number(applied.n)).toBe(12);

      await db.exec(org, [`delete from cohort_members where org_id = '${org}'`]);
      await db.migrate(findMigrationsFolder());
      const [[after]] = (await db.exec(null, [
        `select count(*)::int as n from pg_constraint where contype = 'f' and conname = 'cohort_members_cohort_fk'`,
      ])) as [[{ n: number }]];
      expect(Number(after.n)).toBe(1);
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
      await db.close();
    }
  });
});

describe('migration 0013 brings existing data under decision 021', () => {
  it('ends cohort mentorships of roles that may not mentor, and the cohort rows, links and waiting work of non-members', async () => {
    const db = await scratchDatabase();
    try {
      await db.migrate(migrationsBefore(13));
      const org = randomUUID();
      const roadmap = randomUUID();
      const cohort = randomUUID();
      const [mentor, demoted, gone, learner] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const [waiting, approved, mine] = [randomUUID(), randomUUID(), randomUUID()];
      await db.exec(null, [
        `insert into organizations (id, slug, name, kind) values ('${org}', 'cleanup', 'Cleanup', 'bootcamp')`,
        ...[mentor, demoted, gone, learner].map(
          (u, i) =>
            `insert into users (id, email, email_normalized, name, password_hash) values ('${u}', 'u${i}@example.test', 'u${i}@example.test', 'U${i}', 'x')`,
        ),
      ]);
      const sub = (id: string, who: string, status: string) =>
        `insert into submissions (org_id, id, learner_id, cohort_id, repo_owner, repo_name, dedupe_key, title, status, submitted_at)
           values ('${org}', '${id}', '${who}', '${cohort}', 'o', '${id.slice(0, 8)}', '${id}', 'T', '${status}', now())`;
      await db.exec(org, [
        `insert into memberships (org_id, user_id, role) values ('${org}', '${mentor}', 'mentor'), ('${org}', '${demoted}', 'learner'), ('${org}', '${learner}', 'learner')`,
        `insert into roadmaps (org_id, id, title) values ('${org}', '${roadmap}', 'R')`,
        `insert into cohorts (org_id, id, roadmap_id, name, start_date) values ('${org}', '${cohort}', '${roadmap}', 'C', '2026-09-01')`,
        `insert into cohort_members (org_id, cohort_id, user_id, role) values
           ('${org}', '${cohort}', '${mentor}', 'mentor'), ('${org}', '${cohort}', '${demoted}', 'mentor'),
           ('${org}', '${cohort}', '${gone}', 'learner'), ('${org}', '${cohort}', '${learner}', 'learner')`,
        `insert into portfolio_links (org_id, learner_id, token_hash) values ('${org}', '${gone}', 'h-gone'), ('${org}', '${learner}', 'h-mine')`,
        sub(waiting, gone, 'submitted'),
        sub(approved, gone, 'approved'),
        sub(mine, learner, 'submitted'),
      ]);
      await db.migrate(findMigrationsFolder());
      const [members, links, subs] = (await db.exec(org, [
        `select user_id::text, role::text from cohort_members where org_id = '${org}' order by role, user_id`,
        `select token_hash, revoked_at is not null as revoked from portfolio_links where org_id = '${org}' order by token_hash`,
        `select id::text, status::text from submissions where org_id = '${org}'`,
      ])) as [
        { user_id: string; role: string }[],
        { token_hash: string; revoked: boolean }[],
        { id: string; status: string }[],
      ];
      expect(members).toEqual([
        { user_id: learner, role: 'learner' },
        { user_id: mentor, role: 'mentor' },
      ]);
      expect(links).toEqual([
        { token_hash: 'h-gone', revoked: true },
        { token_hash: 'h-mine', revoked: false },
      ]);
      const status = Object.fromEntries(subs.map((r) => [r.id, r.status]));
      expect(status).toEqual({ [waiting]: 'withdrawn', [approved]: 'approved', [mine]: 'submitted' });
    } finally {
      await db.close();
    }
  });
});
