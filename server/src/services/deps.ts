import type { Config } from '../config';
import type { Jobs } from '../jobs';
import type { Logger } from '../logger';
import { type EmailSender, OutboxEmailSender, SmtpEmailSender } from './email';
import { AuthLimiter, MutationLimiter } from './limiter';

export interface Services {
  email: EmailSender;
  authLimiter: AuthLimiter;
  mutationLimiter: MutationLimiter;
  jobs: Jobs;
}

export function createServices(config: Config, logger: Logger, jobs: Jobs): Services {
  return {
    jobs,
    email: config.smtpUrl
      ? new SmtpEmailSender(config.smtpUrl, config.emailFrom, logger)
      : new OutboxEmailSender(logger),
    authLimiter: new AuthLimiter(config.authRateLimit),
    mutationLimiter: new MutationLimiter(config.mutationRateLimit),
  };
}
