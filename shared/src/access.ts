/**
 * Roles and the one permission table. The server checks procedures against it
 * (`orgProcedure(permission)`), and the web app uses the same table to decide what to show.
 */
export const ROLES = ['owner', 'admin', 'mentor', 'learner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ['bootcamp', 'community', 'company'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

const ALL: readonly Role[] = ROLES;
const ADMINS: readonly Role[] = ['owner', 'admin'];

export const PERMISSIONS = {
  /** See the organisation itself: name, kind, own role. */
  'org.read': ALL,
  /** Change the organisation's settings (name, time zone). */
  'org.update': ADMINS,
  /** List members and their roles. */
  'members.read': ['owner', 'admin', 'mentor'],
  /** Change roles, remove members. */
  'members.manage': ADMINS,
  /** Invite, list and revoke invitations, read the email outbox. */
  'invitations.manage': ADMINS,
  /** Read the audit log. */
  'audit.read': ADMINS,
  /** See the org's roadmaps, their skills, briefs and resources. */
  'roadmaps.read': ALL,
  /** Edit roadmaps: stages, skills, windows, briefs, resources; duplicate. */
  'roadmaps.edit': ['owner', 'admin', 'mentor'],
  /** See cohorts (mentors: the ones they mentor) and their members and assignments. */
  'cohorts.read': ['owner', 'admin', 'mentor', 'viewer'],
  /** Create cohorts, edit them, manage their members and assignments (mentors: their own). */
  'cohorts.manage': ['owner', 'admin', 'mentor'],
  /** Follow one's own roadmap as a learner, mark skills as learning, submit repositories. */
  'progress.self': ['owner', 'admin', 'mentor', 'learner'],
  /** Open a submission (own, or as a mentor/admin/viewer of its cohort). */
  'submissions.read': ALL,
  /** The organisation overview: every active cohort's headline numbers. */
  'org.overview': ADMINS,
  /** The review queue; review submissions of one's cohorts. */
  'submissions.review': ['owner', 'admin', 'mentor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles an actor may hand out: only owners make owners. */
export function assignableRoles(actor: Role): Role[] {
  if (actor === 'owner') return [...ROLES];
  if (actor === 'admin') return ROLES.filter((r) => r !== 'owner');
  return [];
}

// ---------------------------------------------------------------- row scope inside one organisation
//
// The permission table above says *which procedures* a role may call; the rules below say *which
// rows* it then sees. Both follow the org role only (the Members page), so a role change or a removal
// takes effect on the caller's next request. The server builds every filter from these in one
// place (server/src/services/scope.ts); docs/decisions/021-row-scope-and-consent.md explains them.

/**
 * Which cohorts (and the work in them) a role sees:
 * - `all`: every cohort of the organisation (owners, admins; viewers read-only);
 * - `mentored`: the cohorts where the person is listed as a mentor;
 * - `member`: only their own rows, in the cohorts where they are a learner.
 * Everyone also sees their own work as a learner, whatever their scope.
 */
export type CohortScope = 'all' | 'mentored' | 'member';
export const COHORT_SCOPE = {
  owner: 'all',
  admin: 'all',
  mentor: 'mentored',
  learner: 'member',
  viewer: 'all',
} as const satisfies Record<Role, CohortScope>;

/** Org roles whose holders may be listed as a cohort's mentor (and are notified as one). */
export const MENTOR_ROLES = ['owner', 'admin', 'mentor'] as const satisfies readonly Role[];

export function mayMentor(role: Role | null | undefined): boolean {
  return !!role && (MENTOR_ROLES as readonly Role[]).includes(role);
}

/** A reviewer of a submission: a role that reviews, never the submission's own learner. */
export function canReviewSubmission(role: Role, isOwn: boolean): boolean {
  return !isOwn && can(role, 'submissions.review');
}

/**
 * Re-analysing a repository: its learner, or someone who may review it. Read-only roles may not
 * start work on the organisation's GitHub budget.
 */
export function canReanalyse(role: Role, isOwn: boolean): boolean {
  return isOwn || can(role, 'submissions.review');
}

/**
 * Consent: whether mentors' review comments on a learner's work are shown to this reader. The
 * learner and those who review always see them; read-only readers (company managers) only when the
 * learner chose to share them (`learner_consents.share_comments`). One rule for readiness,
 * submission pages, CSV exports; the public portfolio follows the learner's own choice per link.
 */
export function canSeeReviewComments(role: Role, p: { isOwn: boolean; shared: boolean }): boolean {
  return p.isOwn || can(role, 'submissions.review') || p.shared;
}
