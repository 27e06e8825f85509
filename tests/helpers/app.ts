import { randomUUID } from 'node:crypto';
import { type AppDeps, type Context, createCaller, type Database, loadConfig } from '@masar/server';
import { runDailyDigest } from '../../server/src/features/notifications/digests';
import { runAnalysisJob } from '../../server/src/features/submissions/analysis';
import { ManualJobs } from '../../server/src/jobs';
import { createServices } from '../../server/src/lib/deps';
import { deliverMail, SmtpEmailSender } from '../../server/src/lib/email';
import { validateSessionToken } from '../../server/src/lib/sessions';
import { createLogger } from '../../server/src/logger';

export interface TestDeps extends AppDeps {
  jobs: ManualJobs;
}

/** Real services on a real database; jobs wait in a ManualJobs queue until a test drains them. */
export function testDeps(database: Database, env: Record<string, string> = {}): TestDeps {
  // GitHub: a closed local port unless a test starts its fake GitHub (no test reaches the internet).
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://masar.test',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    ...env,
  });
  const logger = createLogger(config.logLevel);
  const jobs = new ManualJobs();
  const deps: TestDeps = {
    config,
    database,
    logger,
    services: createServices(config, logger, jobs, database),
    now: () => new Date(),
    jobs,
  };
  void jobs.start((job) => runAnalysisJob({ database, config, logger, jobs, now: () => deps.now() }, job));
  const email = deps.services.email;
  if (email instanceof SmtpEmailSender) {
    const mail = { database, mailer: email.mailer, from: email.from, logger, now: () => deps.now() };
    void jobs.startMail(async (job) => {
      await deliverMail(mail, job);
    });
  }
  void jobs.startDigest(async () => {
    await runDailyDigest({ database, email: deps.services.email, publicUrl: config.publicUrl, logger }, deps.now());
  });
  return deps;
}

/** A tRPC caller as the web app would be: cookies set by procedures land in `jar`. */
export interface TestClient {
  caller: ReturnType<typeof createCaller>;
  jar: { token: string | null };
  ip: string;
}

export async function client(deps: AppDeps, opts: { token?: string | null; ip?: string } = {}): Promise<TestClient> {
  const jar = { token: opts.token ?? null };
  const ip = opts.ip ?? `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const caller = createCaller(async (): Promise<Context> => {
    const found = jar.token
      ? await validateSessionToken(deps.database.db, jar.token, { days: deps.config.sessionDays, now: deps.now() })
      : null;
    return {
      deps,
      auth: found ? { user: found.user, session: found.session } : null,
      http: {
        requestId: randomUUID(),
        ip,
        userAgent: 'vitest',
        setSessionCookie(token) {
          jar.token = token;
        },
        clearSessionCookie() {
          jar.token = null;
        },
      },
    };
  });
  return { caller, jar, ip };
}
