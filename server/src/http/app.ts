import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { isDatabaseUnavailable } from '../errors';
import { appRouter } from '../router';
import type { AppDeps } from '../trpc';
import { contextFactory } from './context';
import { exportRouter } from './exports';

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,100}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** /readyz answers 503 when the database has not answered within this long. */
export const READY_TIMEOUT_MS = 2000;

export interface AppState {
  shuttingDown: boolean;
}

/**
 * Rejects state-changing requests that do not come from our own origin (cookie auth needs it).
 * A browser sends `Sec-Fetch-Site` and `Origin`; either one naming another site is refused, and so
 * is a non-GET request with neither (no browser of ours sends that).
 */
export function csrfGuard(publicOrigin: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const sameSite = site === 'same-origin' || (site === undefined && origin === publicOrigin);
    const originOk = origin === undefined ? site === 'same-origin' : origin === publicOrigin;
    if (sameSite && originOk) return next();
    res.status(403).json({ error: { code: 'FORBIDDEN', message: 'errors.crossOrigin' } });
  };
}

export function findWebDist(explicit?: string): string | null {
  const candidates = explicit
    ? [path.resolve(explicit)]
    : [
        path.resolve('web/dist'),
        path.resolve(import.meta.dirname, '../../web/dist'),
        path.resolve(import.meta.dirname, '../../../web/dist'),
      ];
  for (const dir of candidates) if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  return null;
}

export function createApp(deps: AppDeps, state: AppState = { shuttingDown: false }) {
  const { config, logger, database } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  // While the server shuts down, every response (also of requests already in flight) closes its
  // connection, so a keep-alive client does not send another request on it and lose it.
  app.use((_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
      if (state.shuttingDown && !res.headersSent) res.setHeader('connection', 'close');
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  });

  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  // Security headers with a strict Content-Security-Policy: no inline or third-party scripts.
  // (Style attributes are allowed: charts and popovers position elements with inline styles.)
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(config.publicOrigin.startsWith('https:') ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.publicOrigin.startsWith('https:'),
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    if (state.shuttingDown) {
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    try {
      // A database that does not answer is not ready: the check never waits for a connection that
      // is not coming (the pool queues queries while PostgreSQL is down).
      let timer: NodeJS.Timeout | undefined;
      const r = await Promise.race([
        database.ready().finally(() => clearTimeout(timer)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('readiness check timed out')), READY_TIMEOUT_MS);
        }),
      ]);
      res
        .status(r.ok ? 200 : 503)
        .json({ status: r.ok ? 'ready' : 'migrations-pending', database: database.kind, ...r });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'database-unreachable', database: database.kind });
    }
  });

  // Public portfolio pages: never indexed, and no referrer leaks the unguessable link.
  app.use('/p/', (_req, res, next) => {
    res.setHeader('x-robots-tag', 'noindex, nofollow');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });

  app.use(csrfGuard(config.publicOrigin));
  app.use(exportRouter(deps));

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: contextFactory(deps),
      maxBodySize: 1024 * 1024,
      onError({ error, path }) {
        if (error.code === 'PAYLOAD_TOO_LARGE') logger.warn({ path }, 'payload too large');
      },
    }),
  );

  const dist = findWebDist(config.webDistDir);
  if (dist) {
    // The build keeps its source maps on disk (hidden: no sourceMappingURL) for the bundle checks;
    // they are never served: they hold the whole web source with its comments (decision 019).
    // (Matched on the decoded path, as the static handler decodes it: `x.js%2Emap` too.)
    app.use((req, res, next) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(req.path);
      } catch {
        return next();
      }
      if (!/\.map\/?$/i.test(decoded) || /^\/(trpc|export)\//.test(req.path)) return next();
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'errors.notFound' } });
    });
    app.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: immutableAssets }));
    app.get(/^\/(?!trpc\/|export\/|healthz$|readyz$).*/, (req, res, next) => {
      if (req.method !== 'GET' || path.extname(req.path)) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(path.join(dist, 'index.html'));
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'errors.notFound' } });
  });

  // Last resort: never a stack trace to the client.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: 'errors.badRequest' } });
      return;
    }
    if (isDatabaseUnavailable(err)) {
      req.log?.warn({ err }, 'database unavailable');
      res.status(503).json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'errors.unavailable' } });
      return;
    }
    req.log?.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'errors.internal' } });
  });

  return { app, dist };
}

function immutableAssets(res: Response, filePath: string) {
  if (filePath.includes(`${path.sep}assets${path.sep}`))
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
}
