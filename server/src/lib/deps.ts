import type { Config } from '../config';
import type { Database } from '../db';
import type { Jobs } from '../jobs';
import type { Logger } from '../logger';
import { type EmailSender, OutboxEmailSender, SmtpEmailSender } from './email';
import { AuthLimiter, LimiterStore, MutationLimiter } from './limiter';

export interface Services {
  email: EmailSender;
  /** Where the rate limits count: shared on PostgreSQL, per process on PGlite. */
  limiterStore: LimiterStore;
  authLimiter: AuthLimiter;
  mutationLimiter: MutationLimiter;
  jobs: Jobs;
  /** Release what the services hold (the rate limits' connection pool). */
  close(): Promise<void>;
}

export function createServices(
  config: Config,
  logger: Logger,
  jobs: Jobs,
  database: Pick<Database, 'kind' | 'url'>,
): Services {
  const limiterStore = LimiterStore.for(database, logger);
  return {
    jobs,
    email: config.smtpUrl
      ? new SmtpEmailSender(config.smtpUrl, config.emailFrom, logger, jobs)
      : new OutboxEmailSender(logger),
    limiterStore,
    authLimiter: new AuthLimiter(config.authRateLimit, undefined, limiterStore),
    mutationLimiter: new MutationLimiter(config.mutationRateLimit, limiterStore),
    close: () => limiterStore.close(),
  };
}
