import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DATA_DIR_LOCK, type Database, DatabaseStartError, lockDataDir, openDatabase } from '../db';
import {
  type BackupOptions,
  type BackupResult,
  checkMigrations,
  finish,
  OpsError,
  outputPath,
  type RestoreResult,
  stamp,
} from './common';

// ---------------------------------------------------------------- embedded (PGlite)

export function isDataDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/** Open an existing data directory without migrating; "in use" and other start errors become one line. */
async function openEmbedded(dir: string): Promise<Database> {
  try {
    return await openDatabase({ dataDir: dir, migrate: false });
  } catch (err) {
    if (err instanceof DatabaseStartError) throw new OpsError(err.message);
    throw err;
  }
}

export async function backupEmbedded(dataDir: string, opts: BackupOptions): Promise<BackupResult> {
  const t0 = Date.now();
  if (!isDataDir(dataDir))
    throw new OpsError(`No embedded database in ${dataDir} (DATA_DIR; set DATABASE_URL to back up PostgreSQL)`);
  const file = outputPath('pglite', opts);
  // Holding the data directory's lock: refused while the server (or anything else) has it open, and
  // nothing can write while PGlite copies it, so the archive is one consistent state.
  const database = await openEmbedded(dataDir);
  const partial = `${file}.partial`;
  try {
    const { applied } = await database.ready();
    const tarball = await database.pglite!.dumpDataDir('gzip');
    fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    return { kind: 'pglite', file, bytes: finish(partial, file), ms: Date.now() - t0, migrations: applied };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    await database.close();
  }
}

export async function restoreEmbedded(file: string, dir: string, force: boolean): Promise<RestoreResult> {
  const t0 = Date.now();
  let movedAside: string | undefined;
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new OpsError(`${dir} is a file, not a directory`);
  if (entries.length > 0) {
    if (!force)
      throw new OpsError(
        `The target directory ${dir} is not empty: restore into a new directory (--target), or pass --force to move it aside and replace it`,
      );
    // Refuse while the server has it open; then keep the old contents next to it.
    let unlock: () => void;
    try {
      unlock = lockDataDir(dir);
    } catch (err) {
      throw new OpsError((err as Error).message);
    }
    unlock();
    movedAside = `${dir}.replaced-${stamp(new Date())}`;
    fs.renameSync(dir, movedAside);
  }
  fs.mkdirSync(dir, { recursive: true });
  try {
    const bytes = fs.readFileSync(file);
    const pg = await PGlite.create({
      dataDir: dir,
      loadDataDir: new File([bytes], path.basename(file), { type: 'application/x-gzip' }),
    });
    await pg.query('select 1');
    await pg.close();
  } catch (err) {
    const e = err as Error;
    const aside = movedAside ? ` (the previous contents are in ${movedAside})` : '';
    throw new OpsError(`Cannot restore ${file} into ${dir}: ${e.message}${aside}`);
  } finally {
    // The archive carries the lock file of the process that took it.
    fs.rmSync(path.join(dir, DATA_DIR_LOCK), { force: true });
  }
  const migrations = await checkMigrations(() => openEmbedded(dir));
  const result: RestoreResult = { kind: 'pglite', target: dir, ms: Date.now() - t0, migrations };
  if (movedAside) result.movedAside = movedAside;
  return result;
}
