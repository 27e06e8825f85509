/**
 * One Masar server process for `pnpm bench --instances N` (started by ./instance-process.ts): the real
 * server with its own database pool and its own job worker, on an OS-chosen port. Prints one JSON
 * line `{"url": …}` on stdout once listening; SIGTERM stops it (in-flight requests and the running
 * job finish first).
 */
import { openDatabase } from '@masar/server';
import { startBenchServer } from './server';

const spec = JSON.parse(process.env.BENCH_INSTANCE ?? '{}') as {
  databaseUrl: string;
  githubApiUrl: string;
  githubToken: string;
  logFile?: string;
};

const database = await openDatabase({ url: spec.databaseUrl });
const server = await startBenchServer(database, {
  databaseUrl: spec.databaseUrl,
  logFile: spec.logFile,
  jobs: { githubApiUrl: spec.githubApiUrl, githubToken: spec.githubToken },
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  try {
    await server.close();
    await database.close();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
