/** A mentor's saved feedback snippets (their own, optionally per skill), used while reviewing. */
import { feedbackSnippets, skills } from '@masar/drizzle';
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { TenantCtx } from '../../trpc';

export async function listSnippets(db: Db, tenant: TenantCtx, p: { skillId?: string | undefined }) {
  return db
    .select({
      id: feedbackSnippets.id,
      skillId: feedbackSnippets.skillId,
      title: feedbackSnippets.title,
      body: feedbackSnippets.body,
    })
    .from(feedbackSnippets)
    .where(
      and(
        eq(feedbackSnippets.orgId, tenant.orgId),
        eq(feedbackSnippets.ownerId, tenant.userId),
        p.skillId ? or(eq(feedbackSnippets.skillId, p.skillId), isNull(feedbackSnippets.skillId)) : undefined,
      ),
    )
    .orderBy(asc(feedbackSnippets.title))
    .limit(200);
}

export async function saveSnippet(
  db: Db,
  tenant: TenantCtx,
  p: { id?: string | undefined; skillId?: string | null | undefined; title: string; body: string },
) {
  if (p.skillId) {
    // a skill of this organisation's catalogue (the foreign key refuses any other, decision 018)
    const [skill] = await db
      .select({ id: skills.id })
      .from(skills)
      .where(and(eq(skills.orgId, tenant.orgId), eq(skills.id, p.skillId)))
      .limit(1);
    if (!skill) throw notFound('skill');
  }
  if (p.id) {
    const [row] = await db
      .update(feedbackSnippets)
      .set({ title: p.title, body: p.body, skillId: p.skillId ?? null })
      .where(
        and(
          eq(feedbackSnippets.orgId, tenant.orgId),
          eq(feedbackSnippets.id, p.id),
          eq(feedbackSnippets.ownerId, tenant.userId),
        ),
      )
      .returning();
    if (!row) throw notFound('snippet');
    return row;
  }
  const [row] = await db
    .insert(feedbackSnippets)
    .values({ orgId: tenant.orgId, ownerId: tenant.userId, skillId: p.skillId ?? null, title: p.title, body: p.body })
    .returning();
  return row!;
}

export async function deleteSnippet(db: Db, tenant: TenantCtx, p: { id: string }) {
  const deleted = await db
    .delete(feedbackSnippets)
    .where(
      and(
        eq(feedbackSnippets.orgId, tenant.orgId),
        eq(feedbackSnippets.id, p.id),
        eq(feedbackSnippets.ownerId, tenant.userId),
      ),
    )
    .returning({ id: feedbackSnippets.id });
  if (deleted.length === 0) throw notFound('snippet');
  return { id: p.id };
}
