import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db';

/** A failure to report as one line (bad path, bad URL, refused target…), never with a stack. */
export class OpsError extends Error {
  override name = 'OpsError';
}

export type BackupKind = 'postgres' | 'pglite';

export interface OpsEnv {
  /** The app's database (PostgreSQL mode when set). */
  databaseUrl: string | undefined;
  /** The role pg_dump connects as: a superuser or BYPASSRLS role; defaults to databaseUrl. */
  backupDatabaseUrl: string | undefined;
  dataDir: string;
  /** Where pg_dump / pg_restore are; else found on PATH. */
  pgBinDir: string | undefined;
}

export interface BackupResult {
  kind: BackupKind;
  file: string;
  bytes: number;
  ms: number;
  /** Migrations applied in the database that was backed up. */
  migrations: number;
}

export interface BackupOptions {
  /** A file to write, or an existing directory to put a timestamped file in. Default ./backups/. */
  out?: string | undefined;
  now?: Date;
}

/** `pnpm db:backup`: PostgreSQL when DATABASE_URL (or BACKUP_DATABASE_URL) is set, else DATA_DIR. */

export function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function outputPath(kind: BackupKind, opts: BackupOptions): string {
  const name = `masar-${kind}-${stamp(opts.now ?? new Date())}.${kind === 'postgres' ? 'dump' : 'tar.gz'}`;
  const out = path.resolve(opts.out ?? 'backups');
  if (opts.out === undefined) fs.mkdirSync(out, { recursive: true });
  const file = fs.existsSync(out) && fs.statSync(out).isDirectory() ? path.join(out, name) : out;
  if (!fs.existsSync(path.dirname(file)))
    throw new OpsError(`Cannot write the backup: ${path.dirname(file)} does not exist`);
  if (fs.existsSync(file)) throw new OpsError(`Cannot write the backup: ${file} already exists`);
  return file;
}

/** Move a finished `.partial` file into place, so a failed backup never leaves a plausible file. */
export function finish(partial: string, file: string): number {
  fs.renameSync(partial, file);
  return fs.statSync(file).size;
}

export interface RestoreOptions {
  /** postgres:// URL or a data directory; default DATABASE_URL / DATA_DIR by the backup's kind. */
  target?: string | undefined;
  /** Replace a non-empty target (PostgreSQL: drop what the role owns; PGlite: move the directory aside). */
  force?: boolean;
}

export interface RestoreResult {
  kind: BackupKind;
  /** Where it went (URL without password, or a directory). */
  target: string;
  ms: number;
  /** Migrations in the restored database / known to this version of Masar. */
  migrations: { applied: number; expected: number };
  /** With --force on a data directory: where the previous contents were moved. */
  movedAside?: string;
}

/** What kind of backup a file is, from its first bytes (not its name). */

/** Open the restored database as the server would (without migrating) and compare its migrations. */
export async function checkMigrations(open: () => Promise<Database>): Promise<{ applied: number; expected: number }> {
  let database: Database;
  try {
    database = await open();
  } catch (err) {
    throw new OpsError(`Restored, but the database does not open: ${(err as Error).message}`);
  }
  try {
    const { applied, expected } = await database.ready();
    if (applied > expected)
      throw new OpsError(
        `Restored, but the backup comes from a newer Masar (${applied} migrations; this version knows ${expected}): run that version`,
      );
    return { applied, expected };
  } finally {
    await database.close();
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
