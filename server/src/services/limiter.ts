import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Database } from '../db';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** The table the PostgreSQL store counts in (drizzle/migrations/0011_rate_limits.sql). */
export const RATE_LIMITS_TABLE = 'rate_limits';

/**
 * Where the rate limits count. On PostgreSQL: the `rate_limits` table through rate-limiter-flexible's
 * RateLimiterPostgres on a small pool of its own, so every server process behind a load balancer
 * spends one budget. On embedded PGlite (one process: the data directory is locked) and if no URL
 * is known: the process's memory. See docs/decisions/006-auth-sessions.md and 017-scaling-out.md.
 */
export class LimiterStore {
  readonly kind: 'memory' | 'postgres';
  private readonly pool: pg.Pool | null;
  private sweeping = false;

  private constructor(pool: pg.Pool | null) {
    this.pool = pool;
    this.kind = pool ? 'postgres' : 'memory';
  }

  static memory(): LimiterStore {
    return new LimiterStore(null);
  }

  static for(database: Pick<Database, 'kind' | 'url'>, logger: Logger): LimiterStore {
    if (database.kind !== 'postgres' || !database.url) return LimiterStore.memory();
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 3,
      // A database that does not answer: the limiter falls back to memory rather than hang a request.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      application_name: 'masar-limits',
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process.
    pool.on('error', (err) => logger.warn({ err }, 'rate-limit pool: idle connection lost'));
    return new LimiterStore(pool);
  }

  /**
   * One limiter. On PostgreSQL, a failing query (database down) makes rate-limiter-flexible answer
   * from the insurance limiter, a per-process memory store with the same budget: degraded (per
   * process again) for the length of the outage, never an error of the limiter's own.
   */
  limiter(opts: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
    if (!this.pool) return new RateLimiterMemory(opts);
    // One limiter per table enough to sweep rows that expired an hour ago (every 5 minutes).
    const sweep = !this.sweeping;
    this.sweeping = true;
    return new RateLimiterPostgres({
      ...opts,
      storeClient: this.pool,
      storeType: 'pool',
      tableName: RATE_LIMITS_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: sweep,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
  }

  async close(): Promise<void> {
    if (this.pool && !this.pool.ended) await this.pool.end();
  }
}

function tooMany(res: RateLimiterRes, userMessage: string, message: string): AppError {
  return new AppError('TOO_MANY_REQUESTS', {
    userMessage,
    message,
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
}

/** The account part of a key: a digest (fixed length, and no email address stored in the table). */
function accountKey(account: string): string {
  return createHash('sha256').update(account.toLowerCase()).digest('base64url');
}

/** Throttles log-in and sign-up attempts per account (email) and per client IP. */
export class AuthLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  constructor(points: number, durationSeconds = 15 * 60, store: LimiterStore = LimiterStore.memory()) {
    this.perAccount = store.limiter({ keyPrefix: 'auth_acct', points, duration: durationSeconds });
    this.perIp = store.limiter({ keyPrefix: 'auth_ip', points: points * 5, duration: durationSeconds });
  }

  /** Counts one attempt; throws TOO_MANY_REQUESTS once the account's or the IP's budget is spent. */
  async consume(ip: string, account: string): Promise<void> {
    try {
      await Promise.all([this.perIp.consume(ip), this.perAccount.consume(accountKey(account))]);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooMany(res, 'errors.tooManyAttempts', 'auth rate limit');
      throw res;
    }
  }

  /** A successful log-in clears the account's counter. */
  async reset(account: string): Promise<void> {
    await this.perAccount.delete(accountKey(account));
  }
}

/** Caps state-changing calls per signed-in user (a runaway script cannot flood the database). */
export class MutationLimiter {
  private readonly limiter: RateLimiterAbstract;
  constructor(perMinute: number, store: LimiterStore = LimiterStore.memory()) {
    this.limiter = store.limiter({ keyPrefix: 'mutations', points: perMinute, duration: 60 });
  }
  async consume(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooMany(res, 'errors.tooManyRequests', 'mutation rate limit');
      throw res;
    }
  }
}
