import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import {
  type BackupKind,
  type BackupOptions,
  type BackupResult,
  type OpsEnv,
  OpsError,
  type RestoreOptions,
  type RestoreResult,
} from './common';
import { backupEmbedded, restoreEmbedded } from './embedded';
import { backupPostgres, restorePostgres } from './postgres';

export * from './common';

function isPostgresUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Validate the environment the way the server does (one line naming the variable). */
export function loadOpsEnv(env: Record<string, string | undefined> = process.env): OpsEnv {
  const config = loadConfig(env);
  const backupUrl = env.BACKUP_DATABASE_URL || undefined;
  if (backupUrl !== undefined && !isPostgresUrl(backupUrl))
    throw new ConfigError(
      'Invalid configuration: BACKUP_DATABASE_URL must be a URL like postgres://user:password@host:5432/database',
    );
  const pgBinDir = env.PG_BIN_DIR || undefined;
  if (pgBinDir !== undefined && !fs.existsSync(path.join(pgBinDir, 'pg_dump')))
    throw new ConfigError(`Invalid configuration: PG_BIN_DIR must be a directory holding pg_dump (got "${pgBinDir}")`);
  return { databaseUrl: config.databaseUrl, backupDatabaseUrl: backupUrl, dataDir: config.dataDir, pgBinDir };
}

export async function backup(env: OpsEnv, opts: BackupOptions = {}): Promise<BackupResult> {
  const url = env.backupDatabaseUrl ?? env.databaseUrl;
  return url ? backupPostgres(url, env, opts) : backupEmbedded(env.dataDir, opts);
}

export function backupKindOf(file: string): BackupKind {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new OpsError(
      e.code === 'ENOENT' ? `No such backup file: ${file}` : `Cannot read ${file}: ${e.code ?? e.message}`,
    );
  }
  const head = Buffer.alloc(5);
  try {
    if (fs.fstatSync(fd).isDirectory()) throw new OpsError(`${file} is a directory, not a backup file`);
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  throw new OpsError(
    `${file} is not a Masar backup (expected a pg_dump custom archive or an embedded-database .tar.gz)`,
  );
}

/** `pnpm db:restore <file>`: into an empty database or data directory, then check the migrations. */
export async function restore(env: OpsEnv, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const abs = path.resolve(file);
  const kind = backupKindOf(abs);
  const target = opts.target;
  if (kind === 'postgres') {
    const url = target ?? env.databaseUrl;
    if (!url) throw new OpsError('This is a PostgreSQL backup: set DATABASE_URL or pass --target postgres://…');
    if (!isPostgresUrl(url))
      throw new OpsError(
        `This is a PostgreSQL backup: --target must be a URL like postgres://user:password@host:5432/database`,
      );
    return restorePostgres(abs, url, env, opts.force ?? false);
  }
  if (target !== undefined && isPostgresUrl(target))
    throw new OpsError('This is an embedded-database backup: --target must be a directory, not a postgres:// URL');
  if (target === undefined && env.databaseUrl)
    throw new OpsError(
      'This is an embedded-database backup but DATABASE_URL is set: pass --target <directory> to restore it into a data directory',
    );
  return restoreEmbedded(abs, path.resolve(target ?? env.dataDir), opts.force ?? false);
}
