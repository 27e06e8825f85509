import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from '../logger';
import { carryOverV10Jobs, setAsideV10Schema } from './pgboss-v10';

export const ANALYSIS_QUEUE = 'repo-analysis';
export const DIGEST_QUEUE = 'daily-digest';
/**
 * One job per outbox row to send (singletonKey = the row's id), enqueued after its transaction commits.
 * The queue's `stately` policy keeps at most one job per key waiting, one retrying and one running.
 */
export const MAIL_QUEUE = 'mail-send';
/** pg-boss's retries of a failed send: 30 s, then doubling with jitter (about 15 minutes in all). */
export const MAIL_RETRY = { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 } as const;

export interface MailJob {
  orgId: string;
  outboxId: string;
}
export type MailHandler = (job: MailJob) => Promise<void>;
/** Every day at 06:00 Cairo time. */
export const DIGEST_CRON = '0 6 * * *';
const DIGEST_RETRY = { retryLimit: 2, retryDelay: 300 } as const;

export interface AnalysisJob {
  orgId: string;
  submissionId: string;
}
export type AnalysisHandler = (job: AnalysisJob) => Promise<void>;

/** How long an analysis may run before its worker is presumed dead, and the first retry's delay. */
export interface AnalysisJobTiming {
  timeoutSeconds: number;
  retryDelaySeconds: number;
}
export const DEFAULT_ANALYSIS_TIMING: AnalysisJobTiming = { timeoutSeconds: 120, retryDelaySeconds: 30 };

/**
 * How often pg-boss supervises the queues (its monitor fails expired jobs into their retry): half
 * the job timeout, at most pg-boss's default of a minute, so a dead worker's job is retried within
 * about 1.5× the timeout. The stranded-job sweep runs as often.
 */
export function superviseIntervalSeconds(t: AnalysisJobTiming): number {
  return Math.max(1, Math.min(60, Math.ceil(t.timeoutSeconds / 2)));
}

/** The durable job queue, as the rest of the server sees it. */
export interface Jobs {
  enqueueAnalysis(job: AnalysisJob, opts?: { startAfter?: Date }): Promise<void>;
  /** Start one worker in this process. */
  start(handler: AnalysisHandler): Promise<void>;
  /** Schedule the daily digest and work it in this process. */
  startDigest(handler: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
  /** Submissions that have an analysis job waiting, retrying or running (not yet completed). */
  pendingAnalyses(): Promise<Set<string>>;
  /** Queue the sending of one outbox row; a second call for the same row while one waits is a no-op. */
  enqueueMail(job: MailJob): Promise<void>;
  /** Work the mail queue in this process. */
  startMail(handler: MailHandler): Promise<void>;
}

/**
 * pg-boss on the app's own database: on PostgreSQL through its own small pool, on PGlite through
 * pg-boss's own adapter over the embedded instance (`fromPglite`, backend 'pglite'). One worker
 * per server process; several processes are safe (pg-boss fetches with SKIP LOCKED). Retries with
 * backoff for failures; rate limits are rescheduled by the handler (a new job with `startAfter`),
 * not counted as failures.
 */
export class PgBossJobs implements Jobs {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    target: { url: string } | { pglite: PGlite },
    private readonly logger: Logger,
    private readonly timing: AnalysisJobTiming = DEFAULT_ANALYSIS_TIMING,
  ) {
    const interval = superviseIntervalSeconds(timing);
    const common = {
      schema: 'pgboss',
      supervise: true,
      schedule: true,
      migrate: true,
      // expiry happens in the monitor, which runs on the supervise timer once its own interval is due
      superviseIntervalSeconds: interval,
      monitorIntervalSeconds: interval,
    } as const;
    this.boss =
      'url' in target
        ? new PgBoss({ ...common, connectionString: target.url, max: 3, application_name: 'masar-jobs' })
        : new PgBoss({ ...common, db: fromPglite(target.pglite), backend: 'pglite' });
    this.boss.on('error', (err) => this.logger.error({ err }, 'job queue error'));
    // slow queries, backlogs, handlers past their timeout, vacuum falling behind
    this.boss.on('warning', (w) => this.logger.warn({ warning: w.data, detail: w.message }, 'job queue warning'));
  }

  private starting: Promise<void> | null = null;

  /** Starts pg-boss once per process, however many callers ask at the same time. */
  private ensureStarted(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.starting ??= this.startOnce().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async startOnce() {
    // Processes installing pg-boss's schema together can collide on it (a session that has not yet
    // seen another's CREATE SCHEMA answers 23505, not "already exists"): starting again is safe.
    const start = () => retryOnTransientConflict(() => this.boss.start());
    try {
      await start();
    } catch (err) {
      // pg-boss 10's schema, which pg-boss 12 cannot migrate: set it aside and install afresh
      if (!(await setAsideV10Schema(this.boss.getDb()).catch(() => false))) throw err;
      this.logger.warn('pg-boss 10 schema renamed to pgboss_v10; installing pg-boss 12');
      await start();
    }
    // createQueue leaves an existing queue as it is: updateQueue applies this process's timing.
    // Processes starting together on one database could deadlock in pg-boss's create_queue (up to
    // pg-boss 10 it created a partition per queue): PostgreSQL aborts one, which simply tries again.
    await retryOnTransientConflict(() => this.boss.createQueue(ANALYSIS_QUEUE, this.analysisOptions()));
    await retryOnTransientConflict(() => this.boss.updateQueue(ANALYSIS_QUEUE, this.analysisOptions()));
    await retryOnTransientConflict(() => this.boss.createQueue(MAIL_QUEUE, { policy: 'stately', ...MAIL_RETRY }));
    await retryOnTransientConflict(() => this.boss.createQueue(DIGEST_QUEUE, DIGEST_RETRY));
    await carryOverV10Jobs(this.boss, [ANALYSIS_QUEUE, MAIL_QUEUE, DIGEST_QUEUE], this.logger);
    this.started = true;
  }

  /** A worker that dies mid-job (killed, crashed) leaves it active: it expires after the timeout and is retried. */
  private analysisOptions() {
    return {
      retryLimit: 3,
      retryDelay: this.timing.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.timing.timeoutSeconds,
    };
  }

  async enqueueAnalysis(job: AnalysisJob, opts: { startAfter?: Date } = {}) {
    await this.ensureStarted();
    await this.boss.send(ANALYSIS_QUEUE, job, {
      ...this.analysisOptions(),
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
    });
  }

  async pendingAnalyses() {
    await this.ensureStarted();
    const { rows } = (await this.boss
      .getDb()
      .executeSql(
        `select distinct data->>'submissionId' as id from pgboss.job where name = $1 and state < 'completed'`,
        [ANALYSIS_QUEUE],
      )) as { rows: { id: string }[] };
    return new Set(rows.map((r) => r.id));
  }

  async start(handler: AnalysisHandler) {
    await this.ensureStarted();
    await this.boss.work<AnalysisJob>(ANALYSIS_QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
      if (job) await handler(job.data);
    });
  }

