import { cohortMembers, cohorts, invitations, memberships, roadmaps, stageAssignments, users } from '@masar/drizzle';
import { can, mayMentor, type OffsetPage } from '@masar/shared';
import { and, asc, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { paged } from '../../lib/paging';
import { cohortScope, cohortScopeWithOwn } from '../../lib/scope';
import type { TenantCtx } from '../../trpc';
import { loadRoadmap } from '../roadmaps/service';
import { listAssignments } from './assignments';

/**
 * The cohort if the caller may see it as a whole (scope.ts: all cohorts, or those they mentor),
 * else NOT_FOUND, like a row of another org. `own: true` also opens a cohort the caller learns in.
 */
export async function loadCohort(db: Db, tenant: TenantCtx, cohortId: string, opts: { own?: boolean } = {}) {
  const [c] = await db
    .select()
    .from(cohorts)
    .where(
      and(
        eq(cohorts.orgId, tenant.orgId),
        eq(cohorts.id, cohortId),
        opts.own ? cohortScopeWithOwn(tenant) : cohortScope(tenant),
      ),
    )
    .limit(1);
  if (!c) throw notFound('cohort');
  return c;
}

export async function createCohort(
  db: Db,
  tenant: TenantCtx,
  p: { name: string; roadmapId: string; startDate: string; endDate?: string | null | undefined },
) {
  const roadmap = await loadRoadmap(db, tenant, p.roadmapId);
  if (roadmap.archivedAt) throw notFound('roadmap');
  const [cohort] = await db
    .insert(cohorts)
    .values({
      orgId: tenant.orgId,
      roadmapId: p.roadmapId,
      name: p.name,
      startDate: p.startDate,
      endDate: p.endDate ?? null,
      createdBy: tenant.userId,
    })
    .returning();
  // Whoever creates a cohort mentors it when their org role may mentor (owner, admin, mentor),
  // so the first submission reaches someone; they can step back once another mentor is added.
  if (mayMentor(tenant.role)) {
    await db
      .insert(cohortMembers)
      .values({ orgId: tenant.orgId, cohortId: cohort!.id, userId: tenant.userId, role: 'mentor' });
  }
  await recordAudit(db, tenant, {
    action: 'cohort.created',
    targetType: 'cohort',
    targetId: cohort!.id,
    details: { name: p.name, roadmapId: p.roadmapId, startDate: p.startDate, endDate: p.endDate ?? null },
  });
  return cohort!;
}

export async function listCohorts(
  db: Db,
  tenant: TenantCtx,
  p: OffsetPage & { search?: string | undefined; archived?: boolean | undefined },
) {
  const where = and(
    eq(cohorts.orgId, tenant.orgId),
    cohortScope(tenant),
    p.archived ? isNotNull(cohorts.archivedAt) : isNull(cohorts.archivedAt),
    p.search ? ilike(cohorts.name, `%${p.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const learnerCount = sql<number>`(select count(*)::int from ${cohortMembers} cm where cm.org_id = ${cohorts.orgId}
    and cm.cohort_id = ${cohorts.id} and cm.role = 'learner')`;
  const mentorCount = sql<number>`(select count(*)::int from ${cohortMembers} cm where cm.org_id = ${cohorts.orgId}
    and cm.cohort_id = ${cohorts.id} and cm.role = 'mentor')`;
  return paged(
    p,
    (limit, offset) =>
      db
        .select({
          id: cohorts.id,
          name: cohorts.name,
          startDate: cohorts.startDate,
          endDate: cohorts.endDate,
          archivedAt: cohorts.archivedAt,
          roadmapId: cohorts.roadmapId,
          roadmapTitle: roadmaps.title,
          learnerCount,
          mentorCount,
        })
        .from(cohorts)
        .innerJoin(roadmaps, and(eq(roadmaps.orgId, cohorts.orgId), eq(roadmaps.id, cohorts.roadmapId)))
        .where(where)
        .orderBy(desc(cohorts.startDate), asc(cohorts.name), asc(cohorts.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(cohorts).where(where),
  );
}

export async function getCohort(db: Db, tenant: TenantCtx, cohortId: string, now: Date) {
  const cohort = await loadCohort(db, tenant, cohortId);
  const [roadmap, members, assignments] = await Promise.all([
    loadRoadmap(db, tenant, cohort.roadmapId),
    db
      .select({
        userId: cohortMembers.userId,
        role: cohortMembers.role,
        personalStartDate: cohortMembers.personalStartDate,
        name: users.name,
        email: users.email,
        addedAt: cohortMembers.createdAt,
      })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.userId))
      .where(and(eq(cohortMembers.orgId, tenant.orgId), eq(cohortMembers.cohortId, cohortId)))
      .orderBy(asc(cohortMembers.role), asc(users.name)),
    listAssignments(db, tenant, cohortId),
  ]);
  return {
    cohort,
    roadmap: { id: roadmap.id, title: roadmap.title, builtinKey: roadmap.builtinKey },
    members,
    assignments,
    pendingInvitations: can(tenant.role, 'cohorts.manage')
      ? await pendingCohortInvitations(db, tenant, cohortId, now)
      : [],
  };
}

/** Invitations straight into the cohort not yet accepted, revoked or expired (people on their way). */
async function pendingCohortInvitations(db: Db, tenant: TenantCtx, cohortId: string, now: Date) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.cohortRole,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, tenant.orgId),
        eq(invitations.cohortId, cohortId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt), asc(invitations.id))
    .limit(200);
}

export async function updateCohort(
  db: Db,
  tenant: TenantCtx,
  p: {
    cohortId: string;
    name?: string | undefined;
    startDate?: string | undefined;
    endDate?: string | null | undefined;
    archived?: boolean | undefined;
    now: Date;
  },
) {
  const before = await loadCohort(db, tenant, p.cohortId);
  const next = {
    name: p.name ?? before.name,
    startDate: p.startDate ?? before.startDate,
    endDate: p.endDate === undefined ? before.endDate : p.endDate,
  };
  if (next.endDate && next.endDate <= next.startDate) {
    throw new AppError('BAD_REQUEST', { userMessage: 'errors.date.endBeforeStart', field: 'endDate' });
  }
  const archivedAt = p.archived === undefined ? before.archivedAt : p.archived ? p.now : null;
  const [after] = await db
    .update(cohorts)
    .set({ ...next, archivedAt })
    .where(and(eq(cohorts.orgId, tenant.orgId), eq(cohorts.id, p.cohortId)))
    .returning();
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ['name', 'startDate', 'endDate'] as const)
    if (before[k] !== next[k]) changes[k] = { from: before[k], to: next[k] };
  const action =
    p.archived === true
      ? 'cohort.archived'
      : p.archived === false && before.archivedAt
        ? 'cohort.restored'
        : 'cohort.updated';
  await recordAudit(db, tenant, { action, targetType: 'cohort', targetId: p.cohortId, details: changes });
  return after!;
}

/** Adds org members to the cohort as mentors or learners (re-adding changes their cohort role). */
export async function addCohortMembers(
  db: Db,
  tenant: TenantCtx,
  p: { cohortId: string; members: { userId: string; role: 'mentor' | 'learner' }[] },
) {
  await loadCohort(db, tenant, p.cohortId);
  const ids = [...new Set(p.members.map((m) => m.userId))];
  const found = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, tenant.orgId), inArray(memberships.userId, ids)));
  if (found.length !== ids.length) throw notFound('member');
  // A cohort's mentors hold an org role that may mentor (shared/src/access.ts MENTOR_ROLES).
  const orgRole = new Map(found.map((f) => [f.userId, f.role]));
  if (p.members.some((m) => m.role === 'mentor' && !mayMentor(orgRole.get(m.userId)))) {
    throw new AppError('BAD_REQUEST', {
      userMessage: 'errors.cohort.mentorNeedsRole',
      field: 'members',
      message: 'cohort mentor without a mentoring org role',
    });
  }
  for (const m of p.members) {
    await db
      .insert(cohortMembers)
      .values({ orgId: tenant.orgId, cohortId: p.cohortId, userId: m.userId, role: m.role })
      .onConflictDoUpdate({
        target: [cohortMembers.orgId, cohortMembers.cohortId, cohortMembers.userId],
        set: { role: m.role },
      });
  }
  await recordAudit(db, tenant, {
    action: 'cohort.members_added',
    targetType: 'cohort',
    targetId: p.cohortId,
    details: { members: p.members },
  });
  return { added: p.members.length };
}

export async function removeCohortMember(db: Db, tenant: TenantCtx, p: { cohortId: string; userId: string }) {
  await loadCohort(db, tenant, p.cohortId);
  const deleted = await db
    .delete(cohortMembers)
    .where(
      and(
        eq(cohortMembers.orgId, tenant.orgId),
        eq(cohortMembers.cohortId, p.cohortId),
        eq(cohortMembers.userId, p.userId),
      ),
    )
    .returning({ userId: cohortMembers.userId, role: cohortMembers.role });
  if (deleted.length === 0) throw notFound('cohort member');
  await recordAudit(db, tenant, {
    action: 'cohort.member_removed',
    targetType: 'cohort',
    targetId: p.cohortId,
    details: deleted[0]!,
  });
  return { userId: p.userId };
}

export async function setPersonalStartDate(
  db: Db,
  tenant: TenantCtx,
  p: { cohortId: string; userId: string; startDate: string | null },
) {
  await loadCohort(db, tenant, p.cohortId);
  const updated = await db
    .update(cohortMembers)
    .set({ personalStartDate: p.startDate })
    .where(
      and(
        eq(cohortMembers.orgId, tenant.orgId),
        eq(cohortMembers.cohortId, p.cohortId),
        eq(cohortMembers.userId, p.userId),
        eq(cohortMembers.role, 'learner'),
      ),
    )
    .returning({ userId: cohortMembers.userId });
  if (updated.length === 0) throw notFound('cohort learner');
  await recordAudit(db, tenant, {
    action: 'cohort.personal_start_set',
    targetType: 'user',
    targetId: p.userId,
    details: { cohortId: p.cohortId, startDate: p.startDate },
  });
  return { userId: p.userId, startDate: p.startDate };
}

// ---------------------------------------------------------------- getting started

/**
 * What a new organisation still has to do before a learner's first submission reaches a mentor
 * (the checklist on the overview): a cohort, a mentor in every active cohort, an assigned stage,
 * learners (or invitations on their way). Counts only the cohorts the caller sees.
 */
export async function gettingStarted(db: Db, tenant: TenantCtx, now: Date) {
  const active = and(eq(cohorts.orgId, tenant.orgId), isNull(cohorts.archivedAt), cohortScope(tenant));
  // `cohorts.…` spelled out: without a join drizzle leaves ${cohorts.id} unqualified, and inside
  // a subquery on a table with its own `id` that would name the inner table's column.
  const count1 = (role: 'mentor' | 'learner') =>
    sql<number>`(select count(*)::int from ${cohortMembers} cm where cm.org_id = cohorts.org_id
      and cm.cohort_id = cohorts.id and cm.role = ${role})`;
  const rows = await db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      mentors: count1('mentor'),
      learners: count1('learner'),
      assignments: sql<number>`(select count(*)::int from ${stageAssignments} sa where sa.org_id = cohorts.org_id
        and sa.cohort_id = cohorts.id and sa.archived_at is null)`,
      invited: sql<number>`(select count(*)::int from ${invitations} i where i.org_id = cohorts.org_id
        and i.cohort_id = cohorts.id and i.accepted_at is null and i.revoked_at is null
        and i.expires_at > ${now.toISOString()}::timestamptz)`,
    })
    .from(cohorts)
    .where(active)
    .orderBy(desc(cohorts.createdAt), asc(cohorts.id))
    .limit(500);
  const withoutMentor = rows.filter((r) => r.mentors === 0);
  const first = rows[0] ?? null;
  return {
    cohorts: rows.length,
    /** The newest cohort: where the next steps happen. */
    latestCohort: first ? { id: first.id, name: first.name } : null,
    withoutMentor: withoutMentor.slice(0, 10).map((r) => ({ id: r.id, name: r.name })),
    withoutMentorCount: withoutMentor.length,
    assigned: rows.some((r) => r.assignments > 0),
    learnersOrInvited: rows.some((r) => r.learners > 0 || r.invited > 0),
  };
}

export * from './assignments';
