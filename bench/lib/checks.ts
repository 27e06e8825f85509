/** Checks that need the production build: the web app's initial JS, and the embedded cold start. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { bytesByPackage } from './sourcemap';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** `pnpm build` (web, then server). Returns null on success, else a one-line reason. */
export function buildAll(): string | null {
  // A production build whatever the caller's NODE_ENV (Vite bundles React's development build otherwise).
  const r = spawnSync('pnpm', ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.error) return `cannot run pnpm build: ${r.error.message}`;
  return r.status === 0 ? null : `pnpm build exited with ${r.status}`;
}

export interface BundleReport {
  /** Scripts the first page load fetches: the entry module and its modulepreloads. */
  chunks: { file: string; bytes: number; gzipBytes: number; recharts: boolean }[];
  gzipBytes: number;
  /** The entry bundles React's development build (web/dist was built with NODE_ENV=development). */
  development: boolean;
  /** Minified bytes of the entry chunk(s) per package, from the source maps (largest first). */
  contributors: { name: string; bytes: number }[];
  /** Chunks anywhere in dist that contain recharts (it must be there, lazily). */
  lazyRechartsChunks: string[];
}

/**
 * Whether a chunk contains recharts: from its source map when there is one (a module under
 * node_modules/recharts), else from the class names recharts renders.
 */
function hasRecharts(file: string): boolean {
  if (fs.existsSync(`${file}.map`)) {
    const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    return map.sources.some((s) => s.includes('node_modules/recharts/'));
  }
  return /recharts-(wrapper|surface|layer|cartesian)/.test(fs.readFileSync(file, 'utf8'));
}

/** Gzip-measures the JS that web/dist/index.html references (what the first route needs). */
export function measureBundle(dist = path.join(ROOT, 'web/dist')): BundleReport {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+\.js)"[^>]*rel="modulepreload"/g)) refs.add(m[1]!);
  if (refs.size === 0) throw new Error('web/dist/index.html references no script');
  const chunks = [...refs].map((ref) => {
    const file = path.join(dist, ref.replace(/^\//, ''));
    const buf = fs.readFileSync(file);
    return {
      file: path.relative(dist, file),
      bytes: buf.length,
      gzipBytes: zlib.gzipSync(buf, { level: 9 }).length,
      recharts: hasRecharts(file),
    };
  });
  const assets = path.join(dist, 'assets');
  const lazyRechartsChunks = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .filter((f) => !chunks.some((c) => c.file === `assets/${f}`))
    .filter((f) => hasRecharts(path.join(assets, f)))
    .map((f) => `assets/${f}`);
  const totals = new Map<string, number>();
  let development = false;
  for (const c of chunks) {
    const file = path.join(dist, c.file);
    if (!fs.existsSync(`${file}.map`)) continue;
    const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    if (map.sources.some((s) => /react-dom[^/]*\.development\.js$/.test(s))) development = true;
    for (const { name, bytes } of bytesByPackage(file, `${file}.map`))
      totals.set(name, (totals.get(name) ?? 0) + bytes);
  }
  const contributors = [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15);
  return {
    chunks,
    gzipBytes: chunks.reduce((n, c) => n + c.gzipBytes, 0),
    development,
    contributors,
    lazyRechartsChunks,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node server/dist/main.js` on a fresh DATA_DIR (embedded PGlite: create, migrate, seed
 * the demo organisation, start the job queue) and times it until `/readyz` answers 200.
 */
export async function measureColdStart(timeoutMs = 60_000): Promise<{ seconds: number }> {
  const main = path.join(ROOT, 'server/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('server/dist/main.js is missing (run pnpm build)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masar-cold-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  for (const k of ['DATABASE_URL', 'PUBLIC_URL', 'MASAR_DEMO', 'JOBS_ENABLED', 'NODE_ENV']) delete env[k];
  env.LOG_LEVEL = 'warn';
  env.MASAR_QUIET = '1';
  const t0 = performance.now();
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr.slice(-500)}`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`not ready after ${timeoutMs / 1000} s`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.status === 200) return { seconds: (performance.now() - t0) / 1000 };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
