/** The skill catalogue and roadmaps: stages, placed skills, project briefs, resources. */
import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { orgIdColumn } from './global';

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
