import {
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { orgIdColumn, users } from './global';
import { skills } from './roadmaps';
import { submissions } from './submissions';

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
