/** Learners' skill progress (learning → evidenced → verified). */
import { skillProgress } from '@masar/drizzle';
import type { Db } from '../../db';
import { inOrg, insertChunked, type TenantRow } from './bulk';

export type SkillProgressSeed = TenantRow<typeof skillProgress>;

export function insertSkillProgress(db: Db, orgId: string, rows: readonly SkillProgressSeed[]): Promise<number> {
  return insertChunked(db, skillProgress, inOrg(orgId, rows));
}
