import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../db';
import { AppError } from '../errors';

/**
 * The zone names PostgreSQL knows (its `pg_timezone_names`), read once per database: listing them
 * reads the whole time-zone directory. An organisation's zone must be one of them AND one the JS
 * runtime accepts (zTimeZone in shared checks that): ICU keeps aliases IANA has dropped — such as
 * `US/Pacific-New` or `Canada/East-Saskatchewan` — that PostgreSQL refuses in `at time zone`.
 */
const known = new WeakMap<Database, Promise<Set<string>>>();

function databaseZones(database: Database): Promise<Set<string>> {
  let zones = known.get(database);
  if (!zones) {
    zones = database.db
      .execute(sql`select name from pg_timezone_names`)
      .then((r) => new Set(rowsOf<{ name: string }>(r).map((row) => row.name)));
    // A failed read is not remembered: the next call asks again.
    zones.catch(() => known.delete(database));
    known.set(database, zones);
  }
  return zones;
}

/** Refuses (400 `errors.timeZone.invalid`) a zone the database does not know by exactly this name. */
export async function assertDatabaseTimeZone(database: Database, timeZone: string | undefined): Promise<void> {
  if (timeZone === undefined) return;
  if (!(await databaseZones(database)).has(timeZone)) {
    throw new AppError('BAD_REQUEST', {
      userMessage: 'errors.timeZone.invalid',
      message: 'time zone unknown to the database',
      field: 'timeZone',
    });
  }
}
