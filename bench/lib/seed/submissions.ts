/**
 * Submissions with their history: spread over each learner's time so far (about `plan.submissions`
 * in all, more for those in longer), statuses by age, 1–4 revisions each with a "changes requested"
 * review between them, a final review with per-skill ratings, and a stored analysis.
 */
import {
  dedupeKey,
  pick,
  type SubmissionHistory,
  type SubmissionSeed,
  sample,
  submissionHistory,
} from '../../../server/src/seed/builders';
import { DAY_MS, type Gen, type OrgPlan, type PlacedLearner, type Roadmap, type Skill } from './plan';

type Status = NonNullable<SubmissionSeed['status']>;

/** Cumulative shares of the statuses, by the age of the latest revision (first match of `r < share`). */
const STATUS_MIX: { underDays: number; mix: [share: number, status: Status][] }[] = [
  {
    underDays: 10,
    mix: [
      [0.6, 'submitted'],
      [0.82, 'in_review'],
      [0.95, 'changes_requested'],
      [1, 'withdrawn'],
    ],
  },
  {
    underDays: 30,
    mix: [
      [0.45, 'approved'],
      [0.7, 'changes_requested'],
      [0.85, 'submitted'],
      [0.95, 'in_review'],
      [1, 'withdrawn'],
    ],
  },
  {
    underDays: Number.POSITIVE_INFINITY,
    mix: [
      [0.76, 'approved'],
      [0.93, 'changes_requested'],
      [0.98, 'withdrawn'],
      [0.995, 'submitted'],
      [1, 'in_review'],
    ],
  },
];

function statusOf(ageDays: number, r: number): Status {
  const { mix } = STATUS_MIX.find((m) => ageDays < m.underDays)!;
  return (mix.find(([share]) => r < share) ?? mix.at(-1)!)[1];
}

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

export function submissionHistories(
  gen: Gen,
  plan: OrgPlan,
  skills: Skill[],
  briefs: Roadmap['briefs'],
  placed: PlacedLearner[],
): SubmissionHistory {
  const { random } = gen;
  const h = submissionHistory();
  const totalElapsed = placed.reduce((n, l) => n + Math.max(0, l.elapsedDays - 7), 0) || 1;
  const nowMs = Date.parse(`${gen.today}T12:00:00Z`);
  for (const l of placed) {
    const n = Math.round((plan.submissions * Math.max(0, l.elapsedDays - 7)) / totalElapsed + (random() - 0.5));
    for (let j = 0; j < n; j++) addSubmission(gen, h, { skills, briefs, nowMs }, l, j);
  }
  return h;
}

