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
  'roadmap.list': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'roadmap.get': { input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId }), ids: true },
  'roadmap.update': { input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'x' }), ids: true },
  'roadmap.duplicate': { input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'copy' }), ids: true },
  'roadmap.addStage': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'S', startMonth: 0, endMonth: 3 }),
    ids: true,
  },
  'roadmap.updateStage': { input: (f) => ({ orgSlug: f.orgSlug, stageId: f.stageId, title: 'S2' }), ids: true },
  'roadmap.moveStage': { input: (f) => ({ orgSlug: f.orgSlug, stageId: f.stageId, direction: 'down' }), ids: true },
  'roadmap.archiveStage': { input: (f) => ({ orgSlug: f.orgSlug, stageId: f.stageId }), ids: true },
  'roadmap.addSkill': {
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
  'roadmap.updateSkill': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, skillId: f.skillId, title: 'K2' }),
    ids: true,
  },
  'roadmap.moveSkill': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, skillId: f.skillId, direction: 'down' }),
    ids: true,
  },
  'roadmap.setSkillArchived': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, skillId: f.skillId, archived: true }),
    ids: true,
  },
  'roadmap.addBrief': {
    input: (f) => ({ orgSlug: f.orgSlug, roadmapId: f.roadmapId, title: 'B', skillIds: [] }),
    ids: true,
  },
  'roadmap.updateBrief': {
    input: (f) => ({ orgSlug: f.orgSlug, briefId: f.briefId, title: 'B2', skillIds: [] }),
    ids: true,
  },
  'roadmap.addResource': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      roadmapId: f.roadmapId,
      title: 'R',
      kind: 'docs',
      url: 'https://example.org',
    }),
    ids: true,
  },
  'roadmap.updateResource': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      resourceId: f.resourceId,
      title: 'R2',
      kind: 'docs',
      url: 'https://example.org',
    }),
    ids: true,
  },
  'cohort.list': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'cohort.get': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }), ids: true },
  'cohort.gettingStarted': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'cohort.create': {
    input: (f) => ({ orgSlug: f.orgSlug, name: 'C', roadmapId: f.roadmapId, startDate: '2026-09-01' }),
    ids: true,
  },
  'cohort.update': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, name: 'C2' }), ids: true },
  'cohort.addMembers': {
    input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, members: [{ userId: f.userId, role: 'learner' }] }),
    ids: true,
  },
  'cohort.removeMember': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, userId: f.userId }), ids: true },
  'cohort.setPersonalStartDate': {
    input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, userId: f.userId, startDate: '2026-10-01' }),
    ids: true,
  },
  'cohort.invite': {
    input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, email: uniqueEmail('c'), role: 'learner' }),
    ids: true,
  },
  'cohort.assign': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, stageId: f.stageId }), ids: true },
  'cohort.updateAssignment': {
    input: (f) => ({ orgSlug: f.orgSlug, assignmentId: f.assignmentId, dueDate: '2027-01-01' }),
    ids: true,
  },
  'cohort.removeAssignment': { input: (f) => ({ orgSlug: f.orgSlug, assignmentId: f.assignmentId }), ids: true },
  'progress.mine': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submission.submit': {
    input: (f) => ({
      orgSlug: f.orgSlug,
      cohortId: f.cohortId,
      repoUrl: 'https://github.com/acme/other',
      claimedSkillIds: [f.skillId],
      title: 'T',
    }),
    ids: true,
  },
  'submission.withdraw': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submission.mine': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submission.get': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submission.reanalyse': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submission.queue': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submission.queueHealth': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }) },
  'submission.snippets': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'submission.saveSnippet': { input: (f) => ({ orgSlug: f.orgSlug, title: 'S', body: 'B' }) },
  'submission.deleteSnippet': { input: (f) => ({ orgSlug: f.orgSlug, id: f.snippetId }), ids: true },
  'notification.list': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'notification.unreadCount': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'notification.markRead': { input: (f) => ({ orgSlug: f.orgSlug, all: true }) },
  'dashboard.learner': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, learnerId: f.userId }), ids: true },
  'dashboard.cohort': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }), ids: true },
  'dashboard.cohortLearners': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId }), ids: true },
  'dashboard.org': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'readiness.get': { input: (f) => ({ orgSlug: f.orgSlug, cohortId: f.cohortId, learnerId: f.userId }), ids: true },
  'readiness.hires': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5, sort: 'gaps' }) },
  'readiness.consent': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'readiness.setConsent': { input: (f) => ({ orgSlug: f.orgSlug, shareComments: true }) },
  'portfolio.status': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'portfolio.links': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'portfolio.revokeFor': { input: (f) => ({ orgSlug: f.orgSlug, learnerId: f.userId }), ids: true },
  'portfolio.publish': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'portfolio.revoke': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'portfolio.view': { input: () => ({ token: 'x'.repeat(43) }) },
  'submission.startReview': { input: (f) => ({ orgSlug: f.orgSlug, submissionId: f.submissionId }), ids: true },
  'submission.review': {
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
  const [roadmap] = await c.roadmap.list({ orgSlug: org.slug });
  const full = await c.roadmap.get({ orgSlug: org.slug, roadmapId: roadmap!.id });
  const cohort = await c.cohort.create({
    orgSlug: org.slug,
    name: 'Matrix cohort',
    roadmapId: roadmap!.id,
    startDate: '2026-09-01',
  });
  await c.cohort.addMembers({
    orgSlug: org.slug,
    cohortId: cohort.id,
    members: [
      { userId: members.learner.user.id, role: 'learner' },
      { userId: members.mentor.user.id, role: 'mentor' },
    ],
  });
  const assignment = await c.cohort.assign({ orgSlug: org.slug, cohortId: cohort.id, stageId: full.stages[0]!.id });
  const submission = await members.learner.caller.submission.submit({
    orgSlug: org.slug,
    cohortId: cohort.id,
    repoUrl: 'https://github.com/acme/node-api',
    claimedSkillIds: [full.skills[0]!.skillId],
    title: 'My API',
  });
  const snippet = await c.submission.saveSnippet({ orgSlug: org.slug, title: 'Tests', body: 'Add tests.' });
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
