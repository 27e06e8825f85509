import { randomUUID } from 'node:crypto';
import { memberships, organizations } from '@masar/drizzle';
import { type CreateOrgInput, can, PERMISSIONS, type Permission, type Role } from '@masar/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Database, Db } from '../../db';
import { applyRlsScope, inTransaction, withScope } from '../../db/tenant';
import { AppError, isUniqueViolation } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { TenantCtx } from '../../trpc';
import { seedBuiltinRoadmap } from '../roadmaps/service';

export const RESERVED_SLUGS = new Set([
  'new',
  'admin',
  'api',
  'trpc',
  'login',
  'signup',
  'account',
  'invite',
  'o',
  'settings',
]);

const slugTaken = () =>
  new AppError('CONFLICT', { userMessage: 'errors.slug.taken', message: 'slug taken', field: 'slug' });

/** Creates an organisation; the creator becomes its owner. */
export async function createOrg(database: Database, userId: string, input: CreateOrgInput) {
  if (RESERVED_SLUGS.has(input.slug)) throw slugTaken();
  const orgId = randomUUID();
  try {
    return await inTransaction(database.db, async (tx) => {
      const [org] = await tx
        .insert(organizations)
        .values({
          id: orgId,
          slug: input.slug,
          name: input.name,
          kind: input.kind,
          timeZone: input.timeZone,
          ...(input.defaultLocale ? { defaultLocale: input.defaultLocale } : {}),
        })
        .returning();
      await applyRlsScope(tx, database, { orgId, userId });
      await tx.insert(memberships).values({ orgId, userId, role: 'owner' });
      // Every new organisation starts with its own copy of the built-in roadmap.
      await seedBuiltinRoadmap(tx, { orgId, userId });
      await recordAudit(
        tx,
        { orgId, userId },
        {
          action: 'org.created',
          targetType: 'organization',
          targetId: orgId,
          details: { name: input.name, slug: input.slug, kind: input.kind, timeZone: input.timeZone },
        },
      );
      return org!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_slug_key')) throw slugTaken();
    throw err;
  }
}

/** The organisations the user belongs to, for the switcher. */
export function listMyOrgs(database: Database, userId: string) {
  return withScope(database, { userId }, (tx) =>
    tx
      .select({
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        kind: organizations.kind,
        defaultLocale: organizations.defaultLocale,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organizations.name)),
  );
}

/** The org as its member sees it, with the permissions of their role (drives the UI). */
export function describeOrg(tenant: TenantCtx) {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(tenant.role, p));
  const { id, slug, name, kind, timeZone, defaultLocale, createdAt } = tenant.org;
  return { id, slug, name, kind, timeZone, defaultLocale, createdAt, role: tenant.role as Role, permissions };
}

export async function updateOrg(
  db: Db,
  tenant: TenantCtx,
  input: { name?: string | undefined; timeZone?: string | undefined; defaultLocale?: string | undefined },
) {
  const before = tenant.org;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'timeZone', 'defaultLocale'] as const) {
    const to = input[key];
    if (to !== undefined && to !== before[key]) changes[key] = { from: before[key], to };
  }
  if (Object.keys(changes).length === 0) return describeOrg(tenant);
  const [org] = await db
    .update(organizations)
    .set({
      name: input.name ?? before.name,
      timeZone: input.timeZone ?? before.timeZone,
      defaultLocale: input.defaultLocale ?? before.defaultLocale,
    })
    .where(eq(organizations.id, tenant.orgId))
    .returning();
  await recordAudit(db, tenant, {
    action: 'org.updated',
    targetType: 'organization',
    targetId: tenant.orgId,
    details: changes,
  });
  return describeOrg({ ...tenant, org: org! });
}

export async function ownerCount(db: Db, orgId: string): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
  return rows.length;
}
