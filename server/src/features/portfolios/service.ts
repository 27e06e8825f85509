import { createHash, randomBytes } from 'node:crypto';
import {
  memberships,
  organizations,
  portfolioLinks,
  reviews,
  skillProgress,
  skills,
  submissions,
  users,
} from '@masar/drizzle';
import type { OffsetPage } from '@masar/shared';
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Db } from '../../db';
import { applyRlsScope, withScope } from '../../db/tenant';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { paged } from '../../lib/paging';
import type { TenantCtx } from '../../trpc';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Publishes the learner's portfolio at a new unguessable link (replacing an earlier one). */
export async function publishPortfolio(
  db: Db,
  tenant: TenantCtx,
  p: { includeComments: boolean; publicUrl: string; now: Date },
) {
  await db
    .update(portfolioLinks)
    .set({ revokedAt: p.now })
    .where(
      and(
        eq(portfolioLinks.orgId, tenant.orgId),
        eq(portfolioLinks.learnerId, tenant.userId),
        isNull(portfolioLinks.revokedAt),
      ),
    );
  const token = randomBytes(32).toString('base64url');
  await db.insert(portfolioLinks).values({
    orgId: tenant.orgId,
    learnerId: tenant.userId,
    tokenHash: hash(token),
    includeComments: p.includeComments,
  });
  await recordAudit(db, tenant, {
    action: 'portfolio.published',
    targetType: 'user',
    targetId: tenant.userId,
    details: { includeComments: p.includeComments },
  });
  return { link: `${p.publicUrl}/p/${token}`, includeComments: p.includeComments };
}

/** Revokes the learner's live links (none → empty list); callers audit. */
export function revokeLinksOf(db: Db, orgId: string, learnerId: string, now: Date) {
  return db
    .update(portfolioLinks)
    .set({ revokedAt: now })
    .where(
      and(eq(portfolioLinks.orgId, orgId), eq(portfolioLinks.learnerId, learnerId), isNull(portfolioLinks.revokedAt)),
    )
    .returning({ id: portfolioLinks.id });
}

export async function revokePortfolio(db: Db, tenant: TenantCtx, p: { now: Date }) {
  const revoked = await revokeLinksOf(db, tenant.orgId, tenant.userId, p.now);
  if (revoked.length === 0) throw notFound('portfolio');
  await recordAudit(db, tenant, { action: 'portfolio.revoked', targetType: 'user', targetId: tenant.userId });
  return { revoked: true as const };
}

/** The organisation's live portfolio links (admins: to take any of them down), newest first. */
export async function listPortfolioLinks(db: Db, tenant: TenantCtx, page: OffsetPage) {
  const where = and(eq(portfolioLinks.orgId, tenant.orgId), isNull(portfolioLinks.revokedAt));
  return paged(
    page,
    (limit, offset) =>
      db
        .select({
          learnerId: portfolioLinks.learnerId,
          name: users.name,
          createdAt: portfolioLinks.createdAt,
          includeComments: portfolioLinks.includeComments,
        })
        .from(portfolioLinks)
        .innerJoin(users, eq(users.id, portfolioLinks.learnerId))
        .where(where)
        .orderBy(desc(portfolioLinks.createdAt), asc(portfolioLinks.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(portfolioLinks).where(where),
  );
}

/** An admin takes down a member's public portfolio link (audited; the learner may publish anew). */
export async function revokePortfolioOf(db: Db, tenant: TenantCtx, p: { learnerId: string; now: Date }) {
  const revoked = await revokeLinksOf(db, tenant.orgId, p.learnerId, p.now);
  if (revoked.length === 0) throw notFound('portfolio');
  await recordAudit(db, tenant, { action: 'portfolio.revoked_by_admin', targetType: 'user', targetId: p.learnerId });
  return { revoked: true as const };
}

export async function portfolioStatus(db: Db, tenant: TenantCtx) {
  const [row] = await db
    .select({ createdAt: portfolioLinks.createdAt, includeComments: portfolioLinks.includeComments })
    .from(portfolioLinks)
    .where(
      and(
        eq(portfolioLinks.orgId, tenant.orgId),
        eq(portfolioLinks.learnerId, tenant.userId),
        isNull(portfolioLinks.revokedAt),
      ),
    )
    .limit(1);
  return { published: Boolean(row), since: row?.createdAt ?? null, includeComments: row?.includeComments ?? false };
}

/**
 * The public, read-only portfolio behind a link: the learner's name, verified skills and approved
 * repositories (with mentors' approval comments if the learner chose so). No email, nothing else.
 */
export function viewPortfolio(database: Database, token: string) {
  return withScope(database, { portfolioTokenHash: hash(token) }, async (tx) => {
    const [link] = await tx
      .select({
        orgId: portfolioLinks.orgId,
        learnerId: portfolioLinks.learnerId,
        includeComments: portfolioLinks.includeComments,
        revokedAt: portfolioLinks.revokedAt,
      })
      .from(portfolioLinks)
      .where(eq(portfolioLinks.tokenHash, hash(token)))
      .limit(1);
    if (!link || link.revokedAt)
      throw new AppError('NOT_FOUND', { userMessage: 'errors.portfolio.notFound', message: 'portfolio not found' });
    await applyRlsScope(tx, database, { orgId: link.orgId });
    // A link works only while its learner is a member (removal also revokes it: belt and braces).
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, link.orgId), eq(memberships.userId, link.learnerId)))
      .limit(1);
    if (!member)
      throw new AppError('NOT_FOUND', { userMessage: 'errors.portfolio.notFound', message: 'portfolio not found' });
    const [[person], [org]] = await Promise.all([
      tx.select({ name: users.name }).from(users).where(eq(users.id, link.learnerId)),
      tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, link.orgId)),
    ]);
    const verified = await tx
      .selectDistinct({
        key: skills.key,
        title: skills.title,
        builtinKey: skills.builtinKey,
        category: skills.category,
        verifiedAt: skillProgress.verifiedAt,
      })
      .from(skillProgress)
      .innerJoin(skills, and(eq(skills.orgId, skillProgress.orgId), eq(skills.id, skillProgress.skillId)))
      .where(
        and(
          eq(skillProgress.orgId, link.orgId),
          eq(skillProgress.learnerId, link.learnerId),
          eq(skillProgress.status, 'verified'),
        ),
      )
      .orderBy(skills.key);
    const repos = await tx
      .select({
        id: submissions.id,
        title: submissions.title,
        repoOwner: submissions.repoOwner,
        repoName: submissions.repoName,
      })
      .from(submissions)
      .where(
        and(
          eq(submissions.orgId, link.orgId),
          eq(submissions.learnerId, link.learnerId),
          eq(submissions.status, 'approved'),
        ),
      )
      .orderBy(desc(submissions.updatedAt));
    const comments =
      link.includeComments && repos.length
        ? await tx
            .select({ submissionId: reviews.submissionId, comment: reviews.comment })
            .from(reviews)
            .where(
              and(
                eq(reviews.orgId, link.orgId),
                eq(reviews.decision, 'approved'),
                inArray(
                  reviews.submissionId,
                  repos.map((r) => r.id),
                ),
              ),
            )
        : [];
    return {
      name: person?.name ?? '',
      orgName: org?.name ?? '',
      skills: verified,
      repos: repos.map(({ id, ...r }) => ({
        ...r,
        repoUrl: `https://github.com/${r.repoOwner}/${r.repoName}`,
        comments: comments.filter((c) => c.submissionId === id).map((c) => c.comment),
      })),
    };
  });
}
