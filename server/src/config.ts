import path from 'node:path';
import { z } from 'zod';
import { parseDeploymentKey } from './lib/credential-keys';

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? def : v === 'true' || v === '1' || v === 'yes'));

const port = z.coerce
  .number({ message: 'must be an integer between 1 and 65535' })
  .int({ message: 'must be an integer between 1 and 65535' })
  .min(1, { message: 'must be an integer between 1 and 65535' })
  .max(65535, { message: 'must be an integer between 1 and 65535' });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://localhost:3000' })
    .optional(),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
        } catch {
          return false;
        }
      },
      { message: 'must be a URL like postgres://user:password@host:5432/database' },
    )
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' }).default('auto'),
  SESSION_DAYS: z.coerce.number({ message: 'must be a number of days' }).int().min(1).max(365).default(30),
  SMTP_URL: z.string().url({ message: 'must be a URL like smtp://user:pass@host:587' }).optional(),
  EMAIL_FROM: z.string().min(3).default('Masar <no-reply@masar.local>'),
  WEB_DIST_DIR: z.string().min(1).optional(),
  TRUST_PROXY: bool(false),
  AUTH_RATE_LIMIT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(10000).default(10),
  GITHUB_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://api.github.com' })
    .default('https://api.github.com'),
  GITHUB_TOKEN: z.string().min(1).optional(),
  CREDENTIALS_KEY: z
    .string()
    .refine((v) => parseDeploymentKey(v) !== null, {
      message: 'must be 32 random bytes as base64 or 64 hex characters (openssl rand -base64 32)',
    })
    .optional(),
  JOBS_ENABLED: bool(true),
  MASAR_DEMO: bool(true),
  MUTATION_RATE_LIMIT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100000).default(300),
  ANALYSIS_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds between 2 and 3600' })
    .int({ message: 'must be a number of seconds between 2 and 3600' })
    .min(2, { message: 'must be a number of seconds between 2 and 3600' })
    .max(3600, { message: 'must be a number of seconds between 2 and 3600' })
    .default(120),
  ANALYSIS_RETRY_DELAY_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds between 1 and 3600' })
    .int({ message: 'must be a number of seconds between 1 and 3600' })
    .min(1, { message: 'must be a number of seconds between 1 and 3600' })
    .max(3600, { message: 'must be a number of seconds between 1 and 3600' })
    .default(30),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  /** The origin browsers send for our own pages (CSRF check). */
  publicOrigin: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  cookieSecure: boolean;
  sessionDays: number;
  smtpUrl: string | undefined;
  emailFrom: string;
  webDistDir: string | undefined;
  trustProxy: boolean;
  authRateLimit: number;
  githubApiUrl: string;
  githubToken: string | undefined;
  /**
   * The deployment key that encrypts organisations' credential signing keys (AES-256-GCM, decision
   * 030). Unset: no credentials can be issued (there is no development default).
   */
  credentialsKey: Buffer | undefined;
  jobsEnabled: boolean;
  /** Seed the demo organisation on a fresh embedded database. */
  demo: boolean;
  /** State-changing calls per user per minute. */
  mutationRateLimit: number;
  /**
   * The analysis job: how long one run may take before its worker is presumed dead (pg-boss expires
   * it and retries it; stranded analyses are re-queued after as long), and the first retry's delay.
   */
  analysisJobs: { timeoutSeconds: number; retryDelaySeconds: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse the environment; throws ConfigError with one readable line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Treat empty strings as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const got = cleaned[name];
    const shown = got === undefined ? '' : ` (got ${JSON.stringify(redact(name, got))})`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const origin = new URL(publicUrl).origin;
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    publicOrigin: origin,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? origin.startsWith('https:') : e.COOKIE_SECURE === 'true',
    sessionDays: e.SESSION_DAYS,
    smtpUrl: e.SMTP_URL,
    emailFrom: e.EMAIL_FROM,
    webDistDir: e.WEB_DIST_DIR,
    trustProxy: e.TRUST_PROXY,
    authRateLimit: e.AUTH_RATE_LIMIT,
    githubApiUrl: e.GITHUB_API_URL.replace(/\/+$/, ''),
    githubToken: e.GITHUB_TOKEN,
    credentialsKey: e.CREDENTIALS_KEY === undefined ? undefined : (parseDeploymentKey(e.CREDENTIALS_KEY) ?? undefined),
    jobsEnabled: e.JOBS_ENABLED,
    demo: e.MASAR_DEMO,
    mutationRateLimit: e.MUTATION_RATE_LIMIT,
    analysisJobs: { timeoutSeconds: e.ANALYSIS_TIMEOUT_SECONDS, retryDelaySeconds: e.ANALYSIS_RETRY_DELAY_SECONDS },
  };
}

function redact(name: string, value: string): string {
  if (name === 'GITHUB_TOKEN' || name === 'CREDENTIALS_KEY') return '***';
  if (name === 'DATABASE_URL' || name === 'SMTP_URL') {
    try {
      const u = new URL(value);
      if (u.password) u.password = '***';
      return u.toString();
    } catch {
      return value.length > 60 ? `${value.slice(0, 60)}…` : value;
    }
  }
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
