/**
 * Fills a database with benchmark tenants: one large organisation (default 1,000 learners in 10
 * cohorts on the built-in roadmap) and a few small ones. Deterministic from `seed` (and the `today`
 * anchor); bulk inserts only (one `INSERT … SELECT … FROM jsonb_to_recordset($1)` per table and
 * chunk), each organisation's rows in one transaction with `app.org_id` set, so row-level security
 * applies exactly as it does for the app. Works on PostgreSQL and on PGlite (the same code path).
 */
import { type Database, rowsOf, withScope } from '@masar/server';
import { addDaysToDate, addMonthsToDate, type IsoDate, todayIn } from '@masar/shared';
import { sql } from 'drizzle-orm';
import { createOrg } from '../../server/src/features/org/service';
import { getRoadmap, listRoadmaps } from '../../server/src/features/roadmaps/service';
import { hashPassword } from '../../server/src/lib/passwords';
import { normal, pick, type Rng, rng, sample, uuidFrom } from '../../server/src/seed/builders';

export const BENCH_PASSWORD = 'masar-bench-2026';
/** Every bench user's email ends with this (a re-seed deletes them). */
export const BENCH_EMAIL_DOMAIN = 'bench.masar.test';
/** Every bench organisation's slug starts with this (a re-seed deletes them). */
export const BENCH_SLUG_PREFIX = 'bench-';
export const BIG_ORG_SLUG = 'bench-academy';
const TIME_ZONE = 'Africa/Cairo';
const DAY_MS = 86_400_000;

export interface SeedOptions {
  seed: number;
  /** Learners in the large organisation. */
  learners: number;
  /** Cohorts in the large organisation (learners are split evenly). */
  cohorts: number;
  /** Submissions in the large organisation (about; spread by how long each learner has been in). */
  submissions: number;
  /** Small organisations, each with one cohort of `smallLearners`. */
  smallTenants: number;
  smallLearners: number;
  /** "Today" for the timeline (default: today in Cairo). Same seed + same today = same data. */
  today?: IsoDate | undefined;
  log?: (line: string) => void;
}

export interface SeededOrg {
  slug: string;
  orgId: string;
  admin: string;
  viewer: string;
  cohorts: { id: string; name: string; startDate: IsoDate; learners: number; mentors: string[] }[];
  learner: string;
  counts: Record<string, number>;
}

export interface SeedResult {
  orgs: SeededOrg[];
  password: string;
  today: IsoDate;
  seconds: number;
}

// ---------------------------------------------------------------- names

const FIRST = (
  'Salma Omar Nour Mariam Youssef Habiba Karim Aya Mahmoud Farida Ziad Laila Hassan Rana Mostafa Jana Ali Malak Seif Nada Ahmed Yasmin Khaled Hana Amr ' +
  'Dina Tarek Reem Sherif Menna Adham Noha Hazem Shahd Ibrahim Rahma Marwan Esraa Islam Heba Bassel Lina Mazen Sara Fady Mai Kareem Nourhan Abdallah Asmaa'
).split(' ');
const LAST = (
  'Farouk Khaled Adel Hassan Tarek Mostafa Samir Ibrahim Gamal Sherif Ashraf Mahmoud Nabil Wael Yehia Osama Reda Hesham ' +
  'Amr Fathy El-Sayed Abdelrahman Saleh Fawzy Zaki Hamdy Shawky Ragab Soliman Mansour Badawi Naguib Lotfy Helmy Kamal'
).split(' ');

// ---------------------------------------------------------------- bulk insert

type Col = readonly [name: string, type: string];

/**
 * One multi-row insert per chunk: the rows travel as one JSON parameter and come back as a
 * record set (`jsonb_to_recordset`), which works the same on postgres.js and on PGlite.
 */
