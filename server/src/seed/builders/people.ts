/** Users (global), organisations and their memberships. */
import { memberships, organizations, users } from '@masar/drizzle';
import type { Db } from '../../db';
import { normalizeEmail } from '../../features/auth/service';
import { type InsertRow, inOrg, insertChunked, type TenantRow } from './bulk';

/** A user as the builders take it: `emailNormalized` is derived from `email`. */
export type UserSeed = Omit<InsertRow<typeof users>, 'emailNormalized'>;

export function insertUsers(db: Db, rows: readonly UserSeed[]): Promise<number> {
  return insertChunked(
    db,
    users,
    rows.map((u) => ({ ...u, emailNormalized: normalizeEmail(u.email) })),
  );
}

export type OrganizationSeed = InsertRow<typeof organizations>;

/** One organisation row (no roadmap, no membership: see `insertMemberships`); returns its id. */
export async function insertOrganization(db: Db, org: OrganizationSeed): Promise<string> {
  const [row] = await db.insert(organizations).values(org).returning({ id: organizations.id });
  return row!.id;
}

export type MembershipSeed = TenantRow<typeof memberships>;

export function insertMemberships(db: Db, orgId: string, rows: readonly MembershipSeed[]): Promise<number> {
  return insertChunked(db, memberships, inOrg(orgId, rows));
}