/** The learner's submission number `j + 1` and everything that hangs off it. */
function addSubmission(
  gen: Gen,
  h: SubmissionHistory,
  ctx: { skills: Skill[]; briefs: Roadmap['briefs']; nowMs: number },
  l: PlacedLearner,
  j: number,
) {
  const { random, id } = gen;
  const { skills, briefs, nowMs } = ctx;
  const startMs = Date.parse(`${l.start}T09:00:00Z`) + 7 * DAY_MS;
  const subId = id();
  // the latest revision's time: spread over the learner's time so far
  const lastMs = Math.min(nowMs - 3_600_000, startMs + random() * Math.max(DAY_MS, nowMs - startMs));
  const ageDays = (nowMs - lastMs) / DAY_MS;
  const reached = skills.filter((s) => s.startMonth * 30.44 <= (lastMs - startMs) / DAY_MS + 30);
  const brief = j < briefs.length && random() < 0.6 ? briefs[j]! : null;
  const claimed = brief
    ? brief.skillIds
    : sample(random, reached.length ? reached : skills.slice(0, 5), 1 + Math.floor(random() * 4)).map((s) => s.skillId);
  const nRev = 1 + (random() < 0.45 ? 1 : 0) + (random() < 0.2 ? 1 : 0) + (random() < 0.05 ? 1 : 0);
  const status = statusOf(ageDays, random());
  // revision times, newest last; each earlier revision got a "changes requested" review
  const revTimes: number[] = [lastMs];
  for (let k = 1; k < nRev; k++) revTimes.unshift(Math.max(startMs, revTimes[0]! - (3 + random() * 12) * DAY_MS));
  const repo = `${brief ? brief.key : pick(random, ['api', 'service', 'backend', 'app', 'project'])}-${j + 1}`;
  const owner = l.github!;
  const title = brief ? brief.title : `Portfolio project ${j + 1}`;
  h.submissions.push({
    id: subId,
    learnerId: l.id,
    cohortId: l.cohort.id,
    briefId: brief?.id ?? null,
    repoOwner: owner,
    repoName: repo,
    dedupeKey: dedupeKey(owner, repo, brief?.id),
    title,
    status,
    currentRevision: nRev,
    version: 2 * nRev - 1 + (status === 'submitted' ? 0 : 1),
    approvedSha: status === 'approved' ? SHA : null,
    changedSinceApproval: status === 'approved' && random() < 0.02,
    submittedAt: new Date(lastMs),
    createdAt: new Date(revTimes[0]!),
    updatedAt: new Date(lastMs),
  });
  const addReview = (revision: number, decision: 'approved' | 'changes_requested', when: number) => {
    const reviewId = id();
    h.reviews.push({
      id: reviewId,
      submissionId: subId,
      revision,
      reviewerId: pick(random, l.cohort.mentors).id,
      decision,
      comment:
        decision === 'approved'
          ? 'Clean structure and good tests. Approved — well done!'
          : 'Good start. Please add integration tests for the main flow and a Dockerfile.',
      createdAt: new Date(Math.min(nowMs - 60_000, when)),
    });
    for (const skillId of claimed) {
      const x = random();
      h.ratings.push({
        reviewId,
        skillId,
        rating: decision === 'approved' ? (x < 0.8 ? 'demonstrated' : 'partial') : x < 0.5 ? 'partial' : 'not_shown',
      });
    }
  };
  for (let k = 1; k <= nRev; k++) {
    h.revisions.push({
      submissionId: subId,
      revision: k,
      title,
      note: k === 1 ? 'First version, feedback welcome.' : 'Addressed the review: tests and a Dockerfile.',
      claimedSkillIds: claimed,
      createdAt: new Date(revTimes[k - 1]!),
    });
    if (k < nRev) addReview(k, 'changes_requested', (revTimes[k - 1]! + revTimes[k]!) / 2);
  }
  if (status === 'approved' || status === 'changes_requested') {
    addReview(nRev, status, lastMs + Math.min((2 + random() * 70) * 3_600_000, (nowMs - lastMs) * 0.8));
  }
  const done = status !== 'submitted' || random() < 0.7;
  h.analyses.push({
    submissionId: subId,
    // the rest were not analysed: GitHub failed for them (a 'queued' analysis with no pg-boss job
    // would be a crash between commit and enqueue, which every server start re-queues)
    status: done ? 'done' : 'failed',
    reason: done ? null : 'http_502',
    headSha: done ? SHA : null,
    etag: done ? 'W/"bench"' : null,
    apiCalls: done ? 6 : 0,
    attempts: done ? 1 : 0,
    analysedAt: done ? new Date(lastMs + 120_000) : null,
    result: done
      ? {
          repo: { fullName: `${owner}/${repo}`, defaultBranch: 'main', license: 'MIT', stars: j % 7 },
          languages: { TypeScript: 52_000 + j * 100, Dockerfile: 400 },
          primaryLanguage: 'TypeScript',
          track: 'node',
          tree: { fileCount: 40 + (j % 60), truncated: false },
          signals: [{ key: 'tests', skillKeys: ['testing'], evidence: 'tests/ (+6 more)' }],
          suggestedSkills: ['testing'],
          notes: ['bench data'],
        }
      : null,
    createdAt: new Date(revTimes[0]!),
    updatedAt: new Date(lastMs),
  });
}
