import { auditEvents, users } from '@masar/drizzle';
import type { OffsetPage } from '@masar/shared';
import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import type { TenantCtx } from '../trpc';
import { paged } from './paging';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Append one event to the org's audit log, in the caller's transaction. */
export async function recordAudit(db: Db, tenant: Pick<TenantCtx, 'orgId' | 'userId'>, entry: AuditEntry) {
  await db.insert(auditEvents).values({
    orgId: tenant.orgId,
    actorUserId: tenant.userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}

export async function listAudit(db: Db, tenant: Pick<TenantCtx, 'orgId'>, page: OffsetPage) {
  const where = eq(auditEvents.orgId, tenant.orgId);
  return paged(
    page,
    (limit, offset) =>
      db
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          targetType: auditEvents.targetType,
          targetId: auditEvents.targetId,
          details: auditEvents.details,
          createdAt: auditEvents.createdAt,
          actorName: users.name,
          actorEmail: users.email,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorUserId))
        .where(where)
        .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(auditEvents).where(where),
  );
}
