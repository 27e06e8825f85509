/** Cohorts, their members, stage assignments and each learner's skill progress. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { cohortRole, createdAt, progressStatus, updatedAt } from './columns';
import { orgIdColumn, users } from './global';
import { roadmapStages, roadmaps, skills } from './roadmaps';

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
