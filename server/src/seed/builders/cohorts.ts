/** Cohorts, their members (mentors and learners) and their stage assignments. */
import { cohortMembers, cohorts, stageAssignments } from '@masar/drizzle';
import type { Db } from '../../db';
import { inOrg, insertChunked, type TenantRow } from './bulk';

export type CohortSeed = TenantRow<typeof cohorts>;
export type CohortMemberSeed = TenantRow<typeof cohortMembers>;
export type StageAssignmentSeed = TenantRow<typeof stageAssignments>;

export function insertCohorts(db: Db, orgId: string, rows: readonly CohortSeed[]): Promise<number> {
  return insertChunked(db, cohorts, inOrg(orgId, rows));
}

export function insertCohortMembers(db: Db, orgId: string, rows: readonly CohortMemberSeed[]): Promise<number> {
  return insertChunked(db, cohortMembers, inOrg(orgId, rows));
}

export function insertStageAssignments(db: Db, orgId: string, rows: readonly StageAssignmentSeed[]): Promise<number> {
  return insertChunked(db, stageAssignments, inOrg(orgId, rows));
}
