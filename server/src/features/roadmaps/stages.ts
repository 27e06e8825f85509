/** Stages of a roadmap: add, rename, reorder, archive (every change audited). */
import { roadmapSkills, roadmapStages } from '@masar/drizzle';
import { slugify } from '@masar/shared';
import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { checkWindow, diff, swapped, type Tenant } from './helpers';
import { loadRoadmap } from './service';
export async function loadStage(db: Db, tenant: Tenant, stageId: string) {
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
