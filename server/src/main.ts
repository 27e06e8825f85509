import { type Config, ConfigError, loadConfig } from './config';
import { DatabaseStartError } from './db';
import { DEMO_LOGINS, DEMO_ORG_SLUG, DEMO_PASSWORD } from './seed/demo';
import { type RunningServer, startServer } from './server';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  let running: RunningServer;
  try {
    running = await startServer(config);
  } catch (err) {
    if (err instanceof DatabaseStartError) fail(err.message);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      fail(`Cannot listen: port ${config.port} on ${config.host} is already in use (set PORT)`);
    if (e.code === 'EACCES') fail(`Cannot listen on port ${config.port}: permission denied (set PORT)`);
    fail(`Masar failed to start: ${e.message ?? String(err)}`);
  }
  if (!process.env.MASAR_QUIET) {
    const lines = [
      `  Masar is running at ${config.publicUrl}  (database: ${running.deps.database.kind}; Ctrl-C to stop)`,
    ];
    if (running.demo) {
      lines.push(
        '',
        `  Demo organisation: ${config.publicUrl}/o/${DEMO_ORG_SLUG}  (password for every demo login: ${DEMO_PASSWORD})`,
        `    admin    ${DEMO_LOGINS.admin}`,
        `    mentor   ${DEMO_LOGINS.mentor}`,
        `    learner  ${DEMO_LOGINS.learner}`,
        `    manager  ${DEMO_LOGINS.viewer}  (read-only)`,
      );
    }
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.deps.logger.info({ signal }, 'shutting down');
    running
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        running.deps.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => fail(`Masar failed to start: ${(err as Error).message ?? String(err)}`));
