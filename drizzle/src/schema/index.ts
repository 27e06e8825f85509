/** The database schema, one file per area; drizzle-kit reads this index (drizzle.config.ts). */

export * from './cohorts';
export {
  analysisStatus,
  cohortRole,
  memberRole,
  orgKind,
  progressStatus,
  reviewDecision,
  skillRating,
  submissionStatus,
} from './columns';
export * from './credentials';
export * from './engagement';
export * from './global';
export * from './orgs';
export * from './roadmaps';
export * from './submissions';

/** Every table that carries `org_id`; RLS must be enabled and forced on each (tested). */
export const TENANT_TABLES = [
  'memberships',
  'invitations',
  'email_outbox',
  'audit_events',
  'skills',
  'roadmaps',
  'roadmap_stages',
  'roadmap_skills',
  'project_briefs',
  'resources',
  'cohorts',
  'cohort_members',
  'stage_assignments',
  'skill_progress',
  'submissions',
  'submission_revisions',
  'reviews',
  'review_skill_ratings',
  'repo_analyses',
  'notifications',
  'feedback_snippets',
  'portfolio_links',
  'learner_consents',
  'credential_keys',
] as const;
