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

/**
 * The source-address part of a key. IPv4 as it is (IPv4-mapped IPv6 too); IPv6 by its /64 prefix,
 * the block one subscriber usually holds — else one attacker would be 2^64 addresses.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const bare = ip.split('%')[0]!.toLowerCase();
  const [head = '', tail] = bare.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/** One attempt against several budgets, in order: the first one spent refuses (and spends no later one). */
async function consumeInOrder(steps: Array<[RateLimiterAbstract, string]>, userMessage: string, message: string) {
  for (const [limiter, key] of steps) {
    try {
      await limiter.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooMany(res, userMessage, message);
      throw res;
    }
  }
}

/**
 * Throttles log-in, sign-up and organisation creation without letting a stranger lock the owner
 * out (OWASP Authentication Cheat Sheet; docs/decisions/019-throttling-enumeration-hardening.md). With
 * `points` = AUTH_RATE_LIMIT (default 10):
 * Source addresses are IPv4 addresses or IPv6 /64 blocks (addressKey).
 * - per (account, source address): `points` log-in attempts per 15 minutes; a success clears it.
 *   The address that failed waits; the owner elsewhere is not affected.
 * - per source address: `5 × points` log-in and sign-up attempts per 15 minutes, whatever the account.
 * - per account, all addresses together: `3 × points` attempts per minute — it slows a guesser
 *   with many addresses down and never refuses for longer than a minute. It is spent last, so an
 *   address already refused by one of the budgets above cannot drain it.
 * - organisation creation (it answers whether a slug is taken): `5 × points` per address per 15 minutes.
 */
export class AuthLimiter {
  private readonly perPair: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;
  private readonly orgCreate: RateLimiterAbstract;
  constructor(points: number, durationSeconds = 15 * 60, store: LimiterStore = LimiterStore.memory()) {
    this.perPair = store.limiter({ keyPrefix: 'auth_pair', points, duration: durationSeconds });
    this.perIp = store.limiter({ keyPrefix: 'auth_ip', points: points * 5, duration: durationSeconds });
    this.perAccount = store.limiter({ keyPrefix: 'auth_acct', points: points * 3, duration: 60 });
    this.orgCreate = store.limiter({ keyPrefix: 'org_create_ip', points: points * 5, duration: durationSeconds });
  }

  /** Counts one log-in attempt; throws TOO_MANY_REQUESTS (with retryAfterSeconds) once a budget is spent. */
  async logIn(ip: string, account: string): Promise<void> {
    const acct = accountKey(account);
    const addr = addressKey(ip);
    await consumeInOrder(
      [
        [this.perIp, addr],
        [this.perPair, `${addr}/${acct}`],
        [this.perAccount, acct],
      ],
      'errors.tooManyAttempts',
      'auth rate limit',
    );
  }

  /** A successful log-in clears the pair's counter and gives the account back the attempt. */
  async loggedIn(ip: string, account: string): Promise<void> {
    const acct = accountKey(account);
    await Promise.all([this.perPair.delete(`${addressKey(ip)}/${acct}`), this.perAccount.reward(acct, 1)]);
  }

  /** Counts one sign-up attempt against the address's budget (shared with log-ins). */
  async signUp(ip: string): Promise<void> {
    await consumeInOrder([[this.perIp, addressKey(ip)]], 'errors.tooManyAttempts', 'sign-up rate limit');
  }

  /** Counts one organisation creation from this address. */
  async createOrg(ip: string): Promise<void> {
    await consumeInOrder([[this.orgCreate, addressKey(ip)]], 'errors.tooManyRequests', 'org creation rate limit');
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
