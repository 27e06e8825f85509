/**
 * The one bulk-insert path of the builders. Rows are typed by the drizzle table; each chunk goes
 * out as one multi-row `INSERT … SELECT … FROM jsonb_to_recordset($1)`: the rows travel as a single
 * JSON parameter, with the column names and SQL types read from the table's drizzle definition.
 * That is one parameter per statement (no 16-bit parameter limit; PGlite's parser already fails
 * past 32,767) and about eight times faster than drizzle's `.values([…])` for tens of thousands of
 * rows (60,000 rows: 1.0 s against 8.1 s on PostgreSQL, 1.2 s against 12.7 s on PGlite). A column a
 * row leaves out takes the column's default, as with drizzle's own insert; the same on postgres.js
 * and on PGlite.
 */
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db';

const DEFAULT_CHUNK_ROWS = 4000;

export type InsertRow<T extends PgTable> = T['$inferInsert'];
/** A row of a tenant table without its `org_id`: the builders stamp the organisation on. */
export type TenantRow<T extends PgTable> = Omit<T['$inferInsert'], 'orgId'>;

type Group = { columns: PgColumn[]; records: Record<string, unknown>[] };

/** Inserts `rows` into `table`, `chunkRows` rows per statement; returns how many rows it inserted. */
export async function insertChunked<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly InsertRow<T>[],
  chunkRows = DEFAULT_CHUNK_ROWS,
): Promise<number> {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  // Rows grouped by the columns they set: a statement lists those, the others take their default.
  const groups = new Map<string, Group>();
  for (const row of rows as readonly Record<string, unknown>[]) {
    const set: PgColumn[] = [];
    const record: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      let value = row[key];
      // drizzle's rules for a value left out: the column's $defaultFn, else its $onUpdate when it has no default
      if (value === undefined && column.defaultFn) value = column.defaultFn();
      else if (value === undefined && !column.default && column.onUpdateFn) value = column.onUpdateFn();
      if (value === undefined) continue;
      if (is(value, SQL)) throw new Error(`insertChunked: ${key} is an SQL expression; the builders take values`);
      set.push(column);
      record[column.name] = value instanceof Date ? value.toISOString() : value;
    }
    const signature = set.map((c) => c.name).join(',');
    const group = groups.get(signature) ?? { columns: set, records: [] };
    groups.set(signature, group);
    group.records.push(record);
  }
  for (const { columns: set, records } of groups.values()) {
    const names = sql.raw(set.map((c) => `"${c.name}"`).join(', '));
    const defs = sql.raw(set.map((c) => `"${c.name}" ${c.getSQLType()}`).join(', '));
    for (let i = 0; i < records.length; i += chunkRows) {
      const json = JSON.stringify(records.slice(i, i + chunkRows));
      await db.execute(
        sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as x(${defs})`,
      );
    }
  }
  return rows.length;
}

/** The same rows with `orgId` set on each. */
export function inOrg<R extends object>(orgId: string, rows: readonly R[]): (R & { orgId: string })[] {
  return rows.map((r) => ({ ...r, orgId }));
}
