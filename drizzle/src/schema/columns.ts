import { customType, pgEnum, timestamp } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const memberRole = pgEnum('member_role', ['owner', 'admin', 'mentor', 'learner', 'viewer']);
export const orgKind = pgEnum('org_kind', ['bootcamp', 'community', 'company']);
export const cohortRole = pgEnum('cohort_role', ['mentor', 'learner']);
export const progressStatus = pgEnum('progress_status', ['learning', 'evidenced', 'verified']);
export const submissionStatus = pgEnum('submission_status', [
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'withdrawn',
]);
export const reviewDecision = pgEnum('review_decision', ['changes_requested', 'approved']);
export const skillRating = pgEnum('skill_rating', ['not_shown', 'partial', 'demonstrated']);
export const analysisStatus = pgEnum('analysis_status', [
  'queued',
  'running',
  'done',
  'not_found',
  'rate_limited',
  'failed',
]);
