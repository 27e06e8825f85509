import type { ReactNode } from 'react';
import { type RoadmapTextRow, useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';

/**
 * One skill in a due-date list (overdue, next due, readiness windows): its title in the reader's
 * language, and beside it when it is due (`children`, already worded by the caller).
 */
export function SkillDueItem({
  skill,
  tone = 'plain',
  children,
}: {
  skill: RoadmapTextRow & { key: string };
  tone?: 'plain' | 'overdue';
  children: ReactNode;
}) {
  const text = useRoadmapText();
  return (
    <li className="flex items-start justify-between gap-3 text-sm" data-key={skill.key}>
      <span className="font-medium text-slate-800">{text('skill', skill).title}</span>
      <span
        className={cn(
          'shrink-0 whitespace-nowrap text-xs',
          tone === 'overdue' ? 'font-medium text-red-800' : 'text-slate-600',
        )}
      >
        {children}
      </span>
    </li>
  );
}
