import { type Config, ConfigError, loadConfig } from './config';
import { DatabaseStartError } from './db';
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
  if (!process.env.MASAR_QUIET)
    process.stdout.write(
      `\n  Masar is running at ${config.publicUrl}  (database: ${running.deps.database.kind}; Ctrl-C to stop)\n\n`,
    );

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
