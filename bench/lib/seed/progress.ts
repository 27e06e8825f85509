/**
 * Skill progress: each learner works through the roadmap in order at their own pace; a skill is
 * verified (or only evidenced) at a point inside its window, stretched by the pace; some skills
 * whose window has begun are self-marked "learning".
 */
import { addDaysToDate } from '@masar/shared';
import type { SkillProgressSeed } from '../../../server/src/seed/builders';
import { at, type Gen, type PlacedLearner, type Skill } from './plan';

export function skillProgress(gen: Gen, skills: Skill[], placed: PlacedLearner[]): SkillProgressSeed[] {
  const { random } = gen;
  const progress: SkillProgressSeed[] = [];
  for (const l of placed) {
    const monthsIn = l.elapsedDays / 30.44;
    for (const s of skills) {
      const month = (s.startMonth + (s.endMonth - s.startMonth) * (0.3 + random() * 0.6)) / l.pace;
      const dayNo = Math.round(month * 30.44);
      if (dayNo <= l.elapsedDays) {
        const evidenced = at(addDaysToDate(l.start, dayNo), random);
        const evidencedOnly = random() < 0.1;
        const verifiedDay = Math.min(l.elapsedDays, dayNo + Math.floor(random() * 10));
        const verified = evidencedOnly ? null : at(addDaysToDate(l.start, verifiedDay), random);
        progress.push({
          learnerId: l.id,
          skillId: s.skillId,
          status: evidencedOnly ? 'evidenced' : 'verified',
          learningAt: at(addDaysToDate(l.start, Math.max(0, dayNo - 20)), random),
          evidencedAt: evidenced,
          verifiedAt: verified,
          selfMarked: false,
          updatedAt: verified ?? evidenced,
        });
      } else if (s.startMonth <= monthsIn && random() < 0.5) {
        const learning = at(addDaysToDate(l.start, Math.floor(l.elapsedDays - random() * 30)), random);
        progress.push({
          learnerId: l.id,
          skillId: s.skillId,
          status: 'learning',
          learningAt: learning,
          evidencedAt: null,
          verifiedAt: null,
          selfMarked: true,
          updatedAt: learning,
        });
      }
    }
  }
  return progress;
}
