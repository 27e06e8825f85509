import { sql } from 'drizzle-orm';
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

/** Run `fn` in one transaction whose row-level-security scope is `scope`. */
export function withRls<T>(database: Database, scope: RlsScope, fn: (tx: Db) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await applyRlsScope(tx as unknown as Db, database, scope);
    return fn(tx as unknown as Db);
  });
}
