/** A roadmap's skills: placing catalogue skills in stages, editing, reordering, archiving (audited). */
import { roadmapSkills, skills } from '@masar/drizzle';
import { slugify } from '@masar/shared';
import { and, asc, eq, inArray, isNull, max } from 'drizzle-orm';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { checkWindow, diff, swapped, type Tenant } from './helpers';
import { loadRoadmap } from './service';
import { loadStage } from './stages';

async function loadPlacement(db: Db, tenant: Tenant, roadmapId: string, skillId: string) {
  const [row] = await db
    .select({ placement: roadmapSkills, skill: skills })
    .from(roadmapSkills)
    .innerJoin(skills, and(eq(skills.orgId, roadmapSkills.orgId), eq(skills.id, roadmapSkills.skillId)))
    .where(
      and(
        eq(roadmapSkills.orgId, tenant.orgId),
        eq(roadmapSkills.roadmapId, roadmapId),
        eq(roadmapSkills.skillId, skillId),
      ),
    )
    .limit(1);
  if (!row) throw notFound('skill');
  return row;
}

/**
 * Places a skill in a stage. With `key` naming a catalogue skill, that skill is reused (progress on it
 * carries over); otherwise a new catalogue skill is created.
 */
export async function addSkill(
  db: Db,
  tenant: Tenant,
  p: {
    roadmapId: string;
    stageId: string;
    key?: string | undefined;
    title: string;
    description: string;
    category: string;
    startMonth: number;
    endMonth: number;
  },
) {
  await loadRoadmap(db, tenant, p.roadmapId);
  const stage = await loadStage(db, tenant, p.stageId);
  if (stage.roadmapId !== p.roadmapId) throw notFound('stage');
  checkWindow(p.startMonth, p.endMonth);
  let skill: typeof skills.$inferSelect | undefined;
  if (p.key) {
    [skill] = await db
      .select()
      .from(skills)
      .where(and(eq(skills.orgId, tenant.orgId), eq(skills.key, p.key)))
      .limit(1);
  }
  if (!skill) {
    const base = p.key ?? (slugify(p.title) || 'skill');
    const taken = new Set(
      (await db.select({ key: skills.key }).from(skills).where(eq(skills.orgId, tenant.orgId))).map((r) => r.key),
    );
    let key = base;
    for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
    [skill] = await db
      .insert(skills)
      .values({ orgId: tenant.orgId, key, title: p.title, description: p.description, category: p.category })
      .returning();
  } else if (skill.archivedAt) {
    await db
      .update(skills)
      .set({ archivedAt: null })
      .where(and(eq(skills.orgId, tenant.orgId), eq(skills.id, skill.id)));
  }
  const [{ pos } = { pos: null }] = await db
    .select({ pos: max(roadmapSkills.position) })
    .from(roadmapSkills)
    .where(and(eq(roadmapSkills.orgId, tenant.orgId), eq(roadmapSkills.roadmapId, p.roadmapId)));
  await db
    .insert(roadmapSkills)
    .values({
      orgId: tenant.orgId,
      roadmapId: p.roadmapId,
      skillId: skill!.id,
      stageId: p.stageId,
      startMonth: p.startMonth,
      endMonth: p.endMonth,
      position: (pos ?? -1) + 1,
    })
    .onConflictDoUpdate({
      target: [roadmapSkills.orgId, roadmapSkills.roadmapId, roadmapSkills.skillId],
      set: { stageId: p.stageId, startMonth: p.startMonth, endMonth: p.endMonth, archivedAt: null },
    });
  await recordAudit(db, tenant, {
    action: 'skill.added',
    targetType: 'skill',
    targetId: skill!.id,
    details: { roadmapId: p.roadmapId, key: skill!.key, window: [p.startMonth, p.endMonth] },
  });
  return { skillId: skill!.id, key: skill!.key };
}

