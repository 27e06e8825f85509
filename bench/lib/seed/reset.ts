/** Clears what an earlier `pnpm bench:seed` (and `pnpm bench`) left, before seeding again. */
import { type Database, rowsOf } from '@masar/server';
import { sql } from 'drizzle-orm';
import { BENCH_EMAIL_DOMAIN, BENCH_SLUG_PREFIX } from './names';

/**
 * Removes earlier bench tenants and users, and the analysis jobs still queued for them (submissions
 * made by `pnpm bench` enqueue one each, which the bench's own server never runs; `--instances`
 * would otherwise work through them first). Reviews and audit events are append-only (triggers):
 * the table owner switches those triggers off for the duration of the delete.
 */
export async function resetBenchData(database: Database): Promise<number> {
  return database.db.transaction(async (tx) => {
    const [found] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from organizations where slug like ${`${BENCH_SLUG_PREFIX}%`}`),
    );
    const n = Number(found?.n ?? 0);
    const users = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from users where email_normalized like ${`%@%${BENCH_EMAIL_DOMAIN}`}`,
      ),
    );
    if (n === 0 && Number(users[0]?.n ?? 0) === 0) return 0;
    const triggers: [string, string][] = [
      ['audit_events', 'audit_events_no_change'],
      ['reviews', 'reviews_no_change'],
      ['review_skill_ratings', 'review_skill_ratings_no_change'],
    ];
    for (const [t, trg] of triggers) await tx.execute(sql.raw(`alter table "${t}" disable trigger "${trg}"`));
    // pg-boss's schema exists once a server (or the bench) has enqueued a job on this database.
    await tx.execute(
      sql.raw(`do $$ begin
        if to_regclass('pgboss.job') is not null then
          delete from pgboss.job where name = 'repo-analysis' and state in ('created', 'retry')
            and data->>'orgId' in (select id::text from organizations where slug like '${BENCH_SLUG_PREFIX.replaceAll("'", "''")}%');
        end if;
      end $$`),
    );
    await tx.execute(sql`delete from organizations where slug like ${`${BENCH_SLUG_PREFIX}%`}`);
    await tx.execute(sql`delete from users where email_normalized like ${`%@%${BENCH_EMAIL_DOMAIN}`}`);
    for (const [t, trg] of triggers) await tx.execute(sql.raw(`alter table "${t}" enable trigger "${trg}"`));
    return n;
  });
}
