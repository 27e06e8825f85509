/** Roadmaps: reading, editing the roadmap itself, duplicating; stages, skills and content live beside it. */
import { projectBriefs, resources, roadmapSkills, roadmapStages, roadmaps, skills } from '@masar/drizzle';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { Tenant } from './helpers';

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

export * from './builtin';
export * from './content';
export * from './skills';
export * from './stages';