/** Edits a skill: text and category live on the catalogue skill; stage and window on the placement. */
export async function updateSkill(
  db: Db,
  tenant: Tenant,
  p: {
    roadmapId: string;
    skillId: string;
    title?: string | undefined;
    description?: string | undefined;
    category?: string | undefined;
    stageId?: string | undefined;
    startMonth?: number | undefined;
    endMonth?: number | undefined;
  },
) {
  const { placement, skill } = await loadPlacement(db, tenant, p.roadmapId, p.skillId);
  const text = {
    title: p.title ?? skill.title,
    description: p.description ?? skill.description,
    category: p.category ?? skill.category,
  };
  const place = {
    stageId: p.stageId ?? placement.stageId,
    startMonth: p.startMonth ?? placement.startMonth,
    endMonth: p.endMonth ?? placement.endMonth,
  };
  checkWindow(place.startMonth, place.endMonth);
  if (p.stageId && p.stageId !== placement.stageId) {
    const stage = await loadStage(db, tenant, p.stageId);
    if (stage.roadmapId !== p.roadmapId) throw notFound('stage');
  }
  const textChanged = text.title !== skill.title || text.description !== skill.description;
  await db
    .update(skills)
    .set({ ...text, ...(textChanged ? { builtinKey: null } : {}) })
    .where(and(eq(skills.orgId, tenant.orgId), eq(skills.id, skill.id)));
  await db
    .update(roadmapSkills)
    .set(place)
    .where(
      and(
        eq(roadmapSkills.orgId, tenant.orgId),
        eq(roadmapSkills.roadmapId, p.roadmapId),
        eq(roadmapSkills.skillId, skill.id),
      ),
    );
  await recordAudit(db, tenant, {
    action: 'skill.updated',
    targetType: 'skill',
    targetId: skill.id,
    details: { roadmapId: p.roadmapId, ...diff({ ...skill, ...placement }, { ...text, ...place }) },
  });
  return { skillId: skill.id };
}

export async function moveSkill(
  db: Db,
  tenant: Tenant,
  p: { roadmapId: string; skillId: string; direction: 'up' | 'down' },
) {
  const { placement } = await loadPlacement(db, tenant, p.roadmapId, p.skillId);
  const siblings = await db
    .select({ skillId: roadmapSkills.skillId })
    .from(roadmapSkills)
    .where(
      and(
        eq(roadmapSkills.orgId, tenant.orgId),
        eq(roadmapSkills.roadmapId, p.roadmapId),
        eq(roadmapSkills.stageId, placement.stageId),
        isNull(roadmapSkills.archivedAt),
      ),
    )
    .orderBy(asc(roadmapSkills.position), asc(roadmapSkills.skillId));
  const order = swapped(
    siblings.map((s) => s.skillId),
    p.skillId,
    p.direction,
  );
  const base = Math.min(...(await positionsOf(db, tenant, p.roadmapId, order)));
  for (const [i, id] of order.entries()) {
    await db
      .update(roadmapSkills)
      .set({ position: base + i })
      .where(
        and(
          eq(roadmapSkills.orgId, tenant.orgId),
          eq(roadmapSkills.roadmapId, p.roadmapId),
          eq(roadmapSkills.skillId, id),
        ),
      );
  }
  await recordAudit(db, tenant, {
    action: 'skill.moved',
    targetType: 'skill',
    targetId: p.skillId,
    details: { direction: p.direction },
  });
  return { order };
}

async function positionsOf(db: Db, tenant: Tenant, roadmapId: string, skillIds: string[]) {
  if (skillIds.length === 0) return [0];
  const rows = await db
    .select({ position: roadmapSkills.position })
    .from(roadmapSkills)
    .where(
      and(
        eq(roadmapSkills.orgId, tenant.orgId),
        eq(roadmapSkills.roadmapId, roadmapId),
        inArray(roadmapSkills.skillId, skillIds),
      ),
    );
  return rows.map((r) => r.position);
}

/** Removing a skill from a roadmap archives its placement: progress and history stay. */
export async function setSkillArchived(
  db: Db,
  tenant: Tenant,
  p: { roadmapId: string; skillId: string; archived: boolean; now: Date },
) {
  const { skill } = await loadPlacement(db, tenant, p.roadmapId, p.skillId);
  await db
    .update(roadmapSkills)
    .set({ archivedAt: p.archived ? p.now : null })
    .where(
      and(
        eq(roadmapSkills.orgId, tenant.orgId),
        eq(roadmapSkills.roadmapId, p.roadmapId),
        eq(roadmapSkills.skillId, skill.id),
      ),
    );
  await recordAudit(db, tenant, {
    action: p.archived ? 'skill.archived' : 'skill.restored',
    targetType: 'skill',
    targetId: skill.id,
    details: { roadmapId: p.roadmapId, key: skill.key },
  });
  return { skillId: skill.id };
}

export async function assertSkillsInOrg(db: Db, tenant: Tenant, skillIds: string[]) {
  if (skillIds.length === 0) return;
  const found = await db
    .select({ id: skills.id })
    .from(skills)
    .where(and(eq(skills.orgId, tenant.orgId), inArray(skills.id, skillIds)));
  if (found.length !== new Set(skillIds).size) throw notFound('skill');
}
