// Builds the web app and the server bundle when any source is newer than the build output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  if (!fs.existsSync(dir)) return 0;
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    max = Math.max(max, newest(full));
  }
  return max;
}

export function isBuildStale() {
  const outputs = [path.join(root, 'server', 'dist', 'main.js'), path.join(root, 'web', 'dist', 'index.html')];
  if (!outputs.every((f) => fs.existsSync(f))) return true;
  const built = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  const sources = Math.max(
    ...['web', 'server', 'shared', 'drizzle/src', 'pnpm-lock.yaml'].map((d) => newest(path.join(root, d))),
  );
  return sources > built;
}

/** @param {string[]} pnpm command and leading args that run the pinned pnpm */
export function buildIfStale(pnpm = ['pnpm']) {
  if (!isBuildStale()) return 0;
  console.log('› building the web app and the server');
  const [cmd, ...args] = pnpm;
  // Always a production build (test runners set NODE_ENV=test, which would bundle React's dev build).
  const r = spawnSync(cmd, [...args, '--silent', 'build'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return r.status ?? 1;
}
