/**
 * The one place that builds tRPC (create-t3-app's `trpc.ts`): context type, error formatting,
 * the AppError → tRPC code table, and the three procedure kinds. Every procedure carries access
 * metadata so the access-matrix test can enumerate them all.
 */
import type { organizations } from '@masar/drizzle';
import { can, orgRef, type Permission, type Role } from '@masar/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import type { Config } from './config';
import type { Database, Db } from './db';
import { withTenant } from './db/tenant';
import { AppError, type AppErrorCode, forbidden, foreignKeyViolation, isDatabaseUnavailable, notFound } from './errors';
import type { Services } from './lib/deps';
import type { AuthState } from './lib/sessions';
import type { Logger } from './logger';

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  services: Services;
  /** The clock; tests may fix it. */
  now: () => Date;
}

export interface HttpMeta {
  requestId: string;
  ip: string;
  userAgent: string | null;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export interface Context {
  deps: AppDeps;
  http: HttpMeta;
  auth: AuthState | null;
}

export interface TenantCtx {
  orgId: string;
  userId: string;
  role: Role;
  org: typeof organizations.$inferSelect;
}

/** Work to do once the request's transaction has committed (e.g. enqueue a job for new rows). */
export type AfterCommit = (fn: () => Promise<unknown>) => void;

export type Access = 'public' | 'authenticated' | { permission: Permission };
export interface ProcedureMeta {
  access: Access;
}

const CODE_MAP: Record<AppErrorCode, TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  BAD_REQUEST: 'BAD_REQUEST',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
};

/** tRPC's own transport errors (body too large, unparsable JSON, unknown procedure) as i18n keys. */
const TRANSPORT_ERROR_KEYS: Partial<Record<TRPCError['code'], string>> = {
  PAYLOAD_TOO_LARGE: 'errors.payloadTooLarge',
  NOT_FOUND: 'errors.notFound',
  FORBIDDEN: 'errors.forbidden',
  UNAUTHORIZED: 'errors.unauthorized',
  TOO_MANY_REQUESTS: 'errors.tooManyRequests',
};

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    isDev: false,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const zodError = cause instanceof ZodError ? z.flattenError(cause) : null;
      const app = cause instanceof AppError ? cause : null;
      let message = shape.message;
      let { code, httpStatus } = shape.data;
      if (zodError) message = 'errors.validation';
      else if (app) message = app.userMessage;
      else if (error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(cause)) {
        // an outage, not a bug: 503 and "try again in a moment" (the client may retry)
        message = 'errors.unavailable';
        code = 'SERVICE_UNAVAILABLE';
        httpStatus = 503;
      } else if (error.code === 'INTERNAL_SERVER_ERROR') message = 'errors.internal';
      else if (!message.startsWith('errors.')) message = TRANSPORT_ERROR_KEYS[error.code] ?? 'errors.badRequest';
      return {
        ...shape,
        message,
        data: {
          code,
          httpStatus,
          path: shape.data.path,
          zodError,
          field: app?.field ?? null,
          retryAfterSeconds: app?.retryAfterSeconds ?? null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps domain errors to tRPC codes and logs the unexpected ones (once, with the request id). */
const errorMapping = t.middleware(async ({ ctx, next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    return { ...result, error: new TRPCError({ code: CODE_MAP[cause.code], message: cause.message, cause }) };
  }
  // The database refused a reference (decision 018's tenant-composite foreign keys): a clean 4xx,
  // as if the service had checked. Logged at warn: a service check is missing in front of it.
  const fk = foreignKeyViolation(cause);
  if (fk) {
    ctx.deps.logger.warn({ err: cause, path, type, requestId: ctx.http.requestId }, 'foreign key refused the write');
    return { ...result, error: new TRPCError({ code: CODE_MAP[fk.code], message: fk.message, cause: fk }) };
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.deps.logger.error(
      { err: cause ?? result.error, path, type, requestId: ctx.http.requestId },
      'procedure failed',
    );
  }
  return result;
});

const base = t.procedure.use(errorMapping);

export const publicProcedure = base.meta({ access: 'public' });

export const protectedProcedure = base.meta({ access: 'authenticated' }).use(async ({ ctx, next, type }) => {
  if (!ctx.auth) {
    throw new AppError('UNAUTHORIZED', { userMessage: 'errors.unauthorized', message: 'not signed in' });
  }
  if (type === 'mutation') await ctx.deps.services.mutationLimiter.consume(ctx.auth.user.id);
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

const ROLLBACK = Symbol('rollback');

export interface OrgProcedureOptions {
  /**
   * Slow work that must not hold the request's transaction open (a call to GitHub: on PGlite an
   * open transaction holds up every other request). Runs after authentication, before the
   * transaction and before membership and permission are known; gets the raw input (validate it;
   * the procedure's own input parser still runs later). A throw refuses the request.
   */
  beforeTransaction?: (ctx: Context & { auth: AuthState }, rawInput: unknown) => Promise<void>;
}

/**
 * A procedure inside one organisation, named by `orgSlug` in the input. It opens the request's
 * transaction, sets the row-level-security scope, resolves the caller's membership (not a
 * member → NOT_FOUND, so an org's existence never leaks), checks `permission` (→ FORBIDDEN) and
 * hands the resolver `ctx.db` (the transaction) and `ctx.tenant`. An error rolls everything back.
 */
export function orgProcedure(permission: Permission, opts: OrgProcedureOptions = {}) {
  return protectedProcedure
    .meta({ access: { permission } })
    .input(orgRef)
    .use(async ({ ctx, input, next, getRawInput }) => {
      const { database } = ctx.deps;
      if (opts.beforeTransaction) await opts.beforeTransaction(ctx, await getRawInput());
      const pending: (() => Promise<unknown>)[] = [];
      const afterCommit: AfterCommit = (fn) => {
        pending.push(fn);
      };
      const run = (db: Db, tenant: TenantCtx) => next({ ctx: { ...ctx, db, tenant, afterCommit } });
      let result: Awaited<ReturnType<typeof run>> | undefined;
      try {
        await withTenant(database, { slug: input.orgSlug, userId: ctx.auth.user.id }, async (tx, found) => {
          if (!found?.role) throw notFound('organisation');
          const { org, role } = found;
          if (!can(role, permission)) throw forbidden(`${role} lacks ${permission}`);
          const tenant: TenantCtx = { orgId: org.id, userId: ctx.auth.user.id, role, org };
          result = await run(tx, tenant);
          if (!result.ok) throw ROLLBACK;
        });
      } catch (err) {
        if (err !== ROLLBACK) throw err;
      }
      if (result?.ok) {
        for (const fn of pending) {
          await fn().catch((err) =>
            ctx.deps.logger.error({ err, requestId: ctx.http.requestId }, 'after-commit task failed'),
          );
        }
      }
      return result as NonNullable<typeof result>;
    });
}