  async enqueueMail(job: MailJob) {
    await this.ensureStarted();
    // singletonKey on a stately queue: while a job for this row waits, pg-boss refuses a second one,
    // and never runs two for it at once
    await this.boss.send(MAIL_QUEUE, job, { ...MAIL_RETRY, singletonKey: job.outboxId });
  }

  async startMail(handler: MailHandler) {
    await this.ensureStarted();
    await this.boss.work<MailJob>(MAIL_QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
      if (job) await handler(job.data);
    });
  }

  async startDigest(handler: () => Promise<void>) {
    await this.ensureStarted();
    await retryOnTransientConflict(() =>
      this.boss.schedule(DIGEST_QUEUE, DIGEST_CRON, {}, { tz: 'Africa/Cairo', singletonKey: DIGEST_QUEUE }),
    );
    await this.boss.work(DIGEST_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      await handler();
    });
  }

  async stop() {
    if (!this.started) return;
    // graceful: waits (up to 10 s) for running handlers; resolves once pg-boss has stopped
    await this.boss.stop({ graceful: true, timeout: 10_000 });
    this.started = false;
  }
}

/** SQLSTATEs another process's concurrent work can cause, after which the statement can simply run again. */
const TRANSIENT_CONFLICTS = new Set(['40P01', '40001', '23505']);

/**
 * Runs `fn` again (up to `attempts` times, with a short random pause) when PostgreSQL aborted it
 * for a deadlock, a serialization failure or a unique violation raced by another process.
 */
export async function retryOnTransientConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (i >= attempts || typeof code !== 'string' || !TRANSIENT_CONFLICTS.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * i));
    }
  }
}

/** In-process queue for tests: jobs wait until `drain()` runs them through the real handler. */
export class ManualJobs implements Jobs {
  readonly queued: { job: AnalysisJob; startAfter?: Date | undefined }[] = [];
  private handler: AnalysisHandler | null = null;
  async enqueueAnalysis(job: AnalysisJob, opts: { startAfter?: Date } = {}) {
    this.queued.push({ job, startAfter: opts.startAfter });
  }
  async start(handler: AnalysisHandler) {
    this.handler = handler;
  }
  private digest: (() => Promise<void>) | null = null;
  async startDigest(handler: () => Promise<void>) {
    this.digest = handler;
  }
  /** Runs the daily digest now (as the schedule would). */
  async runDigest() {
    if (!this.digest) throw new Error('ManualJobs: startDigest() first');
    await this.digest();
  }
  async stop() {}
  /** Mail jobs waiting (one per outbox row, as pg-boss's singletonKey keeps it), with their failed attempts. */
  readonly mail: { job: MailJob; attempts: number }[] = [];
  private mailHandler: MailHandler | null = null;
  async enqueueMail(job: MailJob) {
    if (this.mail.some((m) => m.job.outboxId === job.outboxId)) return;
    this.mail.push({ job, attempts: 0 });
  }
  async startMail(handler: MailHandler) {
    this.mailHandler = handler;
  }
  /**
   * Runs each waiting mail job once, as pg-boss would: a job that throws stays queued for its next
   * retry (up to MAIL_RETRY.retryLimit retries, then it is dropped as failed). Returns how many ran.
   */
  async drainMail() {
    if (!this.mailHandler) throw new Error('ManualJobs: startMail() first');
    const batch = this.mail.splice(0);
    for (const entry of batch) {
      try {
        await this.mailHandler(entry.job);
      } catch {
        if (entry.attempts < MAIL_RETRY.retryLimit) this.mail.push({ ...entry, attempts: entry.attempts + 1 });
      }
    }
    return batch.length;
  }
  async pendingAnalyses() {
    return new Set(this.queued.map((q) => q.job.submissionId));
  }
  /** Runs every queued job (not those scheduled later, unless `all`); returns how many ran. */
  async drain(opts: { all?: boolean; now?: Date } = {}) {
    if (!this.handler) throw new Error('ManualJobs: start() first');
    const now = opts.now ?? new Date();
    let ran = 0;
    for (;;) {
      const i = this.queued.findIndex((q) => opts.all || !q.startAfter || q.startAfter <= now);
      if (i < 0) return ran;
      const [{ job }] = this.queued.splice(i, 1) as [{ job: AnalysisJob }];
      await this.handler(job);
      ran++;
    }
  }
}
