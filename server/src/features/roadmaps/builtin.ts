/** Seeding the built-in Egypt backend roadmap into an organisation. */
import { projectBriefs, resources, roadmapSkills, roadmapStages, roadmaps, skills } from '@masar/drizzle';
import { BUILTIN_ROADMAP } from '@masar/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db';
import type { Tenant } from './helpers';

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
