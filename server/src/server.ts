import type { Server } from 'node:http';
import type { Config } from './config';
import { type Database, openDatabase } from './db';
import { runDailyDigest } from './features/notifications/digests';
import { resumeStrandedAnalyses, runAnalysisJob } from './features/submissions/analysis';
import { type AppState, createApp } from './http/app';
import { PgBossJobs, superviseIntervalSeconds } from './jobs';
import { createServices } from './lib/deps';
import { deliverMail, MAIL_STRANDED_SECONDS, SmtpEmailSender, sweepStrandedMail } from './lib/email';
import { createLogger, type Logger } from './logger';
import { DEMO_ORG_SLUG, demoExists, seedDemo } from './seed/demo';
import type { AppDeps } from './trpc';

export interface RunningServer {
  url: string;
  deps: AppDeps;
  /** The demo organisation exists (its logins are printed at start). */
  demo: boolean;
  /** Stop accepting, finish in-flight requests, close the database. */
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  opts: { logger?: Logger; database?: Database } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const database = opts.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  // A fresh embedded database gets the demo organisation (never a DATABASE_URL: `pnpm db:seed-demo`).
  if (config.demo && database.kind === 'pglite' && !opts.database) {
    if (await seedDemo(database)) logger.info({ org: DEMO_ORG_SLUG }, 'demo organisation seeded');
  }
  const demo = database.kind === 'pglite' && (await demoExists(database));
  const jobs = new PgBossJobs(
    database.pglite ? { pglite: database.pglite } : { url: database.url! },
    logger,
    config.analysisJobs,
  );
  const deps: AppDeps = {
    config,
    database,
    logger,
    services: createServices(config, logger, jobs, database),
    now: () => new Date(),
  };
  let sweeper: NodeJS.Timeout | null = null;
  if (config.jobsEnabled) {
    await jobs.start((job) => runAnalysisJob({ database, config, logger, jobs, now: deps.now }, job));
    await jobs.startDigest(async () => {
      await runDailyDigest({ database, email: deps.services.email, publicUrl: config.publicUrl, logger }, deps.now());
    });
    const email = deps.services.email;
    if (email instanceof SmtpEmailSender) {
      const mail = { database, mailer: email.mailer, from: email.from, logger, now: deps.now };
      await jobs.startMail(async (job) => {
        await deliverMail(mail, job);
      });
    }
    // Analyses left without a job (a crash between commit and enqueue, a failed enqueue): at start
    // and then as often as pg-boss supervises the queues (which expires timed-out jobs).
    let sweeping = false;
    const sweep = async () => {
      if (sweeping) return;
      sweeping = true;
      await resumeStrandedAnalyses(
        { database, jobs, logger },
        { olderThanSeconds: config.analysisJobs.timeoutSeconds, now: deps.now() },
      )
        .then(() =>
          deps.services.email instanceof SmtpEmailSender
            ? sweepStrandedMail(
                { database, jobs, logger },
                { olderThanSeconds: MAIL_STRANDED_SECONDS, now: deps.now() },
              )
            : 0,
        )
        .catch((err) => logger.warn({ err }, 'stranded-analysis or stranded-mail sweep failed'))
        .finally(() => {
          sweeping = false;
        });
    };
    await sweep();
    sweeper = setInterval(sweep, superviseIntervalSeconds(config.analysisJobs) * 1000);
    sweeper.unref();
  }
  const state: AppState = { shuttingDown: false };
  const { app, dist } = createApp(deps, state);
  if (!dist) logger.warn('web/dist not found: serving the API only (run `pnpm build`, or use `pnpm dev`)');

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, database: database.kind, publicUrl: config.publicUrl }, 'Masar is listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    deps,
    demo,
    close() {
      closing ??= (async () => {
        state.shuttingDown = true;
        if (sweeper) clearInterval(sweeper);
        // Stop accepting; requests in flight finish (their responses say `Connection: close`, so
        // keep-alive clients do not send more on them); idle connections close now.
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.closeAllConnections(), 10_000);
          force.unref();
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await jobs.stop().catch((err) => logger.warn({ err }, 'job queue did not stop cleanly'));
        await deps.services.close().catch((err) => logger.warn({ err }, 'rate-limit pool did not close cleanly'));
        // A database handed in by the caller (tests) stays open: the caller closes it.
        if (!opts.database) await database.close();
        logger.info('Masar stopped');
      })();
      return closing;
    },
  };
}
