import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const memberRole = pgEnum('member_role', ['owner', 'admin', 'mentor', 'learner', 'viewer']);
export const orgKind = pgEnum('org_kind', ['bootcamp', 'community', 'company']);
export const cohortRole = pgEnum('cohort_role', ['mentor', 'learner']);
export const progressStatus = pgEnum('progress_status', ['learning', 'evidenced', 'verified']);
export const submissionStatus = pgEnum('submission_status', [
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'withdrawn',
]);
export const reviewDecision = pgEnum('review_decision', ['changes_requested', 'approved']);
export const skillRating = pgEnum('skill_rating', ['not_shown', 'partial', 'demonstrated']);
export const analysisStatus = pgEnum('analysis_status', [
  'queued',
  'running',
  'done',
  'not_found',
  'rate_limited',
  'failed',
]);

// ---------------------------------------------------------------- global (not tenant) tables

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    /** Lower-cased, trimmed email: the unique identity. */
    emailNormalized: text('email_normalized').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale'),
    /** Digits in Arabic: 'latn' (0-9) or 'arab' (٠-٩); null is the app's default (Western). */
    digits: text('digits'),
    /** The learner's GitHub login, for the authorship share of submitted repositories. */
    githubLogin: text('github_login'),
    /** The user turned the daily email digests off. */
    digestOptOut: boolean('digest_opt_out').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_normalized_key').on(t.emailNormalized)],
);

/** Lucia's session design: the token is `<id>.<secret>`; only SHA-256(secret) is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

/**
 * rate-limiter-flexible's RateLimiterPostgres store: log-in/sign-up and mutation budgets shared by
 * every server process on one PostgreSQL (server/src/services/limiter.ts). The columns are exactly
 * the ones the library's own CREATE TABLE makes; it runs with `tableCreated: true`, so this
 * migration creates it. `key` is `<keyPrefix>:<key>` (accounts as SHA-256, never the email);
 * `expire` is epoch milliseconds. No org_id: not a tenant table, no RLS.
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

/** A tenant. Its `id` is the `org_id` of every tenant row. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: orgKind('kind').notNull(),
    timeZone: text('time_zone').notNull().default('Africa/Cairo'),
    defaultLocale: text('default_locale').notNull().default('en'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('organizations_slug_key').on(t.slug)],
);

// ---------------------------------------------------------------- tenant tables (org_id first, RLS)

/** The tenant key every tenant table starts with (first in its primary key and indexes). */
const orgIdColumn = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const memberships = pgTable(
  'memberships',
  {
    orgId: orgIdColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_id_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    emailNormalized: text('email_normalized').notNull(),
    role: memberRole('role').notNull(),
    /** SHA-256 of the single-use token, hex. */
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Invited straight into a cohort (as mentor or learner). */
    cohortId: uuid('cohort_id'),
    cohortRole: cohortRole('cohort_role'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_org_created_idx').on(t.orgId, t.createdAt),
    foreignKey({
      name: 'invitations_cohort_fk',
      columns: [t.orgId, t.cohortId],
      foreignColumns: [cohorts.orgId, cohorts.id],
    }),
  ],
);

export const emailOutbox = pgTable(
  'email_outbox',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    link: text('link'),
    transport: text('transport').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('email_outbox_org_created_idx').on(t.orgId, t.createdAt)],
);

/** Append-only: a trigger refuses UPDATE and DELETE (see the rls migration). */
export const auditEvents = pgTable(
  'audit_events',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('audit_events_org_created_idx').on(t.orgId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** The org's skill catalogue: one identity per skill, whatever roadmaps place it. */
export const skills = pgTable(
  'skills',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    /** Stable key (`programming-fundamentals`); unique in the org. */
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    /** For built-in skills: the key of the built-in content, so the UI can show its translations. */
    builtinKey: text('builtin_key'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('skills_org_key_key').on(t.orgId, t.key)],
);

export const roadmaps = pgTable(
  'roadmaps',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    builtinKey: text('builtin_key'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const roadmapStages = pgTable(
  'roadmap_stages',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    roadmapId: uuid('roadmap_id').notNull(),
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    builtinKey: text('builtin_key'),
    position: integer('position').notNull(),
    startMonth: integer('start_month').notNull(),
    endMonth: integer('end_month').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('roadmap_stages_roadmap_idx').on(t.orgId, t.roadmapId, t.position),
    foreignKey({
      name: 'roadmap_stages_roadmap_fk',
      columns: [t.orgId, t.roadmapId],
      foreignColumns: [roadmaps.orgId, roadmaps.id],
    }),
  ],
);

/** A roadmap places a catalogue skill into one of its stages, with a month window. */
export const roadmapSkills = pgTable(
  'roadmap_skills',
  {
    orgId: orgIdColumn(),
    roadmapId: uuid('roadmap_id').notNull(),
    skillId: uuid('skill_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    startMonth: integer('start_month').notNull(),
    endMonth: integer('end_month').notNull(),
    position: integer('position').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.roadmapId, t.skillId] }),
    index('roadmap_skills_stage_idx').on(t.orgId, t.stageId),
    foreignKey({
      name: 'roadmap_skills_roadmap_fk',
      columns: [t.orgId, t.roadmapId],
      foreignColumns: [roadmaps.orgId, roadmaps.id],
    }),
    foreignKey({
      name: 'roadmap_skills_skill_fk',
      columns: [t.orgId, t.skillId],
      foreignColumns: [skills.orgId, skills.id],
    }),
    foreignKey({
      name: 'roadmap_skills_stage_fk',
      columns: [t.orgId, t.stageId],
      foreignColumns: [roadmapStages.orgId, roadmapStages.id],
    }),
  ],
);

export const projectBriefs = pgTable(
  'project_briefs',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    roadmapId: uuid('roadmap_id').notNull(),
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    builtinKey: text('builtin_key'),
    skillIds: uuid('skill_ids').array().notNull().default(sql`'{}'::uuid[]`),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('project_briefs_roadmap_idx').on(t.orgId, t.roadmapId),
    foreignKey({
      name: 'project_briefs_roadmap_fk',
      columns: [t.orgId, t.roadmapId],
      foreignColumns: [roadmaps.orgId, roadmaps.id],
    }),
  ],
);

