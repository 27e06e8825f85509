/**
 * Fills a database with benchmark tenants: one large organisation (default 1,000 learners in 10
 * cohorts on the built-in roadmap) and a few small ones. Deterministic from `seed` (and the `today`
 * anchor); bulk inserts only (the shared data builders, server/src/seed/builders: multi-row inserts
 * per table and chunk), each organisation's rows in one transaction with `app.org_id` set, so
 * row-level security applies exactly as it does for the app. Works on PostgreSQL and on PGlite (the
 * same code path). The rows themselves are generated in ./seed/.
 */
import { type Database, withScope } from '@masar/server';
import { addMonthsToDate, type IsoDate, todayIn } from '@masar/shared';
import { sql } from 'drizzle-orm';
import { createOrg } from '../../server/src/features/org/service';
import { getRoadmap, listRoadmaps } from '../../server/src/features/roadmaps/service';
import { hashPassword } from '../../server/src/lib/passwords';
import {
  insertCohortMembers,
  insertCohorts,
  insertMemberships,
  insertSkillProgress,
  insertStageAssignments,
  insertSubmissionHistory,
  insertUsers,
  rng,
  uuidFrom,
} from '../../server/src/seed/builders';
import { cohortMemberRows, cohortRows, placeLearners, planCohorts, stageAssignments } from './seed/cohorts';
import { BENCH_PASSWORD, BENCH_SLUG_PREFIX, BIG_ORG_SLUG } from './seed/names';
import { benchPeople } from './seed/people';
import type { Gen, OrgPlan } from './seed/plan';
import { skillProgress } from './seed/progress';
import { submissionHistories } from './seed/submissions';

export { BENCH_PASSWORD, BIG_ORG_SLUG } from './seed/names';

const TIME_ZONE = 'Africa/Cairo';

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
  const gen: Gen = { random, id: () => uuidFrom(random), today: ctx.today };
  const createdAt = new Date(Date.parse(`${addMonthsToDate(ctx.today, -(plan.ageRange[1] + 1))}T09:00:00Z`));
  const { admin, viewer, mentors, learners } = benchPeople(gen, plan);
  await insertUsers(
    database.db,
    [admin, viewer, ...mentors, ...learners].map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      passwordHash: ctx.passwordHash,
      githubLogin: u.github,
      createdAt,
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
    const counts: Record<string, number> = { learners: learners.length };

    counts.memberships = await insertMemberships(tx, orgId, [
      { userId: viewer.id, role: 'viewer', createdAt },
      ...mentors.map((m) => ({ userId: m.id, role: 'mentor' as const, createdAt })),
      ...learners.map((l) => ({ userId: l.id, role: 'learner' as const, createdAt })),
    ]);
    const cohorts = planCohorts(gen, plan, mentors);
    await insertCohorts(tx, orgId, cohortRows(cohorts, roadmap.roadmap.id, admin.id));
    const placed = placeLearners(gen, cohorts, learners);
    counts.cohort_members = await insertCohortMembers(tx, orgId, cohortMemberRows(cohorts, placed, createdAt));
    counts.stage_assignments = await insertStageAssignments(
      tx,
      orgId,
      stageAssignments(gen, roadmap, skills, cohorts, placed),
    );
    counts.skill_progress = await insertSkillProgress(tx, orgId, skillProgress(gen, skills, placed));

    const history = submissionHistories(gen, plan, skills, roadmap.briefs, placed);
    const inserted = await insertSubmissionHistory(tx, orgId, history);
    counts.submissions = inserted.submissions;
    counts.submission_revisions = inserted.revisions;
    counts.reviews = inserted.reviews;
    counts.review_skill_ratings = inserted.ratings;
    counts.repo_analyses = inserted.analyses;
    counts.waiting = history.submissions.filter((s) => s.status === 'submitted' || s.status === 'in_review').length;
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
