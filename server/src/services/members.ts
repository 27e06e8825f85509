import { memberships, users } from '@masar/drizzle';
import { assignableRoles, type OffsetPage, type Role } from '@masar/shared';
import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '../db';
import { AppError, forbidden, notFound } from '../errors';
import type { TenantCtx } from '../trpc';
import { recordAudit } from './audit';
import { ownerCount } from './orgs';
import { paged } from './paging';

/** The members, by name; `q` keeps those whose name or email contains it (case-insensitive). */
export async function listMembers(db: Db, tenant: TenantCtx, page: OffsetPage & { q?: string | undefined }) {
  const q = page.q?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(memberships.orgId, tenant.orgId),
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
  );
  return paged(
    page,
    (limit, offset) =>
      db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          role: memberships.role,
          joinedAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where)
        .orderBy(asc(users.name), asc(users.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
  );
}

async function findMember(db: Db, tenant: TenantCtx, userId: string) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, tenant.orgId), eq(memberships.userId, userId)))
    .limit(1);
  if (!m) throw notFound('member');
  return m;
}

const lastOwner = () => new AppError('CONFLICT', { userMessage: 'errors.member.lastOwner', message: 'last owner' });

/** Only owners touch owners; the last owner can never be demoted. */
export async function changeRole(db: Db, tenant: TenantCtx, params: { userId: string; role: Role }) {
  const target = await findMember(db, tenant, params.userId);
  if (target.role === params.role) return { userId: params.userId, role: params.role };
  if ((target.role === 'owner' || params.role === 'owner') && tenant.role !== 'owner') {
    throw forbidden('only owners change owners');
  }
  if (!assignableRoles(tenant.role).includes(params.role)) throw forbidden('role not assignable');
  if (target.role === 'owner' && (await ownerCount(db, tenant.orgId)) <= 1) throw lastOwner();
  await db
    .update(memberships)
    .set({ role: params.role })
    .where(and(eq(memberships.orgId, tenant.orgId), eq(memberships.userId, params.userId)));
  await recordAudit(db, tenant, {
    action: 'member.role_changed',
    targetType: 'user',
    targetId: params.userId,
    details: { from: target.role, to: params.role },
  });
  return { userId: params.userId, role: params.role };
}

/** Removes a member: their history stays; their sessions lose access to this org at once. */
export async function removeMember(db: Db, tenant: TenantCtx, params: { userId: string }) {
  const target = await findMember(db, tenant, params.userId);
  if (target.role === 'owner' && tenant.role !== 'owner') throw forbidden('only owners remove owners');
  if (target.role === 'owner' && (await ownerCount(db, tenant.orgId)) <= 1) throw lastOwner();
  await db.delete(memberships).where(and(eq(memberships.orgId, tenant.orgId), eq(memberships.userId, params.userId)));
  await recordAudit(db, tenant, {
    action: params.userId === tenant.userId ? 'member.left' : 'member.removed',
    targetType: 'user',
    targetId: params.userId,
    details: { role: target.role },
  });
  return { userId: params.userId };
}

export function leaveOrg(db: Db, tenant: TenantCtx) {
  return removeMember(db, tenant, { userId: tenant.userId });
}