export const resources = pgTable(
  'resources',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    roadmapId: uuid('roadmap_id').notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    url: text('url').notNull(),
    builtinKey: text('builtin_key'),
    skillIds: uuid('skill_ids').array().notNull().default(sql`'{}'::uuid[]`),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('resources_roadmap_idx').on(t.orgId, t.roadmapId),
    foreignKey({
      name: 'resources_roadmap_fk',
      columns: [t.orgId, t.roadmapId],
      foreignColumns: [roadmaps.orgId, roadmaps.id],
    }),
  ],
);

export const cohorts = pgTable(
  'cohorts',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    roadmapId: uuid('roadmap_id').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('cohorts_org_name_idx').on(t.orgId, t.name),
    foreignKey({
      name: 'cohorts_roadmap_fk',
      columns: [t.orgId, t.roadmapId],
      foreignColumns: [roadmaps.orgId, roadmaps.id],
    }),
  ],
);

export const cohortMembers = pgTable(
  'cohort_members',
  {
    orgId: orgIdColumn(),
    cohortId: uuid('cohort_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: cohortRole('role').notNull(),
    /** A learner's own start date (a hire who joins later); null = the cohort's. */
    personalStartDate: date('personal_start_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.cohortId, t.userId] }),
    index('cohort_members_user_idx').on(t.orgId, t.userId),
    foreignKey({
      name: 'cohort_members_cohort_fk',
      columns: [t.orgId, t.cohortId],
      foreignColumns: [cohorts.orgId, cohorts.id],
    }),
  ],
);

/**
 * A stage (or chosen skills) assigned to a whole cohort (`learnerIds` empty) or to chosen learners.
 * `dueOffsetMonths` set = the due date follows each learner's start date; null = `dueDate` as set.
 */
export const stageAssignments = pgTable(
  'stage_assignments',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    cohortId: uuid('cohort_id').notNull(),
    stageId: uuid('stage_id'),
    skillIds: uuid('skill_ids').array().notNull(),
    learnerIds: uuid('learner_ids').array().notNull().default(sql`'{}'::uuid[]`),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    dueOffsetMonths: integer('due_offset_months'),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('stage_assignments_cohort_idx').on(t.orgId, t.cohortId),
    foreignKey({
      name: 'stage_assignments_cohort_fk',
      columns: [t.orgId, t.cohortId],
      foreignColumns: [cohorts.orgId, cohorts.id],
    }),
    foreignKey({
      name: 'stage_assignments_stage_fk',
      columns: [t.orgId, t.stageId],
      foreignColumns: [roadmapStages.orgId, roadmapStages.id],
    }),
  ],
);

/** Progress belongs to (learner, skill): evidence counts once, whatever roadmap shows the skill. */
export const skillProgress = pgTable(
  'skill_progress',
  {
    orgId: orgIdColumn(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillId: uuid('skill_id').notNull(),
    status: progressStatus('status').notNull(),
    learningAt: timestamp('learning_at', { withTimezone: true }),
    evidencedAt: timestamp('evidenced_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    selfMarked: boolean('self_marked').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.learnerId, t.skillId] }),
    index('skill_progress_skill_idx').on(t.orgId, t.skillId),
    foreignKey({
      name: 'skill_progress_skill_fk',
      columns: [t.orgId, t.skillId],
      foreignColumns: [skills.orgId, skills.id],
    }),
  ],
);

/**
 * A learner's repository submitted against a brief and/or claimed skills. Submitting the same repo
 * for the same brief again adds a revision (`dedupeKey` = lower(owner/repo) + '#' + brief id).
 * `version` guards concurrent reviews (optimistic concurrency).
 */
export const submissions = pgTable(
  'submissions',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id').notNull(),
    briefId: uuid('brief_id'),
    repoOwner: text('repo_owner').notNull(),
    repoName: text('repo_name').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    status: submissionStatus('status').notNull().default('submitted'),
    currentRevision: integer('current_revision').notNull().default(1),
    version: integer('version').notNull().default(1),
    /** Head SHA of the default branch when the submission was approved (freshness check). */
    approvedSha: text('approved_sha'),
    changedSinceApproval: boolean('changed_since_approval').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('submissions_learner_dedupe_key').on(t.orgId, t.learnerId, t.dedupeKey),
    index('submissions_queue_idx').on(t.orgId, t.status, t.submittedAt),
    index('submissions_cohort_idx').on(t.orgId, t.cohortId),
    foreignKey({
      name: 'submissions_cohort_fk',
      columns: [t.orgId, t.cohortId],
      foreignColumns: [cohorts.orgId, cohorts.id],
    }),
    foreignKey({
      name: 'submissions_brief_fk',
      columns: [t.orgId, t.briefId],
      foreignColumns: [projectBriefs.orgId, projectBriefs.id],
    }),
  ],
);

export const submissionRevisions = pgTable(
  'submission_revisions',
  {
    orgId: orgIdColumn(),
    submissionId: uuid('submission_id').notNull(),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    note: text('note').notNull().default(''),
    claimedSkillIds: uuid('claimed_skill_ids').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.submissionId, t.revision] }),
    foreignKey({
      name: 'submission_revisions_submission_fk',
      columns: [t.orgId, t.submissionId],
      foreignColumns: [submissions.orgId, submissions.id],
    }),
  ],
);

