import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, orgKind, updatedAt } from './columns';

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

/** The tenant key every tenant table starts with (first in its primary key and indexes). */
export const orgIdColumn = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
