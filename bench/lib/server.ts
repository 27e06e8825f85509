/** The real server, in this process, on a free port, with bench-friendly limits. */
import { type Database, loadConfig, startServer } from '@masar/server';
import pino from 'pino';

export const BENCH_ORIGIN = 'http://bench.masar.test';

export interface BenchServer {
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts `startServer` on 127.0.0.1 and an OS-chosen port. Production settings apart from: rate
 * limits raised (every request comes from one IP and a few users), the job worker off unless
 * `jobs` names a GitHub API to call (submissions still enqueue their analysis job), and the request log at `info`
 * written to `logFile` (default: discarded) so logging costs what it costs in production.
 */
export async function startBenchServer(
  database: Database,
  opts: {
    databaseUrl?: string | undefined;
    dataDir?: string | undefined;
    logFile?: string | undefined;
    /** Run the job worker (analyses against this GitHub API, e.g. a local fake) — off by default. */
    jobs?: { githubApiUrl: string; githubToken?: string | undefined } | undefined;
  },
): Promise<BenchServer> {
  const config = {
    ...loadConfig({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PUBLIC_URL: BENCH_ORIGIN,
      DATABASE_URL: opts.databaseUrl,
      DATA_DIR: opts.dataDir,
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT: '10000',
      MUTATION_RATE_LIMIT: '100000',
      JOBS_ENABLED: opts.jobs ? 'true' : 'false',
      GITHUB_API_URL: opts.jobs?.githubApiUrl,
      GITHUB_TOKEN: opts.jobs?.githubToken,
      MASAR_DEMO: 'false',
    }),
    port: 0,
  };
  const logger = pino(
    {
      level: 'info',
      base: { service: 'masar' },
      redact: {
        paths: ['req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: opts.logFile ?? '/dev/null', sync: false }),
  );
  const running = await startServer(config, { database, logger });
  return {
    url: running.url,
    origin: BENCH_ORIGIN,
    async close() {
      await running.close();
      logger.flush();
    },
  };
}
