/**
 * Submissions with their history: revisions, reviews (append-only) with per-skill ratings, and the
 * stored repository analysis. `insertSubmissionHistory` inserts all of them parents first, as the
 * tenant-composite foreign keys need.
 */
import { repoAnalyses, reviewSkillRatings, reviews, submissionRevisions, submissions } from '@masar/drizzle';
import type { Db } from '../../db';
import { inOrg, insertChunked, type TenantRow } from './bulk';

export type SubmissionSeed = TenantRow<typeof submissions>;
export type RevisionSeed = TenantRow<typeof submissionRevisions>;
export type ReviewSeed = TenantRow<typeof reviews>;
export type RatingSeed = TenantRow<typeof reviewSkillRatings>;
export type AnalysisSeed = TenantRow<typeof repoAnalyses>;

export interface SubmissionHistory {
  submissions: SubmissionSeed[];
  revisions: RevisionSeed[];
  reviews: ReviewSeed[];
  ratings: RatingSeed[];
  analyses: AnalysisSeed[];
}

export type SubmissionHistoryCounts = { [K in keyof SubmissionHistory]: number };

/** An empty history to push rows into. */
export function submissionHistory(): SubmissionHistory {
  return { submissions: [], revisions: [], reviews: [], ratings: [], analyses: [] };
}

/**
 * The submission's dedupe key as the app computes it on submit: `owner/name#briefId`, lower-case
 * (one submission per learner, repository and brief).
 */
export function dedupeKey(repoOwner: string, repoName: string, briefId: string | null | undefined): string {
  return `${repoOwner.toLowerCase()}/${repoName.toLowerCase()}#${briefId ?? ''}`;
}

export async function insertSubmissionHistory(
  db: Db,
  orgId: string,
  h: SubmissionHistory,
): Promise<SubmissionHistoryCounts> {
  return {
    submissions: await insertChunked(db, submissions, inOrg(orgId, h.submissions)),
    revisions: await insertChunked(db, submissionRevisions, inOrg(orgId, h.revisions)),
    reviews: await insertChunked(db, reviews, inOrg(orgId, h.reviews)),
    ratings: await insertChunked(db, reviewSkillRatings, inOrg(orgId, h.ratings), 8000),
    // large JSON results: smaller statements
    analyses: await insertChunked(db, repoAnalyses, inOrg(orgId, h.analyses), 2000),
  };
}
