/**
 * Typed builders for every in-app address, so a link cannot drift from the route table in
 * App.tsx (tests/unit/routes.test.ts checks each builder against it). Ids and slugs are
 * URL-safe by construction (zId, zSlug), so no encoding is needed for them.
 */
type Query = URLSearchParams | Record<string, string>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const search = (query instanceof URLSearchParams ? query : new URLSearchParams(query)).toString();
  return search ? `${path}?${search}` : path;
}

function withHash(path: string, hash?: string): string {
  return hash ? `${path}#${hash}` : path;
}

export const routes = {
  home: () => '/',
  logIn: () => '/login',
  signUp: () => '/signup',
  account: () => '/account',
  newOrg: () => '/orgs/new',
  org: (slug: string) => `/o/${slug}`,
  /** The organisation's details and "leave" (a learner's home is My roadmap). */
  orgAbout: (slug: string) => `/o/${slug}/about`,
  hires: (slug: string) => `/o/${slug}/hires`,
  members: (slug: string) => `/o/${slug}/members`,
  invitations: (slug: string) => `/o/${slug}/invitations`,
  audit: (slug: string) => `/o/${slug}/audit`,
  roadmaps: (slug: string) => `/o/${slug}/roadmaps`,
  roadmap: (slug: string, roadmapId: string) => `/o/${slug}/roadmaps/${roadmapId}`,
  cohorts: (slug: string) => `/o/${slug}/cohorts`,
  cohort: (slug: string, cohortId: string, hash?: 'members') => withHash(`/o/${slug}/cohorts/${cohortId}`, hash),
  cohortDashboard: (slug: string, cohortId: string) => `/o/${slug}/cohorts/${cohortId}/dashboard`,
  cohortsOverview: (slug: string) => `/o/${slug}/overview`,
  learner: (slug: string, cohortId: string, learnerId: string) =>
    `/o/${slug}/cohorts/${cohortId}/learners/${learnerId}`,
  readiness: (slug: string, cohortId: string, learnerId: string) =>
    `/o/${slug}/cohorts/${cohortId}/learners/${learnerId}/readiness`,
  myRoadmap: (slug: string, hash?: 'sharing') => withHash(`/o/${slug}/my-roadmap`, hash),
  submit: (slug: string, query?: Query) => withQuery(`/o/${slug}/submit`, query),
  submissions: (slug: string) => `/o/${slug}/submissions`,
  submission: (slug: string, submissionId: string) => `/o/${slug}/submissions/${submissionId}`,
  reviewQueue: (slug: string) => `/o/${slug}/review-queue`,
} as const;
