import { sql } from 'drizzle-orm';
import { rowsOf } from '../db';
import { publicProcedure, router } from '../trpc';
import { APP_VERSION } from '../version';

export const systemRouter = router({
  /** What the first page shows: the app's version and the database it runs on, read from it. */
  info: publicProcedure.query(async ({ ctx }) => {
    const { database } = ctx.deps;
    const [row] = rowsOf<{ version: string; now: Date | string }>(
      await database.db.execute(sql`select version() as version, now() as now`),
    );
    const ready = await database.ready();
    const serverVersion = /PostgreSQL ([\d.]+)/.exec(row?.version ?? '')?.[1] ?? 'unknown';
    return {
      version: APP_VERSION,
      database: {
        kind: database.kind,
        serverVersion,
        migrationsApplied: ready.applied,
        migrationsExpected: ready.expected,
        now: new Date(row?.now ?? Date.now()),
      },
    };
  }),
});
