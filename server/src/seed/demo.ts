import { randomUUID } from 'node:crypto';
import { auditEvents, organizations } from '@masar/drizzle';
import { addMonthsToDate, todayIn } from '@masar/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { applyRlsScope, inTransaction } from '../db/tenant';
import { getRoadmap, seedBuiltinRoadmap } from '../features/roadmaps/service';
import { hashPassword } from '../lib/passwords';
import {
  insertCohortMembers,
  insertCohorts,
  insertMemberships,
  insertOrganization,
  insertSkillProgress,
  insertStageAssignments,
  insertSubmissionHistory,
  insertUsers,
  rng,
} from './builders';
import { LATE_JOINERS_FROM, LEARNER_NAMES } from './demo-data';
import { demoProgress } from './demo-progress';
import { demoSubmissions } from './demo-submissions';

export const DEMO_ORG_SLUG = 'alex-demo';
export const DEMO_PASSWORD = 'masar-demo-2026';
export const DEMO_LOGINS = {
  admin: 'admin@demo.masar.test',
  mentor: 'mentor@demo.masar.test',
  learner: 'learner01@demo.masar.test',
  viewer: 'manager@demo.masar.test',
};

export async function demoExists(database: Database): Promise<boolean> {
  const [row] = await database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, DEMO_ORG_SLUG))
    .limit(1);
  return Boolean(row);
}

/**
 * Seeds a clearly labelled demo organisation: an Alexandria bootcamp whose 20-learner cohort
 * started five months ago, with varied progress, submissions in every state, reviews and analyses.
 * Idempotent: does nothing when the demo organisation exists. Deterministic apart from the ids: a
 * fixed PRNG seed, so the demo looks the same on every fresh start.
 */
export async function seedDemo(database: Database, now = new Date()): Promise<boolean> {
  if (await demoExists(database)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const random = rng(20261127);
  const today = todayIn('Africa/Cairo', now);
  const cohortStart = addMonthsToDate(today, -5);

  await inTransaction(database.db, async (tx) => {
    const orgId = randomUUID();
    const person = (name: string, email: string, githubLogin: string | null = null) => ({
      id: randomUUID(),
      name,
      email,
      passwordHash,
      githubLogin,
    });
    const admin = person('Demo Admin (Alexandria)', DEMO_LOGINS.admin);
    const mentor = person('Heba Mentor', DEMO_LOGINS.mentor);
    const mentor2 = person('Sherif Mentor', 'mentor2@demo.masar.test');
    const viewer = person('Company Manager', DEMO_LOGINS.viewer);
    const learners = LEARNER_NAMES.map((name, i) =>
      person(name, `learner${String(i + 1).padStart(2, '0')}@demo.masar.test`, `demo-learner-${i + 1}`),
    );
    await insertUsers(tx, [admin, mentor, mentor2, viewer, ...learners]);
    await insertOrganization(tx, {
      id: orgId,
      slug: DEMO_ORG_SLUG,
      name: 'Alexandria Backend Bootcamp (demo)',
      kind: 'bootcamp',
      timeZone: 'Africa/Cairo',
    });
    await applyRlsScope(tx, database, { orgId, userId: admin.id });
    const tenant = { orgId, userId: admin.id };
    await insertMemberships(tx, orgId, [
      { userId: admin.id, role: 'owner' },
      { userId: mentor.id, role: 'mentor' },
      { userId: mentor2.id, role: 'mentor' },
      { userId: viewer.id, role: 'viewer' },
      ...learners.map((l) => ({ userId: l.id, role: 'learner' as const })),
    ]);
    const { roadmapId } = await seedBuiltinRoadmap(tx, tenant);
    const roadmap = await getRoadmap(tx, tenant, { roadmapId });
    const skillOf = new Map(roadmap.skills.map((s) => [s.key, s]));
    const cohortId = randomUUID();
    await insertCohorts(tx, orgId, [
      {
        id: cohortId,
        roadmapId,
        name: 'Alexandria Winter Cohort (demo)',
        startDate: cohortStart,
        createdBy: admin.id,
      },
    ]);
    await insertCohortMembers(tx, orgId, [
      { cohortId, userId: mentor.id, role: 'mentor' },
      { cohortId, userId: mentor2.id, role: 'mentor' },
      ...learners.map((l, i) => ({
        cohortId,
        userId: l.id,
        role: 'learner' as const,
        // two hires who joined a month later
        personalStartDate: i >= LATE_JOINERS_FROM ? addMonthsToDate(cohortStart, 1) : null,
      })),
    ]);
    const stage = (key: string) => roadmap.stages.find((s) => s.key === key)!;
    const inStage = (key: string) => roadmap.skills.filter((s) => s.stageId === stage(key).id);
    await insertStageAssignments(tx, orgId, [
      {
        cohortId,
        stageId: stage('beginner-to-junior').id,
        skillIds: inStage('beginner-to-junior').map((s) => s.skillId),
        dueDate: addMonthsToDate(cohortStart, 6),
        dueOffsetMonths: 6,
        note: 'The first six months: fundamentals, one backend language, SQL, HTTP, auth, REST, Git and a first deployment.',
        createdBy: mentor.id,
      },
      {
        cohortId,
        stageId: null,
        skillIds: ['testing', 'docker'].map((k) => skillOf.get(k)!.skillId),
        dueDate: addMonthsToDate(cohortStart, 8),
        dueOffsetMonths: null,
        note: 'Early start on tests and containers.',
        createdBy: mentor.id,
      },
    ]);
    await insertSkillProgress(tx, orgId, demoProgress({ roadmap, learners, cohortStart, today, random }));
    await insertSubmissionHistory(
      tx,
      orgId,
      demoSubmissions({ roadmap, learners, cohortId, mentorId: mentor.id, now, random }),
    );
    await tx.insert(auditEvents).values({
      orgId,
      actorUserId: admin.id,
      action: 'org.created',
      targetType: 'organization',
      targetId: orgId,
      details: { demo: true },
    });
  });
  return true;
}
