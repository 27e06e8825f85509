import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';

/**
 * Throttles log-in and sign-up attempts per account (email) and per client IP, with
 * rate-limiter-flexible's memory store (one process; see docs/decisions/006-auth-sessions.md).
 */
export class AuthLimiter {
  private readonly perAccount: RateLimiterMemory;
  private readonly perIp: RateLimiterMemory;
  constructor(points: number, durationSeconds = 15 * 60) {
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'auth_acct', points, duration: durationSeconds });
    this.perIp = new RateLimiterMemory({ keyPrefix: 'auth_ip', points: points * 5, duration: durationSeconds });
  }

  /** Counts one attempt; throws TOO_MANY_REQUESTS once the account's or the IP's budget is spent. */
  async consume(ip: string, account: string): Promise<void> {
    try {
      await Promise.all([this.perIp.consume(ip), this.perAccount.consume(account.toLowerCase())]);
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw new AppError('TOO_MANY_REQUESTS', {
          userMessage: 'errors.tooManyAttempts',
          message: 'auth rate limit',
          retryAfterSeconds,
        });
      }
      throw res;
    }
  }

  /** A successful log-in clears the account's counter. */
  async reset(account: string): Promise<void> {
    await this.perAccount.delete(account.toLowerCase());
  }
}

/** Caps state-changing calls per signed-in user (a runaway script cannot flood the database). */
export class MutationLimiter {
  private readonly limiter: RateLimiterMemory;
  constructor(perMinute: number) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'mutations', points: perMinute, duration: 60 });
  }
  async consume(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        throw new AppError('TOO_MANY_REQUESTS', {
          userMessage: 'errors.tooManyRequests',
          message: 'mutation rate limit',
          retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
        });
      }
      throw res;
    }
  }
}
