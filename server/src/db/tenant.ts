import { memberships, organizations } from '@masar/drizzle';
import type { Role } from '@masar/shared';
import { and, eq, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Database, Db } from './index';

export interface RlsScope {
  orgId?: string | null;
  userId?: string | null;
  inviteTokenHash?: string | null;
  portfolioTokenHash?: string | null;
}

/** Set the row-level-security settings (transaction-local) and switch to the app role when needed. */
export async function applyRlsScope(tx: Db, database: Pick<Database, 'appRole'>, scope: RlsScope) {
  await tx.execute(sql`select
    set_config('app.org_id', ${scope.orgId ?? ''}, true),
    set_config('app.user_id', ${scope.userId ?? ''}, true),
    set_config('app.invite_token_hash', ${scope.inviteTokenHash ?? ''}, true),
    set_config('app.portfolio_token_hash', ${scope.portfolioTokenHash ?? ''}, true)`);
  if (database.appRole) await tx.execute(sql.raw(`set local role ${database.appRole}`));
}

/*
 * The only ways into a transaction (docs/decisions/024-tenant-entry-points.md; a unit test fails on
 * `.transaction(` anywhere else in server/src):
 * - `withTenant`: a member acting in an organisation named by its slug (orgProcedure, CSV exports);
 * - `withScope`: work under an explicit scope — token flows (invitations, portfolio links), jobs and
 *   digests per organisation, creating an organisation;
 * - `inTransaction`: global tables only (users, sessions), no tenant rows.
 */

/** Work registered with `onCommit` inside a transaction opened here, run once it has committed. */
const commitHooks = new WeakMap<object, (() => Promise<unknown>)[]>();

/**
 * Run `fn` once the transaction `tx` has committed (never when it rolls back), e.g. enqueue the job
 * that sends an outbox row. Outside a transaction opened by the entries below, `fn` runs right away
 * (there is nothing to wait for). A failing hook is logged by its owner: hooks must not throw.
 */
export function onCommit(tx: Db, fn: () => Promise<unknown>): void {
  const hooks = commitHooks.get(tx);
  if (hooks) hooks.push(fn);
  else void fn();
}

async function committed<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  // inside another transaction (a savepoint), hooks wait for the outermost commit
  const outer = commitHooks.get(db);
  const hooks = outer ?? [];
  const result = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    commitHooks.set(tx, hooks);
    return fn(tx);
  });
  if (!outer) for (const hook of hooks.splice(0)) await hook();
  return result;
}

/** Run `fn` in one transaction whose row-level-security scope is `scope`. */
export function withScope<T>(database: Database, scope: RlsScope, fn: (tx: Db) => Promise<T>): Promise<T> {
  return committed(database.db, async (tx) => {
    await applyRlsScope(tx, database, scope);
    return fn(tx);
  });
}

/** Run `fn` in one transaction on global tables (users, sessions): no tenant scope is set. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return committed(db, fn);
}

/**
 * A member acting in the organisation `slug`: one transaction, the organisation's scope set and the
 * caller's membership read in it (`enterOrg`). `fn` gets `found = null` when there is no such
 * organisation, and `found.role = null` when the caller is not a member; it decides what that means.
 */
export function withTenant<T>(
  database: Database,
  p: { slug: string; userId: string },
  fn: (tx: Db, found: { org: OrgRow; role: Role | null } | null) => Promise<T>,
): Promise<T> {
  return committed(database.db, async (tx) => fn(tx, await enterOrg(tx, database, p)));
}

/**
 * Sets the scope of an organisation named by its slug (`app.org_id` from a sub-select, the rest
 * blank), in the statement's own transaction. Organisations are not row-level secured.
 */
const SCOPE_BY_SLUG = `select
  set_config('app.org_id', coalesce((select id::text from organizations where slug = $1), ''), true),
  set_config('app.user_id', $2, true),
  set_config('app.invite_token_hash', '', true),
  set_config('app.portfolio_token_hash', '', true)`;

/**
 * The postgres.js transaction under a drizzle transaction (drizzle keeps it as `session.client`),
 * and drizzle's query logger, so statements sent past drizzle are still logged (and counted).
 */
function postgresClient(tx: Db): { client: postgres.Sql; logQuery(query: string, params: unknown[]): void } {
  const session = (
    tx as unknown as {
      session?: { client?: postgres.Sql; logger?: { logQuery(query: string, params: unknown[]): void } };
    }
  ).session;
  const client = session?.client;
  if (!client || typeof client.unsafe !== 'function') throw new Error('not a postgres.js transaction');
  return { client, logQuery: (query, params) => session.logger?.logQuery(query, params) };
}

export type OrgRow = typeof organizations.$inferSelect;

/**
 * The preamble of every org-scoped request, in the request's transaction: set the RLS scope for
 * the organisation `slug`, then read the organisation and the caller's membership (RLS applies).
 * On PostgreSQL both statements are prepared and sent together — one round trip instead of three
 * (organisation, `set_config`, membership); the membership read is queued after `set_config` on the
 * same connection, so it runs under the new scope. Returns null when there is no such organisation.
 */
export async function enterOrg(
  tx: Db,
  database: Pick<Database, 'appRole' | 'kind'>,
  p: { slug: string; userId: string },
): Promise<{ org: OrgRow; role: Role | null } | null> {
  const orgAndRole = tx
    .select({ org: organizations, role: memberships.role })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.orgId, organizations.id), eq(memberships.userId, sql.placeholder('userId'))),
    )
    .where(eq(organizations.slug, sql.placeholder('slug')))
    .limit(1)
    .prepare('org_and_role');
  let rows: { org: OrgRow; role: Role | null }[];
  if (database.kind === 'postgres') {
    // execute() dispatches the scope statement first; the drizzle query follows on the same
    // connection without waiting for its answer (postgres.js pipelines them).
    const { client, logQuery } = postgresClient(tx);
    logQuery(SCOPE_BY_SLUG, [p.slug, p.userId]);
    const scope = client.unsafe(SCOPE_BY_SLUG, [p.slug, p.userId], { prepare: true }).execute();
    [, rows] = await Promise.all([scope, orgAndRole.execute({ slug: p.slug, userId: p.userId })]);
  } else {
    await tx.execute(sql`select
      set_config('app.org_id', coalesce((select id::text from organizations where slug = ${p.slug}), ''), true),
      set_config('app.user_id', ${p.userId}, true),
      set_config('app.invite_token_hash', '', true),
      set_config('app.portfolio_token_hash', '', true)`);
    if (database.appRole) await tx.execute(sql.raw(`set local role ${database.appRole}`));
    rows = await orgAndRole.execute({ slug: p.slug, userId: p.userId });
  }
  return rows[0] ?? null;
}
