import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load';
import { summarize } from './stats';

const spec = workerData as LoadSpec;

function requestFactory(): autocannon.Request {
  let n = 0;
  const common = { 'content-type': 'application/json', origin: spec.origin };
  const cookie = (i: number): Record<string, string> => {
    const c = spec.cookies[i % spec.cookies.length];
    return c ? { cookie: c } : {};
  };
  if (spec.kind === 'get') {
    const paths = spec.paths ?? [];
    return {
      method: 'GET',
      path: paths[0],
      setupRequest: (req) => {
        const i = n++;
        return { ...req, method: 'GET', path: paths[i % paths.length], headers: { ...common, ...cookie(i) } };
      },
    };
  }
  if (spec.kind === 'submit') {
    const s = spec.submit!;
    return {
      method: 'POST',
      path: s.path,
      setupRequest: (req) => {
        const i = n++;
        const input = {
          orgSlug: s.orgSlug,
          cohortId: s.cohortId,
          repoUrl: `https://github.com/benchrun-${s.runId}/service-${i + 1}`,
          briefId: null,
          claimedSkillIds: s.claimedSkillIds.slice(0, 1 + (i % s.claimedSkillIds.length)),
          title: `Benchmark service ${i + 1}`,
          note: 'Submitted by the benchmark.',
        };
        return {
          ...req,
          method: 'POST',
          path: s.path,
          headers: { ...common, ...cookie(i) },
          body: JSON.stringify({ json: input }),
        };
      },
    };
  }
  const r = spec.review!;
  return {
    method: 'POST',
    path: r.path,
    setupRequest: (req) => {
      const i = n++;
      // Past the end of the pool the same submissions come round again: those reviews are refused
      // with 409 CONFLICT (stale version), which is the expected optimistic-concurrency answer.
      const item = r.pool[i % r.pool.length]!;
      const approve = i % 10 < 7;
      const input = {
        orgSlug: r.orgSlug,
        submissionId: item.submissionId,
        revision: item.revision,
        expectedVersion: item.expectedVersion,
        decision: approve ? 'approved' : 'changes_requested',
        comment: approve ? 'Approved by the benchmark.' : 'Please add tests (benchmark).',
        ratings: item.skillIds.map((skillId, k) => ({
          skillId,
          rating: approve ? (k % 4 === 3 ? 'partial' : 'demonstrated') : k % 2 ? 'partial' : 'not_shown',
        })),
      };
      return {
        ...req,
        method: 'POST',
        path: r.path,
        headers: { ...common, ...cookie(i) },
        body: JSON.stringify({ json: input }),
      };
    },
  };
}

async function run(duration: number, record: boolean) {
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: spec.url, connections: spec.connections, duration, requests: [requestFactory()], timeout: 30 },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    if (record) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
        status[statusCode] = (status[statusCode] ?? 0) + 1;
      });
    }
  });
  return { result, latencies, status };
}

async function main() {
  if (spec.warmup > 0 && spec.kind === 'get') await run(spec.warmup, false);
  const { result, latencies, status } = await run(spec.duration, true);
  const conflicts = spec.kind === 'review' ? (status['409'] ?? 0) : 0;
  const non2xx = Object.entries(status)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);
  const out: LoadResult = {
    name: spec.name,
    connections: spec.connections,
    durationSeconds: result.duration,
    requests: latencies.length,
    rps: latencies.length / result.duration,
    latencyMs: summarize(latencies),
    status,
    errors: non2xx - conflicts,
    conflicts,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    ...(spec.raw ? { samples: latencies } : {}),
  };
  parentPort!.postMessage({ ok: true, result: out });
}

// No top-level await: this module is loaded through tsx's require hook (CommonJS output).
main().catch((err: unknown) => {
  parentPort!.postMessage({ ok: false, error: (err as Error).stack ?? String(err) });
});