async function bulkInsert(
  tx: Database['db'],
  table: string,
  cols: readonly Col[],
  rows: readonly Record<string, unknown>[],
  chunk = 4000,
): Promise<number> {
  const names = cols.map(([n]) => `"${n}"`).join(', ');
  const defs = cols.map(([n, t]) => `"${n}" ${t}`).join(', ');
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(rows.slice(i, i + chunk));
    await tx.execute(
      sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(defs)})`,
    );
  }
  return rows.length;
}

const at = (date: IsoDate, random: Rng, fromHour = 8, span = 12) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + (fromHour + random() * span) * 3_600_000).toISOString();

// ---------------------------------------------------------------- reset

/**
 * Removes earlier bench tenants and users, and the analysis jobs still queued for them (submissions
 * made by `pnpm bench` enqueue one each, which the bench's own server never runs; `--instances`
 * would otherwise work through them first). Reviews and audit events are append-only (triggers):
 * the table owner switches those triggers off for the duration of the delete.
 */
export async function resetBenchData(database: Database): Promise<number> {
  return database.db.transaction(async (tx) => {
    const [found] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from organizations where slug like ${`${BENCH_SLUG_PREFIX}%`}`),
    );
    const n = Number(found?.n ?? 0);
    const users = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from users where email_normalized like ${`%@%${BENCH_EMAIL_DOMAIN}`}`,
      ),
    );
    if (n === 0 && Number(users[0]?.n ?? 0) === 0) return 0;
    const triggers: [string, string][] = [
      ['audit_events', 'audit_events_no_change'],
      ['reviews', 'reviews_no_change'],
      ['review_skill_ratings', 'review_skill_ratings_no_change'],
    ];
    for (const [t, trg] of triggers) await tx.execute(sql.raw(`alter table "${t}" disable trigger "${trg}"`));
    // pg-boss's schema exists once a server (or the bench) has enqueued a job on this database.
    await tx.execute(
      sql.raw(`do $$ begin
        if to_regclass('pgboss.job') is not null then
          delete from pgboss.job where name = 'repo-analysis' and state in ('created', 'retry')
            and data->>'orgId' in (select id::text from organizations where slug like '${BENCH_SLUG_PREFIX.replaceAll("'", "''")}%');
        end if;
      end $$`),
    );
    await tx.execute(sql`delete from organizations where slug like ${`${BENCH_SLUG_PREFIX}%`}`);
    await tx.execute(sql`delete from users where email_normalized like ${`%@%${BENCH_EMAIL_DOMAIN}`}`);
    for (const [t, trg] of triggers) await tx.execute(sql.raw(`alter table "${t}" enable trigger "${trg}"`));
    return n;
  });
}

// ---------------------------------------------------------------- seeding

interface OrgPlan {
  slug: string;
  name: string;
  learners: number;
  cohorts: number;
  submissions: number;
  /** Months ago of the youngest and the oldest cohort's start. */
  ageRange: [number, number];
}

export async function seedBench(database: Database, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const today = opts.today ?? todayIn(TIME_ZONE);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const plans: OrgPlan[] = [
    {
      slug: BIG_ORG_SLUG,
      name: 'Nile Backend Academy (benchmark)',
      learners: opts.learners,
      cohorts: opts.cohorts,
      submissions: opts.submissions,
      ageRange: [2, 20],
    },
  ];
  for (let i = 1; i <= opts.smallTenants; i++) {
    plans.push({
      slug: `${BENCH_SLUG_PREFIX}small-${i}`,
      name: `Small Bootcamp ${i} (benchmark)`,
      learners: opts.smallLearners,
      cohorts: 1,
      submissions: opts.smallLearners * 12,
      ageRange: [4 + 2 * i, 4 + 2 * i],
    });
  }
  const orgs: SeededOrg[] = [];
  for (const [i, plan] of plans.entries()) {
    const t0 = performance.now();
    const org = await seedOrg(database, plan, { seed: opts.seed * 1000 + i, today, passwordHash });
    const c = org.counts;
    log(
      `  ${plan.slug}: ${c.learners} learners in ${org.cohorts.length} cohort(s), ${c.skill_progress} progress rows, ` +
        `${c.submissions} submissions, ${c.submission_revisions} revisions, ${c.reviews} reviews, ` +
        `${c.review_skill_ratings} ratings, ${c.repo_analyses} analyses (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    orgs.push(org);
  }
  // Fresh statistics, so the planner sees the real row counts straight away.
  await database.db.execute(sql`analyze`);
  return { orgs, password: BENCH_PASSWORD, today, seconds: (performance.now() - started) / 1000 };
}

