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
