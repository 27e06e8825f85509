/** Tenant tables of an organisation's people and records: memberships, invitations, the email outbox, the audit log. */
import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cohorts } from './cohorts';
import { cohortRole, createdAt, memberRole, updatedAt } from './columns';
import { orgIdColumn, users } from './global';

// ---------------------------------------------------------------- tenant tables (org_id first, RLS)

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