async function seedOrg(
  database: Database,
  plan: OrgPlan,
  ctx: { seed: number; today: IsoDate; passwordHash: string },
): Promise<SeededOrg> {
  const random = rng(ctx.seed);
  const id = () => uuidFrom(random);
  const domain = `${plan.slug.slice(BENCH_SLUG_PREFIX.length)}.${BENCH_EMAIL_DOMAIN}`;
  const createdAt = new Date(Date.parse(`${addMonthsToDate(ctx.today, -(plan.ageRange[1] + 1))}T09:00:00Z`));
  type U = { id: string; email: string; name: string; github: string | null };
  const person = (local: string, name: string, github: string | null = null): U => ({
    id: id(),
    email: `${local}@${domain}`,
    name,
    github,
  });
  const admin = person('admin', `${plan.name.split(' (')[0]} Admin`);
  const viewer = person('manager', 'Company Manager');
  const mentors = Array.from({ length: plan.cohorts * 2 }, (_, i) =>
    person(`mentor${String(i + 1).padStart(2, '0')}`, `${pick(random, FIRST)} ${pick(random, LAST)} (mentor)`),
  );
  const learners = Array.from({ length: plan.learners }, (_, i) => {
    const local = `learner${String(i + 1).padStart(4, '0')}`;
    return person(local, `${pick(random, FIRST)} ${pick(random, LAST)}`, `${plan.slug}-${local}`);
  });
  const allUsers = [admin, viewer, ...mentors, ...learners];
  await bulkInsert(
    database.db,
    'users',
    [
      ['id', 'uuid'],
      ['email', 'text'],
      ['email_normalized', 'text'],
      ['name', 'text'],
      ['password_hash', 'text'],
      ['github_login', 'text'],
      ['created_at', 'timestamptz'],
    ],
    allUsers.map((u) => ({
      id: u.id,
      email: u.email,
      email_normalized: u.email,
      name: u.name,
      password_hash: ctx.passwordHash,
      github_login: u.github,
      created_at: createdAt.toISOString(),
    })),
  );

  // The organisation through the server's own service: its copy of the built-in roadmap included.
  const org = await createOrg(database, admin.id, {
    name: plan.name,
    slug: plan.slug,
    kind: 'bootcamp',
    timeZone: TIME_ZONE,
  });
  const orgId = org.id;
  const tenant = { orgId, userId: admin.id };

  return withScope(database, tenant, async (tx) => {
    const [roadmapRow] = await listRoadmaps(tx, tenant);
    const roadmap = await getRoadmap(tx, tenant, { roadmapId: roadmapRow!.id });
    const skills = [...roadmap.skills].sort((a, b) => a.endMonth - b.endMonth || a.position - b.position);
    const briefs = roadmap.briefs;
    const skillByKey = new Map(skills.map((s) => [s.key, s]));
    const counts: Record<string, number> = { learners: learners.length };

    // Memberships
    counts.memberships = await bulkInsert(
      tx,
      'memberships',
      [
        ['org_id', 'uuid'],
        ['user_id', 'uuid'],
        ['role', 'member_role'],
        ['created_at', 'timestamptz'],
      ],
      [
        { user_id: viewer.id, role: 'viewer' },
        ...mentors.map((m) => ({ user_id: m.id, role: 'mentor' })),
        ...learners.map((l) => ({ user_id: l.id, role: 'learner' })),
      ].map((r) => ({ ...r, org_id: orgId, created_at: createdAt.toISOString() })),
    );

    // Cohorts, spread over the timeline (the youngest started ageRange[0] months ago)
    const [young, old] = plan.ageRange;
    const cohorts = Array.from({ length: plan.cohorts }, (_, k) => {
      const monthsAgo =
        plan.cohorts === 1 ? Math.round((young + old) / 2) : Math.round(old - ((old - young) * k) / (plan.cohorts - 1));
      const startDate = addMonthsToDate(ctx.today, -monthsAgo);
      const size = Math.floor(plan.learners / plan.cohorts) + (k < plan.learners % plan.cohorts ? 1 : 0);
      return {
        id: id(),
        name: `${plan.cohorts === 1 ? 'Cohort' : `Cohort ${String(k + 1).padStart(2, '0')}`} — ${startDate.slice(0, 7)}`,
        startDate,
        size,
        mentors: [mentors[2 * k]!, mentors[2 * k + 1]!],
      };
    });
    await bulkInsert(
      tx,
      'cohorts',
      [
        ['org_id', 'uuid'],
        ['id', 'uuid'],
        ['roadmap_id', 'uuid'],
        ['name', 'text'],
        ['start_date', 'date'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
      ],
      cohorts.map((c) => ({
        org_id: orgId,
        id: c.id,
        roadmap_id: roadmap.roadmap.id,
        name: c.name,
        start_date: c.startDate,
        created_by: admin.id,
        created_at: `${addDaysToDate(c.startDate, -14)}T09:00:00Z`,
      })),
    );

    // Learners → cohorts; a few hires start a month later than their cohort
    type L = U & { cohort: (typeof cohorts)[number]; start: IsoDate; pace: number; elapsedDays: number };
    const placed: L[] = [];
    let next = 0;
    for (const c of cohorts) {
      for (let j = 0; j < c.size; j++) {
        const u = learners[next++]!;
        const late = random() < 0.05;
        const start = late ? addMonthsToDate(c.startDate, 1) : c.startDate;
        const pace = Math.min(2.4, Math.max(0.35, Math.exp(0.38 * normal(random))));
        const elapsedDays = Math.max(0, (Date.parse(ctx.today) - Date.parse(start)) / DAY_MS);
        placed.push({ ...u, cohort: c, start, pace, elapsedDays });
      }
    }
    const lateStart = new Map(placed.filter((l) => l.start !== l.cohort.startDate).map((l) => [l.id, l.start]));
    counts.cohort_members = await bulkInsert(
      tx,
      'cohort_members',
      [
        ['org_id', 'uuid'],
        ['cohort_id', 'uuid'],
        ['user_id', 'uuid'],
        ['role', 'cohort_role'],
        ['personal_start_date', 'date'],
        ['created_at', 'timestamptz'],
      ],
      [
        ...cohorts.flatMap((c) => c.mentors.map((m) => ({ cohort_id: c.id, user_id: m.id, role: 'mentor' }))),
        ...placed.map((l) => ({
          cohort_id: l.cohort.id,
          user_id: l.id,
          role: 'learner',
          personal_start_date: lateStart.get(l.id) ?? null,
        })),
      ].map((r) => ({ ...r, org_id: orgId, created_at: createdAt.toISOString() })),
    );

    // Stage assignments: each stage whose window has begun, for the whole cohort (due relative to
    // each learner's start), plus an early "tests and containers" assignment for some learners.
    const assignments: Record<string, unknown>[] = [];
    for (const c of cohorts) {
      const months = (Date.parse(ctx.today) - Date.parse(c.startDate)) / (30.44 * DAY_MS);
      for (const stage of roadmap.stages) {
        if (stage.startMonth > months + 1) continue;
        assignments.push({
          id: id(),
          cohort_id: c.id,
          stage_id: stage.id,
          skill_ids: skills.filter((s) => s.stageId === stage.id).map((s) => s.skillId),
          learner_ids: [],
          due_date: addMonthsToDate(c.startDate, stage.endMonth),
          due_offset_months: stage.endMonth,
          note: `${stage.title}: due ${stage.endMonth} months after your start.`,
          created_by: c.mentors[0]!.id,
          created_at: `${c.startDate}T09:00:00Z`,
        });
      }
      const members = placed.filter((l) => l.cohort === c);
      assignments.push({
        id: id(),
        cohort_id: c.id,
        stage_id: null,
        skill_ids: ['testing', 'docker'].map((k) => skillByKey.get(k)!.skillId),
        learner_ids: sample(random, members, Math.ceil(members.length / 5)).map((l) => l.id),
        due_date: addMonthsToDate(c.startDate, 8),
        due_offset_months: null,
        note: 'Early start on tests and containers.',
        created_by: c.mentors[1]!.id,
        created_at: `${addMonthsToDate(c.startDate, 1)}T09:00:00Z`,
      });
    }
    counts.stage_assignments = await bulkInsert(
      tx,
      'stage_assignments',
      [
        ['org_id', 'uuid'],
        ['id', 'uuid'],
        ['cohort_id', 'uuid'],
        ['stage_id', 'uuid'],
        ['skill_ids', 'uuid[]'],
        ['learner_ids', 'uuid[]'],
        ['due_date', 'date'],
        ['due_offset_months', 'int'],
        ['note', 'text'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
      ],
      assignments.map((a) => ({ ...a, org_id: orgId })),
    );

    // Skill progress: each learner works through the roadmap in order at their own pace; a skill is
    // verified (or only evidenced) at a point inside its window, stretched by the pace.
    const progress: Record<string, unknown>[] = [];
    for (const l of placed) {
      const monthsIn = l.elapsedDays / 30.44;
      for (const s of skills) {
        const month = (s.startMonth + (s.endMonth - s.startMonth) * (0.3 + random() * 0.6)) / l.pace;
        const dayNo = Math.round(month * 30.44);
        if (dayNo <= l.elapsedDays) {
          const evidenced = at(addDaysToDate(l.start, dayNo), random);
          const evidencedOnly = random() < 0.1;
          const verifiedDay = Math.min(l.elapsedDays, dayNo + Math.floor(random() * 10));
          const verified = evidencedOnly ? null : at(addDaysToDate(l.start, verifiedDay), random);
          progress.push({
            learner_id: l.id,
            skill_id: s.skillId,
            status: evidencedOnly ? 'evidenced' : 'verified',
            learning_at: at(addDaysToDate(l.start, Math.max(0, dayNo - 20)), random),
            evidenced_at: evidenced,
            verified_at: verified,
            self_marked: false,
            updated_at: verified ?? evidenced,
          });
        } else if (s.startMonth <= monthsIn && random() < 0.5) {
          const learning = at(addDaysToDate(l.start, Math.floor(l.elapsedDays - random() * 30)), random);
          progress.push({
            learner_id: l.id,
            skill_id: s.skillId,
            status: 'learning',
            learning_at: learning,
            evidenced_at: null,
            verified_at: null,
            self_marked: true,
            updated_at: learning,
          });
        }
      }
    }
    counts.skill_progress = await bulkInsert(
      tx,
      'skill_progress',
      [
        ['org_id', 'uuid'],
        ['learner_id', 'uuid'],
        ['skill_id', 'uuid'],
        ['status', 'progress_status'],
        ['learning_at', 'timestamptz'],
        ['evidenced_at', 'timestamptz'],
        ['verified_at', 'timestamptz'],
        ['self_marked', 'boolean'],
        ['updated_at', 'timestamptz'],
      ],
      progress.map((p) => ({ ...p, org_id: orgId })),
    );

    // Submissions, revisions, reviews with ratings, analyses
    const subs: Record<string, unknown>[] = [];
    const revs: Record<string, unknown>[] = [];
    const revRows: Record<string, unknown>[] = [];
    const ratings: Record<string, unknown>[] = [];
    const analyses: Record<string, unknown>[] = [];
    const totalElapsed = placed.reduce((n, l) => n + Math.max(0, l.elapsedDays - 7), 0) || 1;
    const nowMs = Date.parse(`${ctx.today}T12:00:00Z`);
    for (const l of placed) {
      const n = Math.round((plan.submissions * Math.max(0, l.elapsedDays - 7)) / totalElapsed + (random() - 0.5));
      const reviewers = l.cohort.mentors;
      const startMs = Date.parse(`${l.start}T09:00:00Z`) + 7 * DAY_MS;
      for (let j = 0; j < n; j++) {
        const subId = id();
        // the latest revision's time: spread over the learner's time so far
        const lastMs = Math.min(nowMs - 3_600_000, startMs + random() * Math.max(DAY_MS, nowMs - startMs));
        const ageDays = (nowMs - lastMs) / DAY_MS;
        const reached = skills.filter((s) => s.startMonth * 30.44 <= (lastMs - startMs) / DAY_MS + 30);
        const brief = j < briefs.length && random() < 0.6 ? briefs[j]! : null;
        const claimed = brief
          ? brief.skillIds
          : sample(random, reached.length ? reached : skills.slice(0, 5), 1 + Math.floor(random() * 4)).map(
              (s) => s.skillId,
            );
        const nRev = 1 + (random() < 0.45 ? 1 : 0) + (random() < 0.2 ? 1 : 0) + (random() < 0.05 ? 1 : 0);
        const r = random();
        const status =
          ageDays < 10
            ? r < 0.6
              ? 'submitted'
              : r < 0.82
                ? 'in_review'
                : r < 0.95
                  ? 'changes_requested'
                  : 'withdrawn'
            : ageDays < 30
              ? r < 0.45
                ? 'approved'
                : r < 0.7
                  ? 'changes_requested'
                  : r < 0.85
                    ? 'submitted'
                    : r < 0.95
                      ? 'in_review'
                      : 'withdrawn'
              : r < 0.76
                ? 'approved'
                : r < 0.93
                  ? 'changes_requested'
                  : r < 0.98
                    ? 'withdrawn'
                    : r < 0.995
                      ? 'submitted'
                      : 'in_review';
        // revision times, newest last; each earlier revision got a "changes requested" review
        const revTimes: number[] = [lastMs];
        for (let k = 1; k < nRev; k++) revTimes.unshift(Math.max(startMs, revTimes[0]! - (3 + random() * 12) * DAY_MS));
        const repo = `${brief ? brief.key : pick(random, ['api', 'service', 'backend', 'app', 'project'])}-${j + 1}`;
        const owner = l.github!;
        subs.push({
          id: subId,
          learner_id: l.id,
          cohort_id: l.cohort.id,
          brief_id: brief?.id ?? null,
          repo_owner: owner,
          repo_name: repo,
          dedupe_key: `${owner}/${repo}#${brief?.id ?? ''}`.toLowerCase(),
          title: brief ? brief.title : `Portfolio project ${j + 1}`,
          status,
          current_revision: nRev,
          version: 2 * nRev - 1 + (status === 'submitted' ? 0 : 1),
          approved_sha: status === 'approved' ? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' : null,
          changed_since_approval: status === 'approved' && random() < 0.02,
          submitted_at: new Date(lastMs).toISOString(),
          created_at: new Date(revTimes[0]!).toISOString(),
          updated_at: new Date(lastMs).toISOString(),
        });
        const addReview = (revision: number, decision: 'approved' | 'changes_requested', when: number) => {
          const reviewId = id();
          revRows.push({
            id: reviewId,
            submission_id: subId,
            revision,
            reviewer_id: pick(random, reviewers).id,
            decision,
            comment:
              decision === 'approved'
                ? 'Clean structure and good tests. Approved — well done!'
                : 'Good start. Please add integration tests for the main flow and a Dockerfile.',
            created_at: new Date(Math.min(nowMs - 60_000, when)).toISOString(),
          });
          for (const skillId of claimed) {
            const x = random();
            ratings.push({
              review_id: reviewId,
              skill_id: skillId,
              rating:
                decision === 'approved' ? (x < 0.8 ? 'demonstrated' : 'partial') : x < 0.5 ? 'partial' : 'not_shown',
            });
          }
        };
        for (let k = 1; k <= nRev; k++) {
          revs.push({
            submission_id: subId,
            revision: k,
            title: brief ? brief.title : `Portfolio project ${j + 1}`,
            note: k === 1 ? 'First version, feedback welcome.' : 'Addressed the review: tests and a Dockerfile.',
            claimed_skill_ids: claimed,
            created_at: new Date(revTimes[k - 1]!).toISOString(),
          });
          if (k < nRev) addReview(k, 'changes_requested', (revTimes[k - 1]! + revTimes[k]!) / 2);
        }
        if (status === 'approved' || status === 'changes_requested') {
          addReview(nRev, status, lastMs + Math.min((2 + random() * 70) * 3_600_000, (nowMs - lastMs) * 0.8));
        }
        const done = status !== 'submitted' || random() < 0.7;
        analyses.push({
          submission_id: subId,
          // the rest were not analysed: GitHub failed for them (a 'queued' analysis with no pg-boss job
          // would be a crash between commit and enqueue, which every server start re-queues)
          status: done ? 'done' : 'failed',
          reason: done ? null : 'http_502',
          head_sha: done ? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' : null,
          etag: done ? 'W/"bench"' : null,
          api_calls: done ? 6 : 0,
          attempts: done ? 1 : 0,
          analysed_at: done ? new Date(lastMs + 120_000).toISOString() : null,
          result: done
            ? {
                repo: { fullName: `${owner}/${repo}`, defaultBranch: 'main', license: 'MIT', stars: j % 7 },
                languages: { TypeScript: 52_000 + j * 100, Dockerfile: 400 },
                primaryLanguage: 'TypeScript',
                track: 'node',
                tree: { fileCount: 40 + (j % 60), truncated: false },
                signals: [{ key: 'tests', skillKeys: ['testing'], evidence: 'tests/ (+6 more)' }],
                suggestedSkills: ['testing'],
                notes: ['bench data'],
              }
            : null,
          created_at: new Date(revTimes[0]!).toISOString(),
          updated_at: new Date(lastMs).toISOString(),
        });
      }
    }
    const withOrg = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, org_id: orgId }));
    counts.submissions = await bulkInsert(
      tx,
      'submissions',
      [
        ['org_id', 'uuid'],
        ['id', 'uuid'],
        ['learner_id', 'uuid'],
        ['cohort_id', 'uuid'],
        ['brief_id', 'uuid'],
        ['repo_owner', 'text'],
        ['repo_name', 'text'],
        ['dedupe_key', 'text'],
        ['title', 'text'],
        ['status', 'submission_status'],
        ['current_revision', 'int'],
        ['version', 'int'],
        ['approved_sha', 'text'],
        ['changed_since_approval', 'boolean'],
        ['submitted_at', 'timestamptz'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      withOrg(subs),
    );
    counts.submission_revisions = await bulkInsert(
      tx,
      'submission_revisions',
      [
        ['org_id', 'uuid'],
        ['submission_id', 'uuid'],
        ['revision', 'int'],
        ['title', 'text'],
        ['note', 'text'],
        ['claimed_skill_ids', 'uuid[]'],
        ['created_at', 'timestamptz'],
      ],
      withOrg(revs),
    );
    counts.reviews = await bulkInsert(
      tx,
      'reviews',
      [
        ['org_id', 'uuid'],
        ['id', 'uuid'],
        ['submission_id', 'uuid'],
        ['revision', 'int'],
        ['reviewer_id', 'uuid'],
        ['decision', 'review_decision'],
        ['comment', 'text'],
        ['created_at', 'timestamptz'],
      ],
      withOrg(revRows),
    );
    counts.review_skill_ratings = await bulkInsert(
      tx,
      'review_skill_ratings',
      [
        ['org_id', 'uuid'],
        ['review_id', 'uuid'],
        ['skill_id', 'uuid'],
        ['rating', 'skill_rating'],
      ],
      withOrg(ratings),
      8000,
    );
    counts.repo_analyses = await bulkInsert(
      tx,
      'repo_analyses',
      [
        ['org_id', 'uuid'],
        ['submission_id', 'uuid'],
        ['status', 'analysis_status'],
        ['reason', 'text'],
        ['head_sha', 'text'],
        ['etag', 'text'],
        ['api_calls', 'int'],
        ['attempts', 'int'],
        ['analysed_at', 'timestamptz'],
        ['result', 'jsonb'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      withOrg(analyses),
      2000,
    );
    counts.waiting = subs.filter((s) => s.status === 'submitted' || s.status === 'in_review').length;
    return {
      slug: plan.slug,
      orgId,
      admin: admin.email,
      viewer: viewer.email,
      learner: placed[0]!.email,
      cohorts: cohorts.map((c) => ({
        id: c.id,
        name: c.name,
        startDate: c.startDate,
        learners: c.size,
        mentors: c.mentors.map((m) => m.email),
      })),
      counts,
    };
  });
}
