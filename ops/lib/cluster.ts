/**
 * A throwaway PostgreSQL cluster for one drill: `initdb` in a temp directory, `pg_ctl` on a free
 * loopback port (never the system server on 5432), an ordinary role owning one database (the app
 * refuses superusers and BYPASSRLS roles). The drill may stop, restart or crash it at will;
 * `destroy()` stops it (immediate) and removes the directory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from '../../tests/helpers/server-process';

export const APP_ROLE = 'masar_ops';

export interface Cluster {
  port: number;
  dir: string;
  /** The app's ordinary role on its own database. */
  appUrl: string;
  /** The `postgres` superuser (setup and checks only; never handed to the app). */
  adminUrl: string;
  start(): void;
  /** `fast`: sessions ended, clean checkpoint. `immediate`: no checkpoint (crash recovery at start). */
  stop(mode: 'fast' | 'immediate'): void;
  isRunning(): boolean;
  destroy(): void;
}

function binDir(): string {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv) return fromEnv;
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const v = versions.at(-1);
  if (!v) throw new Error('No PostgreSQL server binaries found under /usr/lib/postgresql (set PG_BINDIR)');
  return path.join(base, v, 'bin');
}

/** initdb refuses to run as root: as root, run the PostgreSQL tools as `postgres`. */
function runPg(bin: string, args: string[], opts: { quiet?: boolean } = {}) {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: opts.quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
}

export async function startCluster(log: (line: string) => void = () => {}): Promise<Cluster> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masar-ops-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  runPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], {
    quiet: true,
  });
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    '-c shared_buffers=256MB',
    // durability as in production: fsync and synchronous commit stay on
  ].join(' ');
  let running = false;
  const cluster: Cluster = {
    port,
    dir,
    appUrl: `postgres://${APP_ROLE}@127.0.0.1:${port}/${APP_ROLE}`,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'], {
        quiet: true,
      });
      running = true;
    },
    stop(mode) {
      runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop'], { quiet: true });
      running = false;
    },
    isRunning: () => running,
    destroy() {
      try {
        if (running) cluster.stop('immediate');
      } catch {
        // already down
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  const admin = postgres(cluster.adminUrl, { onnotice: () => {}, max: 1 });
  try {
    await admin.unsafe(`create role ${APP_ROLE} login nosuperuser nobypassrls`);
    await admin.unsafe(`create database ${APP_ROLE} owner ${APP_ROLE}`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  log(`› PostgreSQL (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, data in ${dir}`);
  return cluster;
}
