/**
 * Logged-in clients doing a realistic mix against the real server: each client is one session of
 * a seeded user (learner, mentor, admin or viewer) that sends one request after another (no think
 * time: every client always has a request in flight), picking its next action by weight.
 *
 * - learners: their own progress page, notifications, their submissions, a new submission now and
 *   then (a new repository each time), marking notifications read;
 * - mentors: the review queue, their cohort's dashboard, a learner's page, and reviews: the client
 *   takes the oldest waiting submission of its cohort that no other client holds (seeded ones, then
 *   those learners submit during the run), reads it (`submissions.get`) and reviews it with a rating
 *   per claimed skill — so no review is refused as stale (409) by another drill client;
 * - the admin and the viewer: the organisation overview, cohort dashboards, learner pages.
 *
 * Every response is timed per action; a non-2xx answer or a socket error/timeout is an error.
 * Every acknowledged (2xx) write is remembered with its ids, so a drill can check it is in the DB.
 */
import { logIn, trpcGetPath, trpcPostPath } from '../../bench/lib/http';
import type { Person, Population } from './population';

export type Persona = 'learner' | 'mentor' | 'admin' | 'viewer';

interface Client {
  n: number;
  persona: Persona;
  userId: string;
  email: string;
  cookie: string;
  cohortIndex: number;
  submitted: number;
}

export interface RequestRecord {
  action: string;
  startedAt: number;
  ms: number;
  /** HTTP status, or 0 for a socket error / timeout. */
  status: number;
  error?: string;
}

export interface Acks {
  submissions: { submissionId: string; revision: number; learnerId: string }[];
  reviews: { reviewId: string; submissionId: string; revision: number; ratings: number }[];
  markRead: number;
}

export interface RunOptions {
  baseUrl: string;
  clients: number;
  /** Stop after this many seconds (or when `stop()` is called). */
  durationSeconds: number;
  runId: string;
  /** Request timeout (ms). */
  timeoutMs?: number;
  /** Weight of writes relative to the default mix (0 = reads only). */
  writeFactor?: number;
  /** Submitted repositories are `https://github.com/<repoOwner>/<runId>-<n>`. */
  repoOwner?: string;
  /** Called for every submission acknowledged (a drill may add the repository to its fake GitHub). */
  beforeSubmit?: (owner: string, repo: string) => void;
}

type Json = Record<string, unknown>;

export class Clients {
  readonly records: RequestRecord[] = [];
  readonly acks: Acks = { submissions: [], reviews: [], markRead: 0 };
  private clients: Client[] = [];
  private pools: { submissionId: string }[][] = [];
  private stopping = false;
  private running: Promise<void>[] = [];
  private timer: NodeJS.Timeout | null = null;
  startedAt = 0;
  endedAt = 0;

  constructor(
    private readonly pop: Population,
    private readonly opts: RunOptions,
  ) {
    this.pools = pop.cohorts.map((c) => c.waiting.map((w) => ({ submissionId: w.submissionId })));
  }

