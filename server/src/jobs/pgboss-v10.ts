import type { Db, JobInsert, PgBoss } from 'pg-boss';
import type { Logger } from '../logger';

/**
 * pg-boss 11 and later cannot migrate pg-boss 10's schema (version 24): their migrations start at
 * version 25, and `start()` refuses anything older. A database that ran Masar on pg-boss 10 gets
 * that schema set aside under this name, pg-boss installs its current one, and once the queues
 * exist the jobs that had not finished are carried over and the old schema is dropped (decision 027).
 */
export const V10_SCHEMA = 'pgboss_v10';
/** The last schema version of pg-boss 10. */
const V10_VERSION = 24;

/** The rows of a statement's result, whichever shape the driver returned (pg gives an array for several). */
function rowsOf<T>(result: unknown): T[] {
  const last = Array.isArray(result) ? result.at(-1) : result;
  return ((last as { rows?: T[] } | undefined)?.rows ?? []) as T[];
}

/**
 * Renames a pg-boss 10 `pgboss` schema to `pgboss_v10`, under an advisory lock so that of several
 * processes starting together one renames and the others find it done. Returns whether pg-boss's
 * start is worth trying again: a set-aside schema is there now, or another process has already
 * installed the current one in its place.
 */
export async function setAsideV10Schema(db: Db): Promise<boolean> {
  await db.executeSql(`
    BEGIN;
    SELECT pg_advisory_xact_lock(hashtext('masar: pg-boss 10 schema'));
    DO $$
    BEGIN
      -- nested: PL/pgSQL parses the inner condition only once pgboss.version is known to exist
      IF to_regclass('pgboss.version') IS NOT NULL AND to_regnamespace('${V10_SCHEMA}') IS NULL THEN
        IF (SELECT max(version) FROM pgboss.version) <= ${V10_VERSION} THEN
          ALTER SCHEMA pgboss RENAME TO ${V10_SCHEMA};
        END IF;
      END IF;
    END $$;
    COMMIT;
  `);
  const [row] = rowsOf<{ aside: boolean }>(
    await db.executeSql(`SELECT to_regnamespace('${V10_SCHEMA}') IS NOT NULL AS aside`),
  );
  if (row?.aside === true) return true;
  const [installed] = rowsOf<{ version: number | null }>(
    await db.executeSql('SELECT max(version) AS version FROM pgboss.version').catch(() => ({ rows: [] })),
  );
  return Number(installed?.version ?? 0) > V10_VERSION;
}

interface V10Job {
  id: string;
  name: string;
  priority: number;
  data: object | null;
  retry_limit: number;
  retry_delay: number;
  retry_backoff: boolean;
  start_after: Date | string;
  singleton_key: string | null;
  expire_seconds: number;
}

/** SQLSTATEs of a set-aside schema that another process has just dropped. */
const GONE = new Set(['42P01', '3F000']);

/**
 * Copies the set-aside schema's jobs that had not finished (waiting, retrying or running when the
 * old version stopped) into the given queues, with their ids, data, start time, singleton key and
 * retry options (their retry count starts again), then drops `pgboss_v10`. The inserts keep the
 * ids, so another process doing the same at the same time inserts nothing twice. Jobs of other
 * queues are dropped with a warning. Returns how many were carried over.
 */
export async function carryOverV10Jobs(boss: PgBoss, queues: readonly string[], logger: Logger): Promise<number> {
  const db = boss.getDb();
  const [present] = rowsOf<{ present: boolean }>(
    await db.executeSql(`SELECT to_regclass('${V10_SCHEMA}.job') IS NOT NULL AS present`),
  );
  if (!present?.present) return 0;
  let jobs: V10Job[];
  try {
    jobs = rowsOf<V10Job>(
      await db.executeSql(
        `SELECT id, name, priority, data, retry_limit, retry_delay, retry_backoff, start_after, singleton_key,
           greatest(1, extract(epoch from expire_in))::int AS expire_seconds
         FROM ${V10_SCHEMA}.job WHERE state < 'completed' ORDER BY created_on`,
      ),
    );
  } catch (err) {
    if (GONE.has(String((err as { code?: unknown }).code))) return 0;
    throw err;
  }
  let carried = 0;
  for (const name of queues) {
    const mine = jobs.filter((j) => j.name === name);
    if (mine.length === 0) continue;
    const inserted = await boss.insert(
      name,
      mine.map(
        (j): JobInsert => ({
          id: j.id,
          data: j.data ?? {},
          priority: j.priority,
          startAfter: new Date(j.start_after).toISOString(),
          ...(j.singleton_key ? { singletonKey: j.singleton_key } : {}),
          retryLimit: j.retry_limit,
          retryDelay: j.retry_delay,
          retryBackoff: j.retry_backoff,
          expireInSeconds: j.expire_seconds,
        }),
      ),
      { returnId: true },
    );
    // only the rows this call inserted: another process may have carried the same ones already
    carried += inserted?.length ?? 0;
  }
  const dropped = jobs.filter((j) => !queues.includes(j.name)).length;
  await db.executeSql(`DROP SCHEMA IF EXISTS ${V10_SCHEMA} CASCADE`);
  logger.warn(
    { carried, dropped },
    'pg-boss 10 schema replaced: its unfinished jobs carried over to pg-boss 12, pgboss_v10 dropped',
  );
  return carried;
}
