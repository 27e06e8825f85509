/** The demo's submissions as rows: each planned one with its revisions, reviews, ratings and analysis. */
import { randomUUID } from 'node:crypto';
import type { getRoadmap } from '../features/roadmaps/service';
import { dedupeKey, type RatingSeed, type Rng, type SubmissionHistory, submissionHistory } from './builders';
import { demoAnalysis } from './demo-analysis';
import { SUBMISSION_PLAN } from './demo-data';

const DAY_MS = 86_400_000;

export function demoSubmissions(ctx: {
  roadmap: Awaited<ReturnType<typeof getRoadmap>>;
  learners: { id: string; githubLogin: string | null }[];
  cohortId: string;
  mentorId: string;
  now: Date;
  random: Rng;
}): SubmissionHistory {
  const { roadmap, cohortId, mentorId, now, random } = ctx;
  const h = submissionHistory();
  const brief = (key: string) => roadmap.briefs.find((b) => b.key === key)!;
  for (const p of SUBMISSION_PLAN) {
    const learner = ctx.learners[p.learner]!;
    const [owner, name] = p.repo.split('/') as [string, string];
    const submittedAt = new Date(now.getTime() - p.daysAgo * DAY_MS);
    const b = brief(p.brief);
    const claimed = b.skillIds;
    const revisions = p.status === 'approved' || p.status === 'changes_requested' ? 2 : 1;
    const id = randomUUID();
    h.submissions.push({
      id,
      learnerId: learner.id,
      cohortId,
      briefId: b.id,
      repoOwner: owner,
      repoName: name,
      dedupeKey: dedupeKey(owner, name, b.id),
      title: b.title,
      status: p.status,
      currentRevision: revisions,
      version: revisions + (p.status === 'submitted' ? 0 : 1),
      approvedSha: p.status === 'approved' ? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' : null,
      submittedAt,
    });
    for (let r = 1; r <= revisions; r++) {
      h.revisions.push({
        submissionId: id,
        revision: r,
        title: b.title,
        note: r === 1 ? 'First version, feedback welcome.' : 'Added tests and a Dockerfile as suggested.',
        claimedSkillIds: claimed,
        createdAt: new Date(submittedAt.getTime() - (revisions - r) * 5 * DAY_MS),
      });
    }
    if (revisions === 2) {
      h.reviews.push({
        submissionId: id,
        revision: 1,
        reviewerId: mentorId,
        decision: 'changes_requested',
        comment: 'Good start. Please add **integration tests** for the login flow and a `Dockerfile`.',
        createdAt: new Date(submittedAt.getTime() - 4 * DAY_MS),
      });
    }
    if (p.status === 'approved' || p.status === 'changes_requested') {
      const reviewId = randomUUID();
      const approved = p.status === 'approved';
      h.reviews.push({
        id: reviewId,
        submissionId: id,
        revision: revisions,
        reviewerId: mentorId,
        decision: p.status,
        comment: approved
          ? 'Clean structure and good tests. Approved — well done!'
          : 'Closer. The order totals are still computed in the controller; move them into a service and test them.',
        createdAt: new Date(submittedAt.getTime() + DAY_MS),
      });
      h.ratings.push(
        ...claimed.map(
          (skillId, k): RatingSeed => ({
            reviewId,
            skillId,
            rating: approved ? (k % 4 === 3 ? 'partial' : 'demonstrated') : k % 2 ? 'partial' : 'not_shown',
          }),
        ),
      );
    }
    h.analyses.push(
      demoAnalysis(p, { submissionId: id, title: b.title, submittedAt, githubLogin: learner.githubLogin }, random),
    );
  }
  return h;
}
