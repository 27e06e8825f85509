/**
 * The one bulk-insert path of the builders: a multi-row `INSERT … VALUES (…), (…)` through drizzle
 * per chunk, so rows are typed by the table and missing values take the column's default. Works the
 * same on postgres.js and on PGlite.
 */
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db';

/** A bind message counts its parameters in 16 bits: one statement carries at most 65,535. */
const MAX_PARAMETERS = 65_535;
const DEFAULT_CHUNK_ROWS = 5000;

export type InsertRow<T extends PgTable> = T['$inferInsert'];
/** A row of a tenant table without its `org_id`: the builders stamp the organisation on. */
export type TenantRow<T extends PgTable> = Omit<T['$inferInsert'], 'orgId'>;

/**
 * Inserts `rows` into `table` in chunks of at most `chunkRows` rows (fewer when the table's columns
 * would pass the parameter limit); returns how many rows it inserted.
 */
export async function insertChunked<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly InsertRow<T>[],
  chunkRows = DEFAULT_CHUNK_ROWS,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(getTableColumns(table)).length;
  const size = Math.max(1, Math.min(chunkRows, Math.floor(MAX_PARAMETERS / columns)));
  for (let i = 0; i < rows.length; i += size) {
    await db.insert(table).values(rows.slice(i, i + size) as InsertRow<T>[]);
  }
  return rows.length;
}

/** The same rows with `orgId` set on each. */
export function inOrg<R extends object>(orgId: string, rows: readonly R[]): (R & { orgId: string })[] {
  return rows.map((r) => ({ ...r, orgId }));
}
