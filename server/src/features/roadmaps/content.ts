/** Project briefs and learning resources attached to a roadmap (audited). */
import { projectBriefs, resources } from '@masar/drizzle';
import { slugify } from '@masar/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { diff, type Tenant } from './helpers';
import { loadRoadmap } from './service';
import { assertSkillsInOrg } from './skills';
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
