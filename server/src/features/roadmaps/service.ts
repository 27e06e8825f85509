import { projectBriefs, resources, roadmapSkills, roadmapStages, roadmaps, skills } from '@masar/drizzle';
import { BUILTIN_ROADMAP, slugify } from '@masar/shared';
import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { TenantCtx } from '../../trpc';

type Tenant = Pick<TenantCtx, 'orgId' | 'userId'>;

const invalid = (userMessage: string, field?: string) =>
  new AppError('BAD_REQUEST', { userMessage, message: userMessage, ...(field ? { field } : {}) });

function checkWindow(startMonth: number, endMonth: number) {
  if (!(Number.isInteger(startMonth) && Number.isInteger(endMonth) && startMonth >= 0 && endMonth <= 36)) {
    throw invalid('errors.month.range', 'startMonth');
  }
  if (startMonth >= endMonth) throw invalid('errors.month.order', 'endMonth');
}

// ---------------------------------------------------------------- the built-in roadmap

/** Gives a new organisation its own copy of the built-in roadmap (catalogue skills included). */
export async function seedBuiltinRoadmap(db: Db, tenant: Tenant) {
  const b = BUILTIN_ROADMAP;
  const orgId = tenant.orgId;
  const [roadmap] = await db
    .insert(roadmaps)
    .values({ orgId, title: b.title.en, description: b.description.en, builtinKey: b.key })
    .returning({ id: roadmaps.id });
  const roadmapId = roadmap!.id;
  const skillRows = await db
    .insert(skills)
    .values(
      b.skills.map((s) => ({
        orgId,
        key: s.key,
        title: s.title.en,
        description: s.description.en,
        category: s.category,
        builtinKey: s.key,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: skills.id, key: skills.key });
  // Skills that already existed in the catalogue (a second copy) are reused, never duplicated.
  const allSkills = await db
    .select({ id: skills.id, key: skills.key })
    .from(skills)
    .where(
      and(
        eq(skills.orgId, orgId),
        inArray(
          skills.key,
          b.skills.map((s) => s.key),
        ),
      ),
    );
  const skillId = new Map([...skillRows, ...allSkills].map((r) => [r.key, r.id]));
  const stageRows = await db
    .insert(roadmapStages)
    .values(
      b.stages.map((s, i) => ({
        orgId,
        roadmapId,
        key: s.key,
        title: s.title.en,
        description: s.description.en,
        builtinKey: s.key,
        position: i,
        startMonth: s.startMonth,
        endMonth: s.endMonth,
      })),
    )
    .returning({ id: roadmapStages.id, key: roadmapStages.key });
  const stageId = new Map(stageRows.map((r) => [r.key, r.id]));
  await db.insert(roadmapSkills).values(
    b.skills.map((s, i) => ({
      orgId,
      roadmapId,
      skillId: skillId.get(s.key)!,
      stageId: stageId.get(s.stageKey)!,
      startMonth: s.startMonth,
      endMonth: s.endMonth,
      position: i,
    })),
  );
  await db.insert(projectBriefs).values(
    b.briefs.map((br) => ({
      orgId,
      roadmapId,
      key: br.key,
      title: br.title.en,
      description: br.description.en,
      builtinKey: br.key,
      skillIds: br.skillKeys.map((k) => skillId.get(k)!),
    })),
  );
  await db.insert(resources).values(
    b.resources.map((r) => ({
      orgId,
      roadmapId,
      title: r.title.en,
      kind: r.kind,
      url: r.url,
      builtinKey: r.key,
      skillIds: r.skillKeys.map((k) => skillId.get(k)!),
    })),
  );
  return { roadmapId };
}

// ---------------------------------------------------------------- reading

export async function listRoadmaps(db: Db, tenant: Tenant) {
  return db
    .select({
      id: roadmaps.id,
      title: roadmaps.title,
      description: roadmaps.description,
      builtinKey: roadmaps.builtinKey,
      archivedAt: roadmaps.archivedAt,
      updatedAt: roadmaps.updatedAt,
    })
    .from(roadmaps)
    .where(eq(roadmaps.orgId, tenant.orgId))
    .orderBy(asc(roadmaps.createdAt), asc(roadmaps.id))
    .limit(200);
}

export async function loadRoadmap(db: Db, tenant: Tenant, roadmapId: string) {
  const [r] = await db
    .select()
    .from(roadmaps)
    .where(and(eq(roadmaps.orgId, tenant.orgId), eq(roadmaps.id, roadmapId)))
    .limit(1);
  if (!r) throw notFound('roadmap');
  return r;
}

/** A roadmap with its stages, placed skills (catalogue data joined), briefs and resources. */
export async function getRoadmap(db: Db, tenant: Tenant, params: { roadmapId: string; includeArchived?: boolean }) {
  const roadmap = await loadRoadmap(db, tenant, params.roadmapId);
  const active = !params.includeArchived;
  const [stageRows, skillRows, briefRows, resourceRows] = await Promise.all([
    db
      .select()
      .from(roadmapStages)
      .where(
        and(
          eq(roadmapStages.orgId, tenant.orgId),
          eq(roadmapStages.roadmapId, roadmap.id),
          active ? isNull(roadmapStages.archivedAt) : undefined,
        ),
      )
      .orderBy(asc(roadmapStages.position), asc(roadmapStages.id)),
    db
      .select({
        skillId: skills.id,
        key: skills.key,
        title: skills.title,
        description: skills.description,
        category: skills.category,
        builtinKey: skills.builtinKey,
        stageId: roadmapSkills.stageId,
        startMonth: roadmapSkills.startMonth,
        endMonth: roadmapSkills.endMonth,
        position: roadmapSkills.position,
        archivedAt: roadmapSkills.archivedAt,
      })
      .from(roadmapSkills)
      .innerJoin(skills, and(eq(skills.orgId, roadmapSkills.orgId), eq(skills.id, roadmapSkills.skillId)))
      .where(
        and(
          eq(roadmapSkills.orgId, tenant.orgId),
          eq(roadmapSkills.roadmapId, roadmap.id),
          active ? isNull(roadmapSkills.archivedAt) : undefined,
        ),
      )
      .orderBy(asc(roadmapSkills.position), asc(skills.key)),
    db
      .select()
      .from(projectBriefs)
      .where(
        and(
          eq(projectBriefs.orgId, tenant.orgId),
          eq(projectBriefs.roadmapId, roadmap.id),
          active ? isNull(projectBriefs.archivedAt) : undefined,
        ),
      )
      .orderBy(asc(projectBriefs.createdAt), asc(projectBriefs.key)),
    db
      .select()
      .from(resources)
      .where(
        and(
          eq(resources.orgId, tenant.orgId),
          eq(resources.roadmapId, roadmap.id),
          active ? isNull(resources.archivedAt) : undefined,
        ),
      )
      .orderBy(asc(resources.createdAt), asc(resources.title)),
  ]);
  return {
    roadmap,
    stages: stageRows,
    skills: skillRows,
    briefs: briefRows,
    resources: resourceRows,
  };
}

// ---------------------------------------------------------------- editing (every change audited)

export async function updateRoadmap(
  db: Db,
  tenant: Tenant,
  p: { roadmapId: string; title?: string; description?: string },
) {
  const before = await loadRoadmap(db, tenant, p.roadmapId);
  const [after] = await db
    .update(roadmaps)
    .set({ title: p.title ?? before.title, description: p.description ?? before.description, builtinKey: null })
    .where(and(eq(roadmaps.orgId, tenant.orgId), eq(roadmaps.id, p.roadmapId)))
    .returning();
  await recordAudit(db, tenant, {
    action: 'roadmap.updated',
    targetType: 'roadmap',
    targetId: p.roadmapId,
    details: { title: { from: before.title, to: after!.title } },
  });
  return after!;
}

/** A copy with the same stages, windows, briefs and resources, on the same catalogue skills. */
export async function duplicateRoadmap(db: Db, tenant: Tenant, p: { roadmapId: string; title: string }) {
  const src = await getRoadmap(db, tenant, { roadmapId: p.roadmapId });
  const [copy] = await db
    .insert(roadmaps)
    .values({ orgId: tenant.orgId, title: p.title, description: src.roadmap.description })
    .returning();
  const stageMap = new Map<string, string>();
  if (src.stages.length) {
    const rows = await db
      .insert(roadmapStages)
      .values(
        src.stages.map((s) => ({
          orgId: tenant.orgId,
          roadmapId: copy!.id,
          key: s.key,
          title: s.title,
          description: s.description,
          builtinKey: s.builtinKey,
          position: s.position,
          startMonth: s.startMonth,
          endMonth: s.endMonth,
        })),
      )
      .returning({ id: roadmapStages.id, key: roadmapStages.key, position: roadmapStages.position });
    for (const [i, s] of src.stages.entries()) stageMap.set(s.id, rows[i]!.id);
  }
  if (src.skills.length) {
    await db.insert(roadmapSkills).values(
      src.skills.map((s) => ({
        orgId: tenant.orgId,
        roadmapId: copy!.id,
        skillId: s.skillId,
        stageId: stageMap.get(s.stageId)!,
        startMonth: s.startMonth,
        endMonth: s.endMonth,
        position: s.position,
      })),
    );
  }
  if (src.briefs.length) {
    await db.insert(projectBriefs).values(
      src.briefs.map((b) => ({
        orgId: tenant.orgId,
        roadmapId: copy!.id,
        key: b.key,
        title: b.title,
        description: b.description,
        builtinKey: b.builtinKey,
        skillIds: b.skillIds,
      })),
    );
  }
  if (src.resources.length) {
    await db.insert(resources).values(
      src.resources.map((r) => ({
        orgId: tenant.orgId,
        roadmapId: copy!.id,
        title: r.title,
        kind: r.kind,
        url: r.url,
        builtinKey: r.builtinKey,
        skillIds: r.skillIds,
      })),
    );
  }
  await recordAudit(db, tenant, {
    action: 'roadmap.duplicated',
    targetType: 'roadmap',
    targetId: copy!.id,
    details: { from: p.roadmapId, title: p.title },
  });
  return copy!;
}

async function loadStage(db: Db, tenant: Tenant, stageId: string) {
  const [s] = await db
    .select()
    .from(roadmapStages)
    .where(and(eq(roadmapStages.orgId, tenant.orgId), eq(roadmapStages.id, stageId)))
    .limit(1);
  if (!s) throw notFound('stage');
  return s;
}

export async function addStage(
  db: Db,
  tenant: Tenant,
  p: { roadmapId: string; title: string; description: string; startMonth: number; endMonth: number },
) {
  await loadRoadmap(db, tenant, p.roadmapId);
  checkWindow(p.startMonth, p.endMonth);
  const [{ pos } = { pos: null }] = await db
    .select({ pos: max(roadmapStages.position) })
    .from(roadmapStages)
    .where(and(eq(roadmapStages.orgId, tenant.orgId), eq(roadmapStages.roadmapId, p.roadmapId)));
  const key = slugify(p.title) || 'stage';
  const [stage] = await db
    .insert(roadmapStages)
    .values({
      orgId: tenant.orgId,
      roadmapId: p.roadmapId,
      key,
      title: p.title,
      description: p.description,
      position: (pos ?? -1) + 1,
      startMonth: p.startMonth,
      endMonth: p.endMonth,
    })
    .returning();
  await recordAudit(db, tenant, {
    action: 'stage.added',
    targetType: 'stage',
    targetId: stage!.id,
    details: { roadmapId: p.roadmapId, title: p.title },
  });
  return stage!;
}

export async function updateStage(
  db: Db,
  tenant: Tenant,
  p: {
    stageId: string;
    title?: string | undefined;
    description?: string | undefined;
    startMonth?: number | undefined;
    endMonth?: number | undefined;
  },
) {
  const before = await loadStage(db, tenant, p.stageId);
  const next = {
    title: p.title ?? before.title,
    description: p.description ?? before.description,
    startMonth: p.startMonth ?? before.startMonth,
    endMonth: p.endMonth ?? before.endMonth,
  };
  checkWindow(next.startMonth, next.endMonth);
  const textChanged = next.title !== before.title || next.description !== before.description;
  const [after] = await db
    .update(roadmapStages)
    .set({ ...next, ...(textChanged ? { builtinKey: null } : {}) })
    .where(and(eq(roadmapStages.orgId, tenant.orgId), eq(roadmapStages.id, p.stageId)))
    .returning();
  await recordAudit(db, tenant, {
    action: 'stage.updated',
    targetType: 'stage',
    targetId: p.stageId,
    details: diff(before, next),
  });
  return after!;
}

/** Swap positions with the neighbour above or below. */
export async function moveStage(db: Db, tenant: Tenant, p: { stageId: string; direction: 'up' | 'down' }) {
  const stage = await loadStage(db, tenant, p.stageId);
  const siblings = await db
    .select({ id: roadmapStages.id, position: roadmapStages.position })
    .from(roadmapStages)
    .where(
      and(
        eq(roadmapStages.orgId, tenant.orgId),
        eq(roadmapStages.roadmapId, stage.roadmapId),
        isNull(roadmapStages.archivedAt),
      ),
    )
    .orderBy(asc(roadmapStages.position), asc(roadmapStages.id));
  const order = swapped(
    siblings.map((s) => s.id),
    p.stageId,
    p.direction,
  );
  for (const [i, id] of order.entries()) {
    await db
      .update(roadmapStages)
      .set({ position: i })
      .where(and(eq(roadmapStages.orgId, tenant.orgId), eq(roadmapStages.id, id)));
  }
  await recordAudit(db, tenant, {
    action: 'stage.moved',
    targetType: 'stage',
    targetId: p.stageId,
    details: { direction: p.direction },
  });
  return { order };
}

/** Archives a stage and its skill placements (progress is kept); `archived: false` restores both. */
export async function archiveStage(db: Db, tenant: Tenant, p: { stageId: string; now: Date; archived?: boolean }) {
  const stage = await loadStage(db, tenant, p.stageId);
  const archive = p.archived ?? true;
  await db
    .update(roadmapStages)
    .set({ archivedAt: archive ? p.now : null })
    .where(and(eq(roadmapStages.orgId, tenant.orgId), eq(roadmapStages.id, stage.id)));
  // Restoring brings back the placements archived together with the stage (same instant).
  const placements = archive
    ? isNull(roadmapSkills.archivedAt)
    : stage.archivedAt
      ? eq(roadmapSkills.archivedAt, stage.archivedAt)
      : sql`false`;
  await db
    .update(roadmapSkills)
    .set({ archivedAt: archive ? p.now : null })
    .where(and(eq(roadmapSkills.orgId, tenant.orgId), eq(roadmapSkills.stageId, stage.id), placements));
  await recordAudit(db, tenant, {
    action: archive ? 'stage.archived' : 'stage.restored',
    targetType: 'stage',
    targetId: stage.id,
    details: { title: stage.title },
  });
  return { stageId: stage.id, archived: archive };
}

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

async function assertSkillsInOrg(db: Db, tenant: Tenant, skillIds: string[]) {
  if (skillIds.length === 0) return;
  const found = await db
    .select({ id: skills.id })
    .from(skills)
    .where(and(eq(skills.orgId, tenant.orgId), inArray(skills.id, skillIds)));
  if (found.length !== new Set(skillIds).size) throw notFound('skill');
}

export async function addBrief(
  db: Db,
  tenant: Tenant,
  p: { roadmapId: string; title: string; description: string; skillIds: string[] },
) {
  await loadRoadmap(db, tenant, p.roadmapId);
  await assertSkillsInOrg(db, tenant, p.skillIds);
  const [brief] = await db
    .insert(projectBriefs)
    .values({
      orgId: tenant.orgId,
      roadmapId: p.roadmapId,
      key: slugify(p.title) || 'brief',
      title: p.title,
      description: p.description,
      skillIds: [...new Set(p.skillIds)],
    })
    .returning();
  await recordAudit(db, tenant, {
    action: 'brief.added',
    targetType: 'brief',
    targetId: brief!.id,
    details: { title: p.title },
  });
  return brief!;
}

export async function updateBrief(
  db: Db,
  tenant: Tenant,
  p: {
    briefId: string;
    title: string;
    description: string;
    skillIds: string[];
    archived?: boolean | undefined;
    now: Date;
  },
) {
  const [before] = await db
    .select()
    .from(projectBriefs)
    .where(and(eq(projectBriefs.orgId, tenant.orgId), eq(projectBriefs.id, p.briefId)))
    .limit(1);
  if (!before) throw notFound('brief');
  await assertSkillsInOrg(db, tenant, p.skillIds);
  const textChanged = p.title !== before.title || p.description !== before.description;
  const [after] = await db
    .update(projectBriefs)
    .set({
      title: p.title,
      description: p.description,
      skillIds: [...new Set(p.skillIds)],
      ...(textChanged ? { builtinKey: null } : {}),
      ...(p.archived === undefined ? {} : { archivedAt: p.archived ? p.now : null }),
    })
    .where(and(eq(projectBriefs.orgId, tenant.orgId), eq(projectBriefs.id, p.briefId)))
    .returning();
  await recordAudit(db, tenant, {
    action: p.archived ? 'brief.archived' : 'brief.updated',
    targetType: 'brief',
    targetId: p.briefId,
    details: diff(before, { title: p.title, description: p.description }),
  });
  return after!;
}

export async function addResource(
  db: Db,
  tenant: Tenant,
  p: { roadmapId: string; title: string; kind: string; url: string; skillIds: string[] },
) {
  await loadRoadmap(db, tenant, p.roadmapId);
  await assertSkillsInOrg(db, tenant, p.skillIds);
  const [row] = await db
    .insert(resources)
    .values({
      orgId: tenant.orgId,
      roadmapId: p.roadmapId,
      title: p.title,
      kind: p.kind,
      url: p.url,
      skillIds: [...new Set(p.skillIds)],
    })
    .returning();
  await recordAudit(db, tenant, {
    action: 'resource.added',
    targetType: 'resource',
    targetId: row!.id,
    details: { title: p.title, url: p.url },
  });
  return row!;
}

export async function updateResource(
  db: Db,
  tenant: Tenant,
  p: {
    resourceId: string;
    title: string;
    kind: string;
    url: string;
    skillIds: string[];
    archived?: boolean | undefined;
    now: Date;
  },
) {
  const [before] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.orgId, tenant.orgId), eq(resources.id, p.resourceId)))
    .limit(1);
  if (!before) throw notFound('resource');
  await assertSkillsInOrg(db, tenant, p.skillIds);
  const [after] = await db
    .update(resources)
    .set({
      title: p.title,
      kind: p.kind,
      url: p.url,
      skillIds: [...new Set(p.skillIds)],
      ...(p.title !== before.title ? { builtinKey: null } : {}),
      ...(p.archived === undefined ? {} : { archivedAt: p.archived ? p.now : null }),
    })
    .where(and(eq(resources.orgId, tenant.orgId), eq(resources.id, p.resourceId)))
    .returning();
  await recordAudit(db, tenant, {
    action: p.archived ? 'resource.archived' : 'resource.updated',
    targetType: 'resource',
    targetId: p.resourceId,
    details: diff(before, { title: p.title, kind: p.kind, url: p.url }),
  });
  return after!;
}

// ---------------------------------------------------------------- helpers

function swapped(ids: string[], id: string, direction: 'up' | 'down'): string[] {
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return ids;
  const out = [...ids];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) out[k] = { from: before[k], to: v };
  return out;
}
