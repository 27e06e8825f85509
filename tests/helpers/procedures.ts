import { randomUUID } from 'node:crypto';
import { type AppDeps, appRouter } from '@masar/server';
import type { Permission, ROLES } from '@masar/shared';
import { orgWithEveryRole, type TestUser, uniqueEmail } from './factories';

/**
 * Every procedure of the app router, enumerated from its definition, with a valid sample input for
 * each (access-matrix.test.ts fails when one is missing; hostile-input.test.ts reuses them).
 */
export type Access = 'public' | 'authenticated' | { permission: Permission };
export type Procedure = {
  _def: { meta?: { access?: Access }; type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] };
};
export const procedures = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, Procedure> }).procedures,
);

/** Ids of one org's rows, to call procedures with. */
export interface Fixture {
  orgSlug: string;
  userId: string;
  invitationId: string;
  roadmapId: string;
  stageId: string;
  skillId: string;
  briefId: string;
  resourceId: string;
  cohortId: string;
  assignmentId: string;
  submissionId: string;
  snippetId: string;
}

/** Sample input per procedure; `ids: true` when the input names rows (checked across orgs). */
export const SAMPLES: Record<string, { input: (f: Fixture) => unknown; ids?: boolean }> = {
  'system.info': { input: () => undefined },
  'landing.info': { input: () => undefined },
  'auth.me': { input: () => undefined },
  'auth.signUp': { input: () => ({ name: 'N', email: uniqueEmail(), password: 'a-fine-password-77' }) },
  'auth.logIn': { input: () => ({ email: uniqueEmail(), password: 'whatever-password' }) },
  'auth.logOut': { input: () => undefined },
  'auth.updateProfile': { input: () => ({ name: 'Renamed' }) },
  'auth.changePassword': { input: () => ({ currentPassword: 'x-wrong-current', newPassword: 'new-password-99x' }) },
  'auth.sessions.list': { input: () => undefined },
  'auth.sessions.revoke': { input: () => ({ sessionId: 'nope' }) },
  'auth.sessions.revokeOthers': { input: () => undefined },
  'org.create': { input: () => ({ name: 'Matrix org', slug: `m-${randomUUID().slice(0, 8)}`, kind: 'community' }) },
  'org.mine': { input: () => undefined },
  'org.get': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'org.update': { input: (f) => ({ orgSlug: f.orgSlug, name: 'Matrix renamed' }) },
  'org.leave': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'org.audit': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'members.list': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'members.changeRole': { input: (f) => ({ orgSlug: f.orgSlug, userId: f.userId, role: 'mentor' }), ids: true },
  'members.remove': { input: (f) => ({ orgSlug: f.orgSlug, userId: f.userId }), ids: true },
  'invitations.create': { input: (f) => ({ orgSlug: f.orgSlug, email: uniqueEmail('m'), role: 'learner' }) },
  'invitations.list': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'invitations.revoke': { input: (f) => ({ orgSlug: f.orgSlug, invitationId: f.invitationId }), ids: true },
  'invitations.outbox': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'invitations.byToken': { input: () => ({ token: 'x'.repeat(43) }) },
  'roadmaps.list': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'roadmaps.get': { input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId }), ids: true },
  'roadmaps.update': { input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'x' }), ids: true },
  'roadmaps.duplicate': { input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'copy' }), ids: true },
  'roadmaps.addStage': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'S', startMonth: 0, endMonth: 3 }),
    ids: true,
  },
  'roadmaps.updateStage': { input: (f) => ({ orgSlug: f.orgSlug, stageId: f.stageId, title: 'S2' }), ids: true },
  'roadmaps.moveStage': { input: (f) => ({ orgSlug: f.orgSlug, stageId: f.stageId, direction: 'down' }), ids: true },
  'roadmaps.archiveStage': { input: (f) => ({ orgSlug: f.orgSlug, stageId: f.stageId }), ids: true },
  'roadmaps.addSkill': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      roadmapId: f.roadmapId,
      stageId: f.stageId,
      title: 'K',
      category: 'apis',
      startMonth: 0,
      endMonth: 3,
    }),
    ids: true,
  },
  'roadmaps.updateSkill': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, skillId: f.skillId, title: 'K2' }),
    ids: true,
  },
  'roadmaps.moveSkill': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, skillId: f.skillId, direction: 'down' }),
    ids: true,
  },
  'roadmaps.setSkillArchived': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, skillId: f.skillId, archived: true }),
    ids: true,
  },
  'roadmaps.addBrief': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'B', skillIds: [] }),
    ids: true,
  },
  'roadmaps.updateBrief': {
    input: (f) => ({ orgSlug: f.orgSlug, briefId: f.briefId, title: 'B2', skillIds: [] }),
    ids: true,
  },
  'roadmaps.addResource': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      roadmapId: f.roadmapId,
      title: 'R',
      kind: 'docs',
      url: 'https://example.org',
    }),
    ids: true,
  },
  'roadmaps.updateResource': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      resourceId: f.resourceId,
      title: 'R2',
      kind: 'docs',
      url: 'https://example.org',
    }),
    ids: true,
  },
  'cohorts.list': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'cohorts.get': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }), ids: true },
  'cohorts.gettingStarted': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'cohorts.create': {
    input: (f) => ({ orgSlug: f.orgSlug, name: 'C', roadmapId: f.roadmapId, startDate: '2026-09-01' }),
    ids: true,
  },
  'cohorts.update': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, name: 'C2' }), ids: true },
  'cohorts.addMembers': {
    input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, members: [{ userId: f.userId, role: 'learner' }] }),
    ids: true,
  },
  'cohorts.removeMember': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, userId: f.userId }), ids: true },
  'cohorts.setPersonalStartDate': {
    input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, userId: f.userId, startDate: '2026-10-01' }),
    ids: true,
  },
  'cohorts.invite': {
    input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, email: uniqueEmail('c'), role: 'learner' }),
    ids: true,
  },
  'cohorts.assign': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, stageId: f.stageId }), ids: true },
  'cohorts.updateAssignment': {
    input: (f) => ({ orgSlug: f.orgSlug, assignmentId: f.assignmentId, dueDate: '2027-01-01' }),
    ids: true,
  },
  'cohorts.removeAssignment': { input: (f) => ({ orgSlug: f.orgSlug, assignmentId: f.assignmentId }), ids: true },
  'progress.mine': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submissions.submit': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      cohortId: f.cohortId,
      repoUrl: 'https://github.com/acme/other',
      claimedSkillIds: [f.skillId],
      title: 'T',
    }),
    ids: true,
  },
  'submissions.withdraw': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submissions.mine': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submissions.get': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submissions.reanalyse': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submissions.queue': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submissions.queueHealth': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }) },
  'submissions.snippets': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submissions.saveSnippet': { input: (f) => ({ orgSlug: f.orgSlug, title: 'S', body: 'B' }) },
  'submissions.deleteSnippet': { input: (f) => ({ orgSlug: f.orgSlug, id: f.snippetId }), ids: true },
  'notifications.list': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'notifications.unreadCount': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'notifications.markRead': { input: (f) => ({ orgSlug: f.orgSlug, all: true }) },
  'dashboards.learner': {
    input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, learnerId: f.userId }),
    ids: true,
  },
  'dashboards.cohort': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }), ids: true },
  'dashboards.cohortLearners': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }), ids: true },
  'dashboards.org': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'readiness.get': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, learnerId: f.userId }), ids: true },
  'readiness.hires': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5, sort: 'gaps' }) },
  'readiness.consent': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'readiness.setConsent': { input: (f) => ({ orgSlug: f.orgSlug, shareComments: true }) },
  'portfolios.status': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'portfolios.links': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'portfolios.revokeFor': { input: (f) => ({ orgSlug: f.orgSlug, learnerId: f.userId }), ids: true },
  'portfolios.publish': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'portfolios.revoke': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'portfolios.view': { input: () => ({ token: 'x'.repeat(43) }) },
  'submissions.startReview': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submissions.review': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      submissionId: f.submissionId,
      revision: 1,
      expectedVersion: 1,
      decision: 'approved',
    }),
    ids: true,
  },
  'progress.markLearning': { input: (f) => ({ orgSlug: f.orgSlug, skillId: f.skillId, learning: true }), ids: true },
  'invitations.accept': { input: () => ({ token: 'x'.repeat(43) }) },
};

