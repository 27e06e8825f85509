import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db';
import { demoExists } from '../../seed/demo';
import { publicProcedure, router } from '../../trpc';
import { APP_VERSION } from '../../version';

export const systemRouter = router({
  /**
   * What a page needs to know about the service. Everyone: whether it is up (database answering,
   * migrations applied) and whether the demo organisation exists. Signed-in users also get the app
   * version and the database facts the home page's system card shows. Nobody gets the database
   * server's version or other diagnostics over tRPC (decision 019): operators read /readyz and the log.
   */
  info: publicProcedure.query(async ({ ctx }) => {
    const { database } = ctx.deps;
    const [ready, demo] = await Promise.all([database.ready(), demoExists(database)]);
    const base = { ok: ready.ok, demo };
    if (!ctx.auth) return { ...base, details: null };
    const [row] = rowsOf<{ now: Date | string }>(await database.db.execute(sql`select now() as now`));
    return {
      ...base,
      details: {
        version: APP_VERSION,
        database: {
          kind: database.kind,
          migrationsApplied: ready.applied,
          migrationsExpected: ready.expected,
          now: new Date(row?.now ?? Date.now()),
        },
      },
    };
  }),
});
