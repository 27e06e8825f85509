import { randomUUID } from 'node:crypto';
import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
import { parse as parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { SESSION_COOKIE, validateSessionToken } from '../lib/sessions';
import type { AppDeps, Context, HttpMeta } from '../trpc';

export function httpMetaFor(deps: AppDeps, req: Request, res: Response): HttpMeta {
  const { config } = deps;
  const cookieOpts = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: config.cookieSecure };
  return {
    requestId: String(req.id ?? randomUUID()),
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.get('user-agent') ?? null,
    setSessionCookie(token, expiresAt) {
      res.cookie(SESSION_COOKIE, token, { ...cookieOpts, expires: expiresAt });
    },
    clearSessionCookie() {
      res.clearCookie(SESSION_COOKIE, cookieOpts);
    },
  };
}

/** Builds the tRPC context: the session cookie → user (sliding the expiry when due). */
export function contextFactory(deps: AppDeps) {
  return async ({ req, res }: CreateExpressContextOptions): Promise<Context> => {
    const http = httpMetaFor(deps, req, res);
    const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
    let auth: Context['auth'] = null;
    if (token) {
      const found = await validateSessionToken(deps.database.db, token, {
        days: deps.config.sessionDays,
        now: deps.now(),
      });
      if (!found) http.clearSessionCookie();
      else {
        if (found.refreshed) http.setSessionCookie(token, found.session.expiresAt);
        auth = { user: found.user, session: found.session };
      }
    }
    return { deps, http, auth };
  };
}