/** Calls `path` (e.g. 'org.update') on a tRPC caller. */
export function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (
    i: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

export type OrgFixture = { fx: Fixture; members: Record<(typeof ROLES)[number], TestUser> };

/** An org with a member of every role, a cohort with a learner and a mentor, an assignment, a submission, a snippet. */
export async function makeOrg(deps: AppDeps): Promise<OrgFixture> {
  const { org, members } = await orgWithEveryRole(deps);
  const c = members.owner.caller;
  const inv = await c.invitations.create({ orgSlug: org.slug, email: uniqueEmail('pending'), role: 'learner' });
  const [roadmap] = await c.roadmaps.list({ orgSlug: org.slug });
  const full = await c.roadmaps.get({ orgSlug: org.slug, roadmapId: roadmap!.id });
  const cohort = await c.cohorts.create({
    orgSlug: org.slug,
    name: 'Matrix cohort',
    roadmapId: roadmap!.id,
    startDate: '2026-09-01',
  });
  await c.cohorts.addMembers({
    orgSlug: org.slug,
    cohortId: cohort.id,
    members: [
      { userId: members.learner.user.id, role: 'learner' },
      { userId: members.mentor.user.id, role: 'mentor' },
    ],
  });
  const assignment = await c.cohorts.assign({ orgSlug: org.slug, cohortId: cohort.id, stageId: full.stages[0]!.id });
  const submission = await members.learner.caller.submissions.submit({
    orgSlug: org.slug,
    cohortId: cohort.id,
    repoUrl: 'https://github.com/acme/node-api',
    claimedSkillIds: [full.skills[0]!.skillId],
    title: 'My API',
  });
  const snippet = await c.submissions.saveSnippet({ orgSlug: org.slug, title: 'Tests', body: 'Add tests.' });
  return {
    fx: {
      orgSlug: org.slug,
      userId: members.learner.user.id,
      invitationId: inv.id,
      roadmapId: roadmap!.id,
      stageId: full.stages[0]!.id,
      skillId: full.skills[0]!.skillId,
      briefId: full.briefs[0]!.id,
      resourceId: full.resources[0]!.id,
      cohortId: cohort.id,
      assignmentId: assignment.id,
      submissionId: submission.submissionId,
      snippetId: snippet.id,
    },
    members,
  };
}
