/**
 * Domain errors with two messages: `message` for the log, `userMessage` (an i18n key) for the
 * user. One table maps codes to tRPC codes (see trpc.ts). Services throw these, never TRPCError.
 */
export const APP_ERROR_CODES = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  BAD_REQUEST: 'BAD_REQUEST',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
} as const;
export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  override name = 'AppError';
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AppErrorCode,
    opts: { userMessage: string; message?: string; field?: string; retryAfterSeconds?: number },
  ) {
    super(opts.message ?? opts.userMessage);
    this.code = code;
    this.userMessage = opts.userMessage;
    this.field = opts.field;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export const notFound = (what: string) =>
  new AppError('NOT_FOUND', { userMessage: 'errors.notFound', message: `${what} not found` });
export const forbidden = (message = 'forbidden') =>
  new AppError('FORBIDDEN', { userMessage: 'errors.forbidden', message });

/** Codes a lost or refused database connection comes with (Node sockets, postgres.js, SQLSTATE). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

/**
 * True when `err` (or anything in its `cause` chain) says the database could not be reached:
 * the request failed because of an outage, not a bug, and gets 503 "try again" instead of 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Postgres unique violation, on both drivers. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (o.code === '23505') {
      return !constraint || o.constraint_name === constraint || o.constraint === constraint;
    }
    e = o.cause;
  }
  return false;
}

/** The fields both drivers give a PostgreSQL error (postgres.js: `*_name`; PGlite: short names). */
interface PgErrorShape {
  code?: unknown;
  message?: unknown;
  constraint_name?: unknown;
  constraint?: unknown;
  table_name?: unknown;
  table?: unknown;
  cause?: unknown;
}

function findPgError(err: unknown, code: string): PgErrorShape | null {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const o = e as PgErrorShape;
    if (o.code === code) return o;
    e = o.cause;
  }
  return null;
}

/**
 * A foreign-key violation (SQLSTATE 23503) on either driver, as a clean domain error. An insert
 * or update that names a row missing from the caller's organisation (the tenant-composite keys of
 * decision 018) is NOT_FOUND, the same answer as a service's own "not in this org" check; a delete
 * of a row that is still referenced is CONFLICT. Null when `err` is not a foreign-key violation.
 */
export function foreignKeyViolation(err: unknown): AppError | null {
  const pg = findPgError(err, '23503');
  if (!pg) return null;
  const constraint = String(pg.constraint_name ?? pg.constraint ?? '');
  const table = String(pg.table_name ?? pg.table ?? '');
  // PostgreSQL's own wording: "update or delete on table … violates foreign key constraint … on table …"
  const stillReferenced = /^update or delete on table/.test(String(pg.message ?? ''));
  return stillReferenced
    ? new AppError('CONFLICT', {
        userMessage: 'errors.stillReferenced',
        message: `still referenced (${table}, ${constraint})`,
      })
    : new AppError('NOT_FOUND', {
        userMessage: 'errors.notFound',
        message: `referenced row not found (${table}, ${constraint})`,
      });
}
