/** What a `pnpm bench` run records: the result shapes, the machine, and the JSON files it writes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BundleReport } from './checks';
import { ROOT } from './checks';
import type { ScaleOutResult } from './instances';
import type { LoadResult } from './load';
import type { RunOptions } from './run-options';
import { round } from './stats';

export interface Budget {
  name: string;
  value: string;
  budget: string;
  /** null = not measured in this run (see note). */
  pass: boolean | null;
  note?: string;
}

export type Scenario = LoadResult & { description: string };

export interface TargetRun {
  database: 'postgres' | 'pglite';
  org: { slug: string; learners: number; submissions: number; reviews: number; skillProgress: number };
  /** Submissions left by earlier bench runs when this one started (0 = a fresh seed). */
  fromEarlierRuns: number;
  cohort: { name: string; learners: number };
  scenarios: Scenario[];
}

export interface Results {
  version: 1;
  startedAt: string;
  finishedAt?: string;
  machine: Record<string, unknown>;
  options: Record<string, unknown>;
  postgres?: TargetRun;
  pglite?: TargetRun & { seedSeconds: number };
  limits?: {
    bareSql?: { iterations: number; statements: number; latencyMs: LoadResult['latencyMs'] };
    dashboardVsBareSql?: { appP95: number; bareP95: number; ratio: number };
    read?: {
      app: LoadResult;
      bare: LoadResult;
      ratio: number;
      diagnostic: { appProtocolRps: number; preparedRps: number; pipelinedRps: number };
    };
  };
  statements?: { large: { learners: number; count: number }; small: { learners: number; count: number } };
  bundle?: BundleReport | { error: string };
  coldStart?: { seconds: number } | { error: string };
  /** `--instances N`: N server processes on the one database. */
  scaleOut?: ScaleOutResult | { error: string };
  budgets: Budget[];
}

/** What every phase of a run shares. */
export interface RunContext {
  opts: RunOptions;
  results: Results;
  log: (line: string) => void;
}

export function newResults(opts: RunOptions): Results {
  return {
    version: 1,
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      /** 1/5/15-minute load averages at the start and the end: other work on the machine skews numbers. */
      loadAverageStart: os.loadavg().map((x) => round(x, 2)),
    },
    options: { ...opts, only: opts.only ? [...opts.only] : null },
    budgets: [],
  };
}

export const withoutSamples = ({ samples: _s, ...r }: LoadResult): LoadResult => r;

/** The end of the run: finish time, load average, scenarios without their raw samples. */
export function finish(results: Results) {
  results.finishedAt = new Date().toISOString();
  results.machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));
  for (const run of [results.postgres, results.pglite]) {
    if (run) run.scenarios = run.scenarios.map((s) => ({ ...withoutSamples(s), description: s.description }));
  }
}

/** Writes bench/results/<startedAt>.json and latest.json; returns the first one's path. */
export function writeResults(results: Results): string {
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  fs.writeFileSync(file, json);
  fs.writeFileSync(path.join(dir, 'latest.json'), json);
  return file;
}
