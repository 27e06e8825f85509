import { randomBytes, randomUUID } from 'node:crypto';
import { type AppDeps, type Database, withScope } from '@masar/server';
import type { OrgKind, Role } from '@masar/shared';
import {
  insertCohortMembers,
  insertMemberships,
  insertSkillProgress,
  insertUsers,
} from '../../server/src/seed/builders';
import { client, type TestClient } from './app';

export const PASSWORD = 'correct-horse-battery-staple';

export function uniqueEmail(prefix = 'user') {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.test`;
}

export interface TestUser extends TestClient {
  user: { id: string; email: string; name: string };
}

/** Signs up through the real procedure; the returned client carries the session. */
export async function createUser(
  deps: AppDeps,
  opts: { name?: string; email?: string; password?: string } = {},
): Promise<TestUser> {
  const c = await client(deps);
  const user = await c.caller.auth.signUp({
    name: opts.name ?? 'Test User',
    email: opts.email ?? uniqueEmail(),
    password: opts.password ?? PASSWORD,
  });
  return { ...c, user };
}

export async function createOrg(owner: TestUser, opts: { name?: string; slug?: string; kind?: OrgKind } = {}) {
  const slug = opts.slug ?? `org-${randomBytes(4).toString('hex')}`;
  return owner.caller.org.create({
    name: opts.name ?? `Org ${slug}`,
    slug,
    kind: opts.kind ?? 'bootcamp',
    timeZone: 'Africa/Cairo',
  });
}

/** Invites a new user with `role` and accepts through the real procedures. */
export async function addMember(
  deps: AppDeps,
  admin: TestUser,
  orgSlug: string,
  role: Role,
  name?: string,
): Promise<TestUser> {
  const email = uniqueEmail(role);
  const inv = await admin.caller.invitations.create({ orgSlug, email, role });
  const member = await createUser(deps, { email, name: name ?? `${role} ${email.slice(0, 12)}` });
  await member.caller.invitations.accept({ token: tokenOf(inv.link) });
  return member;
}

export function tokenOf(link: string): string {
  return link.split('/invite/')[1]!;
}

/** An org with one member of every role. */
export async function orgWithEveryRole(deps: AppDeps) {
  const owner = await createUser(deps, { name: 'Owner' });
  const org = await createOrg(owner);
  const members: Record<Role, TestUser> = {
    owner,
    admin: await addMember(deps, owner, org.slug, 'admin'),
    mentor: await addMember(deps, owner, org.slug, 'mentor'),
    learner: await addMember(deps, owner, org.slug, 'learner'),
    viewer: await addMember(deps, owner, org.slug, 'viewer'),
  };
  return { org, members };
}

export interface BulkLearner {
  name: string;
  /** The email is `<emailPrefix>-<user id>@example.test`. */
  emailPrefix: string;
  /** Skills recorded as verified at `verifiedAt`. */
  verifiedSkillIds?: string[];
  verifiedAt?: Date;
}

/**
 * Learners for volume, written straight to the database with the data builders (bulk inserts:
 * users with an unusable password, learner memberships, cohort members, verified skills), not
 * through sign-up and invitations. Returns their user ids, in order.
 */
export async function addLearnersInBulk(
  database: Database,
  at: { orgId: string; cohortId: string },
  learners: BulkLearner[],
): Promise<string[]> {
  const { orgId, cohortId } = at;
  return withScope(database, { orgId }, async (tx) => {
    const users = learners.map((l) => {
      const id = randomUUID();
      return { id, email: `${l.emailPrefix}-${id}@example.test`, name: l.name, passwordHash: 'x' };
    });
    await insertUsers(tx, users);
    await insertMemberships(
      tx,
      orgId,
      users.map((u) => ({ userId: u.id, role: 'learner' as const })),
    );
    await insertCohortMembers(
      tx,
      orgId,
      users.map((u) => ({ cohortId, userId: u.id, role: 'learner' as const })),
    );
    await insertSkillProgress(
      tx,
      orgId,
      learners.flatMap((l, i) =>
        (l.verifiedSkillIds ?? []).map((skillId) => ({
          learnerId: users[i]!.id,
          skillId,
          status: 'verified' as const,
          verifiedAt: l.verifiedAt,
        })),
      ),
    );
    return users.map((u) => u.id);
  });
}

type ReviewInput = Parameters<TestClient['caller']['submissions']['review']>[0];

/**
 * A reviewer reviews a revision as they see the submission now: reads it first for its version
 * (the optimistic-concurrency check every real review goes through), then sends the decision.
 */
export async function reviewAsSeen(
  reviewer: TestClient,
  review: Omit<ReviewInput, 'expectedVersion'>,
): Promise<Awaited<ReturnType<TestClient['caller']['submissions']['review']>>> {
  const seen = await reviewer.caller.submissions.get({ orgSlug: review.orgSlug, submissionId: review.submissionId });
  return reviewer.caller.submissions.review({ ...review, expectedVersion: seen.submission.version });
}
