import fs from 'node:fs';
import { rowsOf } from '@masar/server';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_QUEUE, MAIL_QUEUE, PgBossJobs } from '../../server/src/jobs';
import { createLogger } from '../../server/src/logger';
import { createTestDatabase } from '../helpers/db';

/**
 * A database that ran Masar on pg-boss 10 (its schema version 24, which pg-boss 11 and later cannot
 * migrate): the job queue starts on pg-boss 12 all the same, carries over the jobs that had not
 * finished and drops the old schema (decision 027).
 */
const v10Schema = fs.readFileSync(new URL('../fixtures/pgboss-v10-schema.sql', import.meta.url), 'utf8');

const ids = {
  waiting: '00000000-0000-4000-8000-000000000001',
  running: '00000000-0000-4000-8000-000000000002',
  done: '00000000-0000-4000-8000-000000000003',
  mailRetry: '00000000-0000-4000-8000-000000000004',
};

/** pg-boss 10's queues and jobs as Masar left them: one waiting, one running, one done, a mail due later. */
const v10Jobs = `
  SELECT pgboss.create_queue('${ANALYSIS_QUEUE}', '{"policy":"standard","retryLimit":3,"retryDelay":30,"retryBackoff":true,"expireInSeconds":120}');
  SELECT pgboss.create_queue('${MAIL_QUEUE}', '{"policy":"stately","retryLimit":5,"retryDelay":30,"retryBackoff":true,"expireInSeconds":60}');
  INSERT INTO pgboss.job (id, name, data, state, retry_limit, retry_count, retry_delay, retry_backoff, expire_in, policy, start_after, started_on, singleton_key) VALUES
    ('${ids.waiting}', '${ANALYSIS_QUEUE}', '{"orgId":"o1","submissionId":"s-waiting"}', 'created', 3, 0, 30, true, interval '120 seconds', 'standard', now(), null, null),
    ('${ids.running}', '${ANALYSIS_QUEUE}', '{"orgId":"o1","submissionId":"s-running"}', 'active', 3, 1, 30, true, interval '120 seconds', 'standard', now(), now(), null),
    ('${ids.done}', '${ANALYSIS_QUEUE}', '{"orgId":"o1","submissionId":"s-done"}', 'completed', 3, 0, 30, true, interval '120 seconds', 'standard', now(), now(), null),
    ('${ids.mailRetry}', '${MAIL_QUEUE}', '{"orgId":"o1","outboxId":"m1"}', 'retry', 5, 2, 30, true, interval '60 seconds', 'stately', now() + interval '1 hour', null, 'm1');
`;

describe('a database that ran pg-boss 10', () => {
  it('starts on pg-boss 12 with the unfinished jobs carried over and the old schema dropped', async () => {
    const fresh = await createTestDatabase();
    const exec = async (text: string) => {
      if (fresh.pglite) {
        await fresh.pglite.exec(text);
        return;
      }
      const client = postgres(fresh.url!, { max: 1, onnotice: () => {} });
      try {
        await client.unsafe(text);
      } finally {
        await client.end();
      }
    };
    await exec(v10Schema);
    await exec(v10Jobs);
    const logger = createLogger('silent');
    const target = fresh.pglite ? { pglite: fresh.pglite } : { url: fresh.url! };
    // on PostgreSQL three processes upgrade at the same moment (one deploy); PGlite is one process
    const runners = (fresh.kind === 'pglite' ? [0] : [0, 1, 2]).map(() => new PgBossJobs(target, logger));
    try {
      const started = await Promise.allSettled(runners.map((r) => r.pendingAnalyses()));
      expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(
        started.map(() => 'fulfilled'),
      );
      expect(await runners[0]!.pendingAnalyses()).toEqual(new Set(['s-waiting', 's-running']));
      const jobs = rowsOf<{ id: string; name: string; state: string; key: string | null; later: boolean }>(
        await fresh.db.execute(sql`select id::text, name, state::text, singleton_key as key,
          start_after > now() + interval '50 minutes' as later from pgboss.job order by id`),
      );
      expect(jobs).toEqual([
        { id: ids.waiting, name: ANALYSIS_QUEUE, state: 'created', key: null, later: false },
        { id: ids.running, name: ANALYSIS_QUEUE, state: 'created', key: null, later: false },
        { id: ids.mailRetry, name: MAIL_QUEUE, state: 'created', key: 'm1', later: true },
      ]);
      const [state] = rowsOf<{ aside: boolean; version: number }>(
        await fresh.db.execute(sql`select to_regnamespace('pgboss_v10') is not null as aside,
          (select max(version) from pgboss.version)::int as version`),
      );
      expect(state!.aside).toBe(false);
      expect(state!.version).toBeGreaterThan(24);
      const [mailQueue] = rowsOf<{ policy: string }>(
        await fresh.db.execute(sql`select policy from pgboss.queue where name = ${MAIL_QUEUE}`),
      );
      expect(mailQueue!.policy).toBe('stately');
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await fresh.destroy();
    }
  });
});
