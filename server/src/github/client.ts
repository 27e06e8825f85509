import type { z } from 'zod';
import { ErrorPayload } from './schemas';

/**
 * A small, careful client for GitHub's REST API on Node's built-in fetch: every call counts
 * against a budget, has its own timeout, reads its body as a stream under a byte cap, refuses
 * redirects to another origin and validates the JSON it gets with a zod schema.
 */

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 2_000_000;
export const DEFAULT_USER_AGENT = 'masar-repo-analysis';
/** Redirect hops followed per request (each hop is one more call). */
export const MAX_REDIRECTS = 2;
/** Wait used when GitHub says "rate limited" but gives no usable time. */
export const DEFAULT_RETRY_MS = 60_000;
/** A rate-limit wait is never shorter than this nor longer than an hour (GitHub's window). */
const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 3_600_000;
/** How much of an error body is read (to tell a rate limit from another 403). */
const ERROR_BODY_MAX_BYTES = 64_000;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Why a call did not give a usable answer. */
export type CallProblem =
  | { kind: 'status'; status: number }
  | { kind: 'rate_limited'; retryAt: Date }
  | { kind: 'timeout' }
  | { kind: 'too_large' }
  | { kind: 'malformed' }
  | { kind: 'redirect_refused' }
  | { kind: 'too_many_redirects' }
  | { kind: 'network' }
  | { kind: 'budget' };

export class GithubCallError extends Error {
  constructor(readonly problem: CallProblem) {
    super(`github call failed: ${problem.kind === 'status' ? `http ${problem.status}` : problem.kind}`);
    this.name = 'GithubCallError';
  }
}

export interface ClientSettings {
  apiUrl: string;
  token?: string | undefined;
  timeoutMs: number;
  userAgent: string;
  /** Calls (redirect hops included) this client may make in total. */
  maxCalls: number;
  now: () => Date;
}

export type JsonAnswer<T> = { status: 200; data: T; etag: string | null } | { status: 304; etag: string | null };

export class GithubClient {
  private readonly base: URL;
  private callCount = 0;

