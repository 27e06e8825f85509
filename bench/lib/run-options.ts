/** `pnpm bench`'s flags and the options they give. */
import path from 'node:path';
import { parseFlags } from './args';

export function runOptions(argv?: string[]) {
  const flags = parseFlags(
    {
      duration: { type: 'int', default: 10, min: 1, max: 3600, help: 'seconds of load per scenario' },
      connections: { type: 'int', default: 10, min: 1, max: 1000, help: 'concurrent connections per scenario' },
      warmup: {
        type: 'int',
        default: 1,
        min: 0,
        max: 600,
        help: 'seconds of unrecorded load before each read scenario',
      },
      rounds: {
        type: 'int',
        default: 5,
        min: 1,
        max: 100,
        help: 'compared measurements (app vs its floor) alternate in this many slices of --duration',
      },
      'sql-iterations': {
        type: 'int',
        default: 200,
        min: 1,
        max: 100_000,
        help: 'sequential executions of the bare dashboard SQL',
      },
      'pglite-learners': {
        type: 'int',
        default: 100,
        min: 0,
        max: 10_000,
        help: 'learners in the embedded (PGlite) run; 0 skips it',
      },
      check: { type: 'boolean', default: false, help: 'build, check every budget, exit non-zero on a miss' },
      build: { type: 'boolean', default: true, help: 'with --check: run `pnpm build` first (--no-build reuses dist/)' },
      'server-log': { type: 'string', default: '', help: 'write the servers’ request logs to this file' },
      only: {
        type: 'string',
        default: '',
        help: 'comma-separated scenarios: dashboard.cohort, dashboards.cohort@1, dashboard.learner, submission.queue, submission.submit, submission.review, roadmap.list, instances (default: all)',
      },
      instances: {
        type: 'int',
        default: 1,
        min: 1,
        max: 8,
        help: 'also run N server processes on the one database (own pools and job workers): req/s per instance and in total, jobs processed exactly once',
      },
      jobs: {
        type: 'int',
        default: 100,
        min: 1,
        max: 10_000,
        help: 'with --instances: submissions (analysis jobs) to spread over them',
      },
    },
    'Usage: pnpm bench [flags]\n\nRun `pnpm bench:seed` first. Results go to bench/results/.\n',
    argv,
  );
  return {
    duration: flags.duration,
    connections: flags.connections,
    warmup: flags.warmup,
    rounds: flags.rounds,
    sqlIterations: flags['sql-iterations'],
    pgliteLearners: flags['pglite-learners'],
    check: flags.check,
    build: flags.build,
    serverLog: flags['server-log']
      ? path.resolve(process.env.INIT_CWD ?? process.cwd(), flags['server-log'])
      : undefined,
    only: flags.only ? new Set(flags.only.split(',').map((s) => s.trim())) : null,
    instances: flags.instances,
    jobs: flags.jobs,
  };
}

export type RunOptions = ReturnType<typeof runOptions>;

/** Whether `--only` (if given) names the scenario. */
export const wanted = (opts: RunOptions, name: string) => !opts.only || opts.only.has(name);

/** `--only instances`: the scale-out run alone. */
export const scaleOutOnly = (opts: RunOptions) => opts.only !== null && [...opts.only].every((n) => n === 'instances');

/** Seconds per interleaved slice (fractions allowed). */
export const sliceSeconds = (opts: RunOptions) => opts.duration / opts.rounds;
