import { useQuery } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { useTerms } from '../../lib/terms';
import { cn } from '../../lib/utils';
import { useTRPC } from '../../trpc';
import { type MyCohort, type MySkill, PROJECTS_LIMIT, submitPath } from './myRoadmapData';

/**
 * The project briefs that show the skills due first (not yet verified): the next thing to build,
 * each with a "Submit work" that picks the brief (its title and skills) on the submit form.
 */
export function ProjectsToSubmit({ data }: { data: MyCohort }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const roadmap = useQuery(trpc.roadmaps.get.queryOptions({ orgSlug: slug, roadmapId: data.roadmap.id }));
  const open = new Map(
    data.skills.filter((s) => s.dueDate && s.status !== 'verified').map((s) => [s.skillId, s.dueDate ?? '']),
  );
  const briefs = (roadmap.data?.briefs ?? [])
    .map((b) => {
      const dues = b.skillIds.map((id) => open.get(id)).filter((d): d is string => Boolean(d));
      return { brief: b, firstDue: dues.sort()[0] ?? null, count: dues.length };
    })
    .filter((b) => b.firstDue !== null)
    .sort((a, b) => (a.firstDue ?? '').localeCompare(b.firstDue ?? '') || b.count - a.count)
    .slice(0, PROJECTS_LIMIT);
  if (briefs.length === 0) return null;
  return (
    <Card data-testid="my-projects">
      <CardHeader className="pb-2">
        <CardTitle>{term('myRoadmap.projectsTitle')}</CardTitle>
        <CardDescription>{term('myRoadmap.projectsDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="flex flex-col divide-y divide-slate-100">
          {briefs.map(({ brief, firstDue, count }) => {
            const shown = text('brief', brief);
            return (
              <li
                key={brief.id}
                className="flex flex-wrap items-center justify-between gap-3 py-3"
                data-testid="my-project"
                data-key={brief.key}
              >
                <div className="min-w-0 flex-1">
                  <h3 className="font-medium text-slate-900">{shown.title}</h3>
                  <p className="text-xs text-slate-500">
                    {term('myRoadmap.projectSkills', { count, formatted: fmt.number(count) })}
                    {' · '}
                    {term('myRoadmap.dueOn', { date: fmt.day(firstDue) })}
                  </p>
                </div>
                <Button asChild size="sm" className="min-h-11 sm:min-h-9">
                  <Link
                    to={submitPath(slug, data.cohort.id, { briefId: brief.id })}
                    data-testid="project-submit-work"
                    aria-label={t('myRoadmap.submitWorkFor', { title: shown.title })}
                  >
                    <Send className="size-4 rtl:-scale-x-100" aria-hidden />
                    {t('myRoadmap.submitWork')}
                  </Link>
                </Button>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}

export function DueList({
  title,
  empty,
  items,
  testId,
  tone,
}: {
  title: string;
  empty: string;
  items: MySkill[];
  testId: string;
  tone: 'danger' | 'warning' | 'neutral';
}) {
  const fmt = useFormat();
  const text = useRoadmapText();
  const { term } = useTerms();
  const border = { danger: 'border-t-red-500', warning: 'border-t-amber-500', neutral: 'border-t-slate-400' }[tone];
  return (
    <Card className={cn('border-t-4', border)} data-testid={testId}>
      <CardHeader className="pb-2">
        <h3 className="font-semibold text-slate-900">{title}</h3>
      </CardHeader>
      <CardContent className="pt-2">
        {items.length === 0 ? (
          <p className="text-sm text-slate-500">{empty}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {items.map((s) => (
              <li key={s.skillId} className="flex items-start justify-between gap-3 text-sm" data-key={s.key}>
                <a
                  href={`#skill-${s.skillId}`}
                  className="font-medium text-slate-800 hover:text-brand-800 hover:underline"
                >
                  {text('skill', s).title}
                </a>
                <span className="shrink-0 whitespace-nowrap text-xs text-slate-500">
                  {term('myRoadmap.dueOn', { date: fmt.day(s.dueDate) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
