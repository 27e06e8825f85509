/**
 * The demo learners' skill progress: a spread from well ahead to well behind. Each learner verifies
 * skills in roadmap order, each at a date within (or a little after) its window.
 */
import { addMonthsToDate, type IsoDate } from '@masar/shared';
import type { getRoadmap } from '../features/roadmaps/service';
import type { Rng, SkillProgressSeed } from './builders';
import { LATE_JOINERS_FROM, LEARNER_PACES } from './demo-data';

export function demoProgress(ctx: {
  roadmap: Awaited<ReturnType<typeof getRoadmap>>;
  learners: { id: string }[];
  cohortStart: IsoDate;
  today: IsoDate;
  random: Rng;
}): SkillProgressSeed[] {
  const { cohortStart, today, random } = ctx;
  const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const ordered = [...ctx.roadmap.skills].sort((a, b) => a.endMonth - b.endMonth || a.position - b.position);
  const rows: SkillProgressSeed[] = [];
  ctx.learners.forEach((l, i) => {
    const start = i >= LATE_JOINERS_FROM ? addMonthsToDate(cohortStart, 1) : cohortStart;
    const pace = LEARNER_PACES[i]!;
    for (const s of ordered) {
      const month = (s.startMonth + (s.endMonth - s.startMonth) * (0.25 + random() * 0.55)) / pace;
      const date = addMonthsToDate(start, Math.floor(month));
      if (date > today) {
        if (random() < 0.35 && s.startMonth <= 6) {
          rows.push({
            learnerId: l.id,
            skillId: s.skillId,
            status: 'learning',
            learningAt: at(today, 8),
            selfMarked: true,
            updatedAt: at(today, 8),
          });
        }
        continue;
      }
      const evidencedOnly = random() < 0.08;
      rows.push({
        learnerId: l.id,
        skillId: s.skillId,
        status: evidencedOnly ? 'evidenced' : 'verified',
        evidencedAt: at(date),
        verifiedAt: evidencedOnly ? null : at(date, 15),
        updatedAt: at(date, 15),
      });
    }
  });
  return rows;
}
