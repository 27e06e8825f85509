/**
 * Runs one autocannon measurement in a worker thread, so the load generator never shares the
 * event loop with the in-process server it measures. The request mix is described as plain data
 * (`LoadSpec`); the worker turns it into autocannon `requests` with `setupRequest`.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { summarize } from './stats';

const require = createRequire(import.meta.url);
const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

export interface ReviewItem {
  submissionId: string;
  revision: number;
  expectedVersion: number;
  skillIds: string[];
}

export interface LoadSpec {
  name: string;
  /** Base URL of the server (http://127.0.0.1:port). */
  url: string;
  duration: number;
  connections: number;
  /** Seconds of unrecorded load first (reads only). */
  warmup: number;
  /** Sent as `Origin` on every request (CSRF check on POSTs). */
  origin: string;
  /** Cookie header values, rotated per request. */
  cookies: string[];
  kind: 'get' | 'submit' | 'review';
  /** get: request paths, rotated per request. */
  paths?: string[];
  submit?: { path: string; orgSlug: string; cohortId: string; claimedSkillIds: string[]; runId: string };
  review?: { path: string; orgSlug: string; pool: ReviewItem[] };
  /** Return every latency too (to merge interleaved slices). */
  raw?: boolean;
}

export interface LoadResult {
  name: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  /** Responses per HTTP status. */
  status: Record<string, number>;
  /** Non-2xx responses that are not expected conflicts (409 on the review scenario). */
  errors: number;
  /** Expected optimistic-concurrency refusals (409), counted apart from errors. */
  conflicts: number;
  /** Socket errors and timeouts reported by autocannon. */
  socketErrors: number;
  timeouts: number;
  /** Every latency (ms), when `raw` was asked for. */
  samples?: number[];
  /** Interleaved slices merged into this result. */
  slices?: number;
}

/** One result from several slices of the same scenario (requests and latencies pooled). */
export function mergeLoads(parts: LoadResult[]): LoadResult {
  const first = parts[0];
  if (!first) throw new Error('nothing to merge');
  const samples = parts.flatMap((p) => p.samples ?? []);
  const durationSeconds = parts.reduce((n, p) => n + p.durationSeconds, 0);
  const requests = parts.reduce((n, p) => n + p.requests, 0);
  const status: Record<string, number> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.status)) status[code] = (status[code] ?? 0) + n;
  const sum = (k: 'errors' | 'conflicts' | 'socketErrors' | 'timeouts') => parts.reduce((n, p) => n + p[k], 0);
  return {
    name: first.name,
    connections: first.connections,
    durationSeconds,
    requests,
    rps: requests / durationSeconds,
    latencyMs: summarize(samples),
    status,
    errors: sum('errors'),
    conflicts: sum('conflicts'),
    socketErrors: sum('socketErrors'),
    timeouts: sum('timeouts'),
    slices: parts.length,
  };
}

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The worker is TypeScript too. It is loaded through tsx's require hook (Node 20 ran no ESM
    // loader hooks in worker threads; the require hook works on every version).
    const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER)});`;
    const worker = new Worker(bootstrap, { eval: true, workerData: spec });
    let settled = false;
    worker.once('message', (msg: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      settled = true;
      if (msg.ok) resolve(msg.result);
      else reject(new Error(`load worker (${spec.name}): ${msg.error}`));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker (${spec.name}) exited with code ${code}`));
    });
  });
}
