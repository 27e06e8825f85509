/**
 * `pnpm db:backup [--out <file|dir>]` and `pnpm db:restore <file> [--target <postgres-url|dir>] [--force]`.
 * Every failure is one line on stderr and exit code 1 (see docs/operations.md).
 */
import { ConfigError } from '../config';
import { DatabaseStartError } from '../db';
import { backup, formatBytes, loadOpsEnv, OpsError, restore } from './backup';

const USAGE = [
  'usage: pnpm db:backup [--out <file|directory>]',
  '       pnpm db:restore <file> [--target <postgres-url|directory>] [--force]',
].join('\n');

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

interface Args {
  positional: string[];
  out?: string;
  target?: string;
  force: boolean;
}

function parseArgs(argv: string[], allowed: string[]): Args {
  const args: Args = { positional: [], force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const [flag, inline] = a.startsWith('--') ? (a.split(/=(.*)/s, 2) as [string, string?]) : [a, undefined];
    if (!flag.startsWith('--')) {
      args.positional.push(a);
      continue;
    }
    const name = flag.slice(2);
    if (!allowed.includes(name)) throw new OpsError(`Unknown option ${flag} (see --help)`);
    if (name === 'force') {
      args.force = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new OpsError(`${flag} needs a value`);
    if (name === 'out') args.out = value;
    if (name === 'target') args.target = value;
  }
  return args;
}

async function main() {
  // pnpm runs this from server/: resolve DATA_DIR and paths from where the command was typed.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  const [command, ...rest] = process.argv.slice(2);
  const env = loadOpsEnv();
  if (command === 'backup') {
    const args = parseArgs(rest, ['out']);
    if (args.positional.length > 0) throw new OpsError(`Unexpected argument ${args.positional[0]} (see --help)`);
    const r = await backup(env, { out: args.out });
    process.stdout.write(
      `Backup written: ${r.file} (${formatBytes(r.bytes)}, ${r.kind === 'postgres' ? 'PostgreSQL' : 'embedded database'}, ${r.migrations} migrations) in ${(r.ms / 1000).toFixed(1)} s\n`,
    );
    return;
  }
  if (command === 'restore') {
    const args = parseArgs(rest, ['target', 'force']);
    if (args.positional.length !== 1) throw new OpsError(`Name one backup file to restore (see --help)`);
    const r = await restore(env, args.positional[0]!, { target: args.target, force: args.force });
    if (r.movedAside) process.stdout.write(`The previous contents of ${r.target} are in ${r.movedAside}\n`);
    const pending = r.migrations.expected - r.migrations.applied;
    process.stdout.write(
      `Restored into ${r.target} in ${(r.ms / 1000).toFixed(1)} s; migrations: ${r.migrations.applied} of ${r.migrations.expected} applied${pending > 0 ? ` (${pending} will run when the server starts)` : ''}\n`,
    );
    return;
  }
  throw new OpsError(USAGE);
}

main().then(
  () => process.exit(0),
  (err) => {
    if (err instanceof OpsError || err instanceof ConfigError || err instanceof DatabaseStartError) fail(err.message);
    fail(`Failed: ${(err as Error).message ?? String(err)}`);
  },
);
