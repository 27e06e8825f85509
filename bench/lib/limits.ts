/**
 * The floors the app is compared with: the dashboard's own SQL replayed through postgres.js with
 * nothing around it, and a bare Express handler answering the same read as `roadmaps.list`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import postgres from 'postgres';

export interface CapturedQuery {
  query: string;
  params: unknown[];
}

/**
 * The statements of one dashboard request that belong to the dashboard itself: everything after
 * the procedure's preamble (session lookup, organisation by slug, `set_config`, membership).
 */
export function dashboardStatements(captured: CapturedQuery[]): CapturedQuery[] {
  const i = captured.findIndex((q) => /join "memberships"|from "memberships"/.test(q.query));
  if (i < 0) throw new Error('could not find the membership check among the captured statements');
  return captured.slice(i + 1);
}

/**
 * Replays the statements on one connection, as the service issues them: the first two (cohort,
 * skills) together, then the rest together (pipelined), like its two `Promise.all`s. The
 * connection has `app.org_id` set once for the session: RLS applies, but there is no transaction,
 * no `set_config` per request, no HTTP and no JavaScript on the rows.
 */
export async function openBareSql(url: string, orgId: string, statements: CapturedQuery[]) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { 'app.org_id': orgId } });
  const head = statements.slice(0, 2);
  const rest = statements.slice(2);
  const once = async () => {
    await Promise.all(head.map((s) => sql.unsafe(s.query, s.params as never[])));
    await Promise.all(rest.map((s) => sql.unsafe(s.query, s.params as never[])));
  };
  return {
    statements: statements.length,
    /** Runs `iterations` sequential executions; returns each one's time in ms. */
    async sample(iterations: number): Promise<number[]> {
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
      return times;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export type BareMode = 'query' | 'app-protocol' | 'prepared' | 'pipelined';

const ROADMAPS_SQL = `select id, title, description, builtin_key as "builtinKey", archived_at as "archivedAt",
  updated_at as "updatedAt" from roadmaps where org_id = $1 order by created_at, id limit 200`;

/**
 * A bare Express app answering `GET /roadmaps` with the rows of `roadmaps.list`, on a postgres.js
 * pool of the app's size. Modes:
 * - `query`: the one query (a prepared statement), on connections whose session already has
 *   `app.org_id` — the floor the budget compares with;
 * - `app-protocol`: the statements the app sends, unprepared like drizzle's, one round trip each —
 *   session lookup, then in a transaction: organisation by slug, `set_config`, membership, the
 *   query. What tRPC, superjson, drizzle and the middleware add on top of this is their share;
 * - `prepared`: the same, as named prepared statements (parsed and planned once per connection);
 * - `pipelined`: prepared, with the statements inside the transaction sent together, the org id
 *   from a slug cache (slugs never change): session, BEGIN, one batch, COMMIT — what the server
 *   could do.
 */
export async function startBareExpress(
  url: string,
  target: { orgId: string; slug: string },
  mode: BareMode = 'query',
  poolMax = 10,
) {
  const sql = postgres(url, {
    max: poolMax,
    onnotice: () => {},
    ...(mode === 'query' ? { connection: { 'app.org_id': target.orgId } } : {}),
  });
  const app = express();
  app.get('/roadmaps', async (req, res) => {
    if (mode === 'query') {
      // A hand-written postgres.js handler: a tagged template, i.e. a named prepared statement.
      res.json(
        await sql`select id, title, description, builtin_key as "builtinKey", archived_at as "archivedAt",
          updated_at as "updatedAt" from roadmaps where org_id = ${target.orgId} order by created_at, id limit 200`,
      );
      return;
    }
    // `app-protocol`: unnamed (unprepared) statements, as drizzle sends them through postgres.js;
    // `prepared` and `pipelined`: named prepared statements (parsed and planned once per connection).
    const prepare = mode !== 'app-protocol';
    const q = (tx: postgres.Sql | postgres.TransactionSql, text: string, params: unknown[]) =>
      tx.unsafe(text, params as never[], { prepare });
    const token = /(?:^|;\s*)masar_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    const [sessionId, secret] = token.split('.');
    const [session] = await q(
      sql,
      `select s.id, s.secret_hash as "secretHash", s.user_id as "userId", s.expires_at, s.created_at, s.last_used_at,
        u.email, u.name, u.locale, u.github_login
      from sessions s join users u on u.id = s.user_id where s.id = $1 limit 1`,
      [sessionId ?? ''],
    );
    const given = createHash('sha256')
      .update(secret ?? '')
      .digest();
    if (!session || !timingSafeEqual(Buffer.from(session.secretHash), given)) {
      res.status(401).end();
      return;
    }
    const userId = session.userId as string;
    const rows = await sql.begin(async (tx) => {
      if (mode !== 'pipelined') {
        const [org] = await q(tx, 'select * from organizations where slug = $1 limit 1', [target.slug]);
        await q(
          tx,
          `select set_config('app.org_id', $1, true), set_config('app.user_id', $2, true),
            set_config('app.invite_token_hash', $3, true), set_config('app.portfolio_token_hash', $4, true)`,
          [org!.id, userId, '', ''],
        );
        const [m] = await q(tx, 'select role from memberships where org_id = $1 and user_id = $2 limit 1', [
          org!.id,
          userId,
        ]);
        if (!m) return null;
        return q(tx, ROADMAPS_SQL, [org!.id]);
      }
      // pipelined: nothing awaited in between, so the statements travel together; the org id comes
      // from a slug → id cache (slugs never change)
      const [, [m], list] = await Promise.all([
        q(
          tx,
          `select set_config('app.org_id', $1, true), set_config('app.user_id', $2, true),
            set_config('app.invite_token_hash', '', true), set_config('app.portfolio_token_hash', '', true)`,
          [target.orgId, userId],
        ),
        q(
          tx,
          'select o.*, m.role from organizations o join memberships m on m.org_id = o.id and m.user_id = $1 where o.id = $2',
          [userId, target.orgId],
        ),
        q(tx, ROADMAPS_SQL, [target.orgId]),
      ]);
      return m ? list : null;
    });
    if (!rows) res.status(404).end();
    else res.json(rows);
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sql.end({ timeout: 5 });
    },
  };
}
