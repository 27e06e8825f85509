#!/usr/bin/env node
// `npm start` / `npm test` (and `pnpm start` / `pnpm test`) on a fresh clone: make sure the pinned
// pnpm and the locked dependencies are installed, build what is out of date, then run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.split('@')[1];
const [command, ...rest] = process.argv.slice(2);

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

const [pnpm, pre] = pnpmCommand();
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

ensureInstalled();
if (command === 'start') {
  ensureBuilt();
  // Forward stop signals and exit with the server's own code (0 after a clean shutdown).
  const child = spawn(process.execPath, ['server/dist/main.js', ...rest], { stdio: 'inherit', cwd: root });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (command === 'test') {
  ensureBuilt();
  process.exit(p(['exec', 'vitest', 'run', ...rest]));
} else {
  console.error('usage: node scripts/run.mjs start|test');
  process.exit(2);
}