  constructor(private readonly settings: ClientSettings) {
    const base = new URL(settings.apiUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('apiUrl must be http(s)');
    if (base.username || base.password || base.search || base.hash) throw new Error('apiUrl must be a plain base URL');
    this.base = base;
  }

  /** HTTP requests made so far, redirect hops included. */
  get calls(): number {
    return this.callCount;
  }

  get remainingCalls(): number {
    return Math.max(0, this.settings.maxCalls - this.callCount);
  }

  /** The URL of an API path (`/repos/...`) under the base, keeping a base path such as GHE's `/api/v3`. */
  urlFor(pathAndQuery: string): URL {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    return new URL(`${basePath}${pathAndQuery}`, this.base.origin);
  }

  /** GET a JSON resource and validate it. Throws `GithubCallError` for anything but a valid 2xx answer. */
  async getJson<S extends z.ZodType>(
    pathAndQuery: string,
    schema: S,
    options: { maxBytes: number },
  ): Promise<{ data: z.infer<S>; etag: string | null }> {
    const answer = await this.request(pathAndQuery, schema, { maxBytes: options.maxBytes, ifNoneMatch: null });
    if (answer.status !== 200) throw new GithubCallError({ kind: 'status', status: answer.status });
    return answer;
  }

  /** A conditional GET: `if-none-match` is sent when given, and a 304 is an answer. */
  async getJsonIfChanged<S extends z.ZodType>(
    pathAndQuery: string,
    schema: S,
    options: { maxBytes: number; ifNoneMatch: string | null },
  ): Promise<JsonAnswer<z.infer<S>>> {
    return this.request(pathAndQuery, schema, options);
  }

  private async request<S extends z.ZodType>(
    pathAndQuery: string,
    schema: S,
    options: { maxBytes: number; ifNoneMatch: string | null },
  ): Promise<JsonAnswer<z.infer<S>>> {
    let url = this.urlFor(pathAndQuery);
    for (let hop = 0; ; hop++) {
      const { response, signal } = await this.send(url, options.ifNoneMatch);
      const status = response.status;

      if (REDIRECT_STATUSES.has(status)) {
        await discard(response);
        const location = response.headers.get('location');
        const next = location ? safeUrl(location, url) : null;
        if (!next || next.origin !== this.base.origin) throw new GithubCallError({ kind: 'redirect_refused' });
        if (hop >= MAX_REDIRECTS) throw new GithubCallError({ kind: 'too_many_redirects' });
        url = next;
        continue;
      }

      const etag = response.headers.get('etag');
      if (status === 304 && options.ifNoneMatch) {
        await discard(response);
        return { status: 304, etag };
      }

      if (status < 200 || status >= 300) {
        const retryAt = await this.rateLimitOf(response, signal);
        if (retryAt) throw new GithubCallError({ kind: 'rate_limited', retryAt });
        throw new GithubCallError({ kind: 'status', status });
      }

      const body = await readCapped(response, options.maxBytes, signal);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8').decode(body));
      } catch {
        throw new GithubCallError({ kind: 'malformed' });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new GithubCallError({ kind: 'malformed' });
      return { status: 200, data: parsed.data, etag };
    }
  }

  private async send(url: URL, ifNoneMatch: string | null): Promise<{ response: Response; signal: AbortSignal }> {
    if (this.callCount >= this.settings.maxCalls) throw new GithubCallError({ kind: 'budget' });
    this.callCount++;
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': this.settings.userAgent,
    };
    if (this.settings.token) headers.authorization = `Bearer ${this.settings.token}`;
    if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const response = await fetch(url, { method: 'GET', headers, redirect: 'manual', signal });
      return { response, signal };
    } catch (error) {
      throw new GithubCallError(abortedOrNetwork(error, signal));
    }
  }

  /**
   * When a 403/429 is GitHub's rate limit, the time to retry at. GitHub's rules: `retry-after`
   * (seconds) first; else `x-ratelimit-remaining: 0` with `x-ratelimit-reset` (epoch seconds);
   * a 429, or a 403 whose message speaks of a rate limit, without either: one minute.
   */
  private async rateLimitOf(response: Response, signal: AbortSignal): Promise<Date | null> {
    const status = response.status;
    if (status !== 403 && status !== 429) {
      await discard(response);
      return null;
    }
    const now = this.settings.now().getTime();
    const headers = response.headers;
    let at: number | null = null;
    const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
    if (retryAfter !== null) {
      at = now + clampWait(retryAfter - now);
    } else if (headers.get('x-ratelimit-remaining')?.trim() === '0') {
      const reset = headers.get('x-ratelimit-reset')?.trim() ?? '';
      const resetMs = /^\d{1,12}$/.test(reset) ? Number(reset) * 1000 : null;
      // A reset already past (clock skew) is not usable: wait the default.
      at = now + (resetMs !== null && resetMs > now ? clampWait(resetMs - now) : DEFAULT_RETRY_MS);
    } else if (status === 429 || (await messageSaysRateLimit(response, signal))) {
      at = now + DEFAULT_RETRY_MS;
    }
    await discard(response);
    return at === null ? null : new Date(at);
  }
}

function clampWait(ms: number): number {
  return Math.min(Math.max(ms, MIN_RETRY_MS), MAX_RETRY_MS);
}

/** `retry-after` as an absolute time (ms): delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return nowMs + Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? null : date;
}

async function messageSaysRateLimit(response: Response, signal: AbortSignal): Promise<boolean> {
  try {
    const body = await readCapped(response, ERROR_BODY_MAX_BYTES, signal);
    const parsed = ErrorPayload.safeParse(JSON.parse(new TextDecoder().decode(body)));
    return parsed.success && /rate limit/i.test(parsed.data.message);
  } catch {
    return false;
  }
}

/**
 * The body as bytes, refusing more than `maxBytes`. Counted after decompression (fetch inflates
 * gzip/br), so a small compressed answer cannot expand past the cap either.
 */
export async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = response.headers.get('content-length');
  if (!response.headers.get('content-encoding') && declared && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    await discard(response);
    throw new GithubCallError({ kind: 'too_large' });
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new GithubCallError({ kind: 'too_large' });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof GithubCallError) throw error;
    throw new GithubCallError(abortedOrNetwork(error, signal));
  }
  return Buffer.concat(chunks, total);
}

function abortedOrNetwork(error: unknown, signal: AbortSignal): CallProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || (signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError')) {
    return { kind: 'timeout' };
  }
  return { kind: 'network' };
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // already consumed or closed
  }
}

function safeUrl(location: string, base: URL): URL | null {
  try {
    const url = new URL(location, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** A repository path as URL path segments (`a/b c.json` → `a/b%20c.json`). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