  /** Logs every client in (a few at a time: argon2 is deliberately slow). */
  async logIn(log: (line: string) => void = () => {}) {
    const t0 = performance.now();
    const plan = planClients(this.pop, this.opts.clients);
    const origin = new URL(this.opts.baseUrl).origin;
    let next = 0;
    const out: Client[] = new Array(plan.length);
    const worker = async () => {
      for (;;) {
        const i = next++;
        const p = plan[i];
        if (!p) return;
        const cookie = await logIn(this.opts.baseUrl, origin, p.email, this.pop.password);
        out[i] = { ...p, n: i, cookie, submitted: 0 };
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    this.clients = out;
    const by = (k: Persona) => out.filter((c) => c.persona === k).length;
    log(
      `› ${out.length} clients logged in (${by('learner')} learners, ${by('mentor')} mentors, ${by('admin')} admin, ${by('viewer')} viewer) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }

  /** Starts every client; resolves when all have stopped (duration over or `stop()`). */
  run(): Promise<void> {
    this.startedAt = performance.now();
    this.timer = setTimeout(() => this.stop(), this.opts.durationSeconds * 1000);
    this.running = this.clients.map((c) => this.loop(c));
    return Promise.all(this.running).then(() => {
      this.endedAt = performance.now();
      if (this.timer) clearTimeout(this.timer);
    });
  }

  /** Clients finish the request they are on and stop. */
  stop() {
    this.stopping = true;
  }

  private async loop(c: Client) {
    while (!this.stopping) {
      await this.step(c);
    }
  }

  private async call(c: Client, action: string, proc: string, input: unknown, post: boolean): Promise<Json | null> {
    const startedAt = performance.now();
    const rec: RequestRecord = { action, startedAt, ms: 0, status: 0 };
    try {
      const res = await fetch(`${this.opts.baseUrl}${post ? trpcPostPath(proc) : trpcGetPath(proc, input)}`, {
        method: post ? 'POST' : 'GET',
        headers: {
          cookie: c.cookie,
          origin: new URL(this.opts.baseUrl).origin,
          ...(post ? { 'content-type': 'application/json' } : {}),
        },
        ...(post ? { body: JSON.stringify({ json: input }) } : {}),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
      const text = await res.text();
      rec.ms = performance.now() - startedAt;
      rec.status = res.status;
      if (!res.ok) {
        rec.error = text.slice(0, 200);
        return null;
      }
      return (JSON.parse(text) as { result: { data: { json: Json } } }).result.data.json;
    } catch (err) {
      rec.ms = performance.now() - startedAt;
      const e = err as Error & { cause?: { code?: string; message?: string } };
      rec.error = `${e.name}: ${e.cause?.code ?? e.cause?.message ?? e.message}`;
      return null;
    } finally {
      this.records.push(rec);
    }
  }

  private step(c: Client): Promise<unknown> {
    const pop = this.pop;
    const cohort = pop.cohorts[c.cohortIndex]!;
    const orgSlug = pop.orgSlug;
    const w = this.opts.writeFactor ?? 1;
    const anyLearner = () => cohort.learners[Math.floor(Math.random() * cohort.learners.length)]!;
    const get = (action: string, input: Json) => this.call(c, action, action, { orgSlug, ...input }, false);
    const mix: [number, () => Promise<unknown>][] =
      c.persona === 'learner'
        ? [
            [30, () => get('dashboards.learner', { cohortId: cohort.id, learnerId: c.userId })],
            [20, () => get('notifications.unreadCount', {})],
            [10, () => get('notifications.list', {})],
            [15, () => get('submissions.mine', {})],
            [8 * w, () => this.submit(c)],
            [2 * w, () => this.markRead(c)],
          ]
        : c.persona === 'mentor'
          ? [
              [25, () => get('submissions.queue', {})],
              [15, () => get('dashboards.cohort', { cohortId: cohort.id })],
              // the dashboard's learners table pages and sorts on its own
              [
                10,
                () =>
                  get('dashboards.cohortLearners', { cohortId: cohort.id, page: 1 + Math.floor(Math.random() * 3) }),
              ],
              [15, () => get('dashboards.learner', { cohortId: cohort.id, learnerId: anyLearner().id })],
              [10, () => get('notifications.unreadCount', {})],
              [5, () => get('notifications.list', {})],
              [25 * w, () => this.review(c)],
            ]
          : [
              // the overview is for admins; the viewer (a company manager) follows cohorts and hires
              [c.persona === 'admin' ? 30 : 0, () => get('dashboards.org', {})],
              [30, () => get('dashboards.cohort', { cohortId: cohort.id })],
              [
                10,
                () => get('dashboards.cohortLearners', { cohortId: cohort.id, sort: 'coverage', direction: 'desc' }),
              ],
              [20, () => get('dashboards.learner', { cohortId: cohort.id, learnerId: anyLearner().id })],
              [10, () => get('notifications.unreadCount', {})],
            ];
    const total = mix.reduce((n, [weight]) => n + weight, 0);
    let r = Math.random() * total;
    for (const [weight, fn] of mix) {
      r -= weight;
      if (r < 0) return fn();
    }
    return mix[0]![1]();
  }

  private async submit(c: Client) {
    const owner = this.opts.repoOwner ?? 'ops-drill';
    const repo = `${this.opts.runId}-c${c.n}-${++c.submitted}`;
    this.opts.beforeSubmit?.(owner, repo);
    const skills = this.pop.claimableSkillIds;
    const k = c.submitted % skills.length;
    const cohortId = this.pop.cohorts[c.cohortIndex]!.id;
    const r = await this.call(
      c,
      'submissions.submit',
      'submissions.submit',
      {
        orgSlug: this.pop.orgSlug,
        cohortId,
        repoUrl: `https://github.com/${owner}/${repo}`,
        briefId: null,
        claimedSkillIds: [skills[k]!, skills[(k + 1) % skills.length]!],
        title: `Drill service ${c.n}-${c.submitted}`,
        note: 'Submitted by the load drill.',
      },
      true,
    );
    if (r) {
      const submissionId = r.submissionId as string;
      this.acks.submissions.push({ submissionId, revision: r.revision as number, learnerId: c.userId });
      this.pools[c.cohortIndex]!.push({ submissionId });
    }
  }

  private async markRead(c: Client) {
    const r = await this.call(
      c,
      'notifications.markRead',
      'notifications.markRead',
      { orgSlug: this.pop.orgSlug, all: true },
      true,
    );
    if (r) this.acks.markRead++;
  }

  private async review(c: Client) {
    const item = this.pools[c.cohortIndex]!.shift();
    const orgSlug = this.pop.orgSlug;
    if (!item) return this.call(c, 'submissions.queue', 'submissions.queue', { orgSlug }, false);
    const got = await this.call(
      c,
      'submissions.get',
      'submissions.get',
      { orgSlug, submissionId: item.submissionId },
      false,
    );
    if (!got) return;
    const s = got.submission as {
      status: string;
      version: number;
      currentRevision: number;
      changedSinceApproval: boolean;
    };
    const reviewable =
      s.status === 'submitted' || s.status === 'in_review' || (s.status === 'approved' && s.changedSinceApproval);
    if (!reviewable) return;
    const rev = (got.revisions as { revision: number; claimedSkillIds: string[] }[]).find(
      (x) => x.revision === s.currentRevision,
    );
    const approve = Math.random() < 0.7;
    const ratings = (rev?.claimedSkillIds ?? []).map((skillId, k) => ({
      skillId,
      rating: approve ? (k % 4 === 3 ? 'partial' : 'demonstrated') : k % 2 ? 'partial' : 'not_shown',
    }));
    const r = await this.call(
      c,
      'submissions.review',
      'submissions.review',
      {
        orgSlug,
        submissionId: item.submissionId,
        revision: s.currentRevision,
        expectedVersion: s.version,
        decision: approve ? 'approved' : 'changes_requested',
        comment: approve ? 'Approved by the load drill.' : 'Please add tests (load drill).',
        ratings,
      },
      true,
    );
    if (r) {
      this.acks.reviews.push({
        reviewId: r.reviewId as string,
        submissionId: item.submissionId,
        revision: s.currentRevision,
        ratings: ratings.length,
      });
    }
  }
}

/**
 * Who the clients are: every mentor (up to a tenth of the clients) with their cohort, the admin
 * and the viewer, and learners for the rest, spread round-robin over the cohorts.
 */
export function planClients(pop: Population, n: number): Omit<Client, 'n' | 'cookie' | 'submitted'>[] {
  const plan: Omit<Client, 'n' | 'cookie' | 'submitted'>[] = [];
  // every cohort's first mentor, then every cohort's second…: each cohort gets a reviewer first
  const mentors: (Person & { cohortIndex: number })[] = [];
  const most = Math.max(...pop.cohorts.map((c) => c.mentors.length));
  for (let j = 0; j < most; j++) {
    pop.cohorts.forEach((c, i) => {
      const m = c.mentors[j];
      if (m) mentors.push({ ...m, cohortIndex: i });
    });
  }
  const mentorCount = Math.min(mentors.length, Math.max(1, Math.floor(n / 10)));
  for (const m of mentors.slice(0, mentorCount)) {
    plan.push({ persona: 'mentor', userId: m.id, email: m.email, cohortIndex: m.cohortIndex });
  }
  if (n - plan.length >= 3) {
    plan.push({ persona: 'admin', userId: pop.admin.id, email: pop.admin.email, cohortIndex: 0 });
    plan.push({
      persona: 'viewer',
      userId: pop.viewer.id,
      email: pop.viewer.email,
      cohortIndex: pop.cohorts.length - 1,
    });
  }
  const learners = pop.cohorts.map((c) => [...c.learners]);
  let k = 0;
  while (plan.length < n) {
    const i = k++ % pop.cohorts.length;
    const l = learners[i]!.shift();
    if (l) plan.push({ persona: 'learner', userId: l.id, email: l.email, cohortIndex: i });
    if (learners.every((x) => x.length === 0)) break;
  }
  if (plan.length < n)
    throw new Error(`only ${plan.length} users to log in as; the seed is too small for ${n} clients`);
  return plan;
}
