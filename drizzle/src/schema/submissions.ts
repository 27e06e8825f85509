import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cohorts } from './cohorts';
import { analysisStatus, createdAt, reviewDecision, skillRating, submissionStatus, updatedAt } from './columns';
import { orgIdColumn, users } from './global';
import { projectBriefs, skills } from './roadmaps';

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