/** Append-only (trigger): a review is a decision on one revision, with per-skill ratings. */
export const reviews = pgTable(
  'reviews',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    submissionId: uuid('submission_id').notNull(),
    revision: integer('revision').notNull(),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    decision: reviewDecision('decision').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('reviews_submission_idx').on(t.orgId, t.submissionId),
    foreignKey({
      name: 'reviews_revision_fk',
      columns: [t.orgId, t.submissionId, t.revision],
      foreignColumns: [submissionRevisions.orgId, submissionRevisions.submissionId, submissionRevisions.revision],
    }),
  ],
);

export const reviewSkillRatings = pgTable(
  'review_skill_ratings',
  {
    orgId: orgIdColumn(),
    reviewId: uuid('review_id').notNull(),
    skillId: uuid('skill_id').notNull(),
    rating: skillRating('rating').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.reviewId, t.skillId] }),
    foreignKey({
      name: 'review_skill_ratings_review_fk',
      columns: [t.orgId, t.reviewId],
      foreignColumns: [reviews.orgId, reviews.id],
    }),
    foreignKey({
      name: 'review_skill_ratings_skill_fk',
      columns: [t.orgId, t.skillId],
      foreignColumns: [skills.orgId, skills.id],
    }),
  ],
);

/** The latest automatic analysis of a submission's repository, with the job's state. */
export const repoAnalyses = pgTable(
  'repo_analyses',
  {
    orgId: orgIdColumn(),
    submissionId: uuid('submission_id').notNull(),
    status: analysisStatus('status').notNull().default('queued'),
    reason: text('reason'),
    etag: text('etag'),
    headSha: text('head_sha'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    apiCalls: integer('api_calls').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    nextRetryAt: timestamp('next_retry_at', { withTimezone: true }),
    analysedAt: timestamp('analysed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.submissionId] }),
    foreignKey({
      name: 'repo_analyses_submission_fk',
      columns: [t.orgId, t.submissionId],
      foreignColumns: [submissions.orgId, submissions.id],
    }),
  ],
);

/** In-app notifications (also sent by email through the outbox). */
export const notifications = pgTable(
  'notifications',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    submissionId: uuid('submission_id'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt),
    foreignKey({
      name: 'notifications_submission_fk',
      columns: [t.orgId, t.submissionId],
      foreignColumns: [submissions.orgId, submissions.id],
    }),
  ],
);

/** A mentor's saved feedback snippets, optionally for one skill. */
export const feedbackSnippets = pgTable(
  'feedback_snippets',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillId: uuid('skill_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('feedback_snippets_owner_idx').on(t.orgId, t.ownerId),
    foreignKey({
      name: 'feedback_snippets_skill_fk',
      columns: [t.orgId, t.skillId],
      foreignColumns: [skills.orgId, skills.id],
    }),
  ],
);

/** A learner's read-only public portfolio page, at an unguessable link (only its hash stored). */
export const portfolioLinks = pgTable(
  'portfolio_links',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    includeComments: boolean('include_comments').notNull().default(false),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('portfolio_links_token_hash_key').on(t.tokenHash)],
);

/** What a learner (a hire) lets the organisation's read-only viewers see beyond progress numbers. */
export const learnerConsents = pgTable(
  'learner_consents',
  {
    orgId: orgIdColumn(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    shareComments: boolean('share_comments').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.learnerId] })],
);

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
] as const;
