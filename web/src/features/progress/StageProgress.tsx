import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BookOpen, Send } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Bands,
  CategoryBadge,
  categoryColor,
  TodayMarker,
  useWindowLabel,
  windowStyle,
} from '../../components/timeline';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { useTerms } from '../../lib/terms';
import { cn } from '../../lib/utils';
import { useTRPC } from '../../trpc';
import { DUE_TONE, type MyCohort, type MySkill, submitPath } from './myRoadmapData';

export function StageProgress({
  stage,
  skills,
  months,
  cohortId,
}: {
  stage: MyCohort['stages'][number];
  skills: MySkill[];
  months: number;
  cohortId: string;
}) {
  const text = useRoadmapText();
  const windowLabel = useWindowLabel();
  const shown = text('stage', stage);
  return (
    <Card data-testid="my-stage" data-key={stage.key}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle>{shown.title}</CardTitle>
          <Badge tone="brand">{windowLabel(stage.startMonth, stage.endMonth)}</Badge>
        </div>
        {shown.description ? (
          <CardDescription className="max-w-4xl leading-relaxed">{shown.description}</CardDescription>
        ) : null}
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-slate-100">
          {skills.map((s) => (
            <SkillProgress key={s.skillId} skill={s} months={months} cohortId={cohortId} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function StatusBadges({ skill }: { skill: MySkill }) {
  const { t } = useTranslation();
  const badges: ReactNode[] = [];
  if (skill.status) {
    const tone = skill.status === 'verified' ? 'success' : skill.status === 'evidenced' ? 'brand' : 'neutral';
    badges.push(
      <Badge key="status" tone={tone} data-testid="progress-status" data-status={skill.status}>
        {t(`progressStatus.${skill.status}`)}
      </Badge>,
    );
  }
  if (skill.dueState === 'overdue' || skill.dueState === 'due_soon') {
    badges.push(
      <Badge key="due" tone={DUE_TONE[skill.dueState]} data-testid="due-badge">
        {t(`dueStates.${skill.dueState}`)}
      </Badge>,
    );
  }
  if (badges.length === 0) {
    badges.push(
      <Badge key="none" data-testid="progress-status" data-status="none">
        {t('progressStatus.none')}
      </Badge>,
    );
  }
  return <>{badges}</>;
}

function SkillProgress({ skill, months, cohortId }: { skill: MySkill; months: number; cohortId: string }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const text = useRoadmapText();
  const windowLabel = useWindowLabel();
  const { slug } = useOrg();
  const shown = text('skill', skill);
  const mark = useMutation(
    trpc.progress.markLearning.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.progress.pathFilter()),
    }),
  );
  const learning = skill.status === 'learning';
  const canToggle = skill.status === null || learning;
  return (
    <li
      id={`skill-${skill.skillId}`}
      className="grid scroll-mt-24 gap-3 py-4 md:grid-cols-[1fr_14rem]"
      data-testid="my-skill"
      data-key={skill.key}
      data-due-state={skill.dueState ?? 'none'}
      data-status={skill.status ?? 'none'}
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-medium text-slate-900">{shown.title}</h3>
          <StatusBadges skill={skill} />
        </div>
        {shown.description ? <p className="mt-1 text-sm leading-relaxed text-slate-600">{shown.description}</p> : null}
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
          <CategoryBadge category={skill.category} />
          <span data-testid="my-skill-window">{windowLabel(skill.startMonth, skill.endMonth)}</span>
          {skill.dueDate ? (
            <span
              className={cn(
                'font-medium',
                skill.dueState === 'overdue' && 'text-red-700',
                skill.dueState === 'due_soon' && 'text-amber-800',
              )}
              data-testid="my-skill-due"
              data-due={skill.dueDate}
            >
              {term('myRoadmap.dueOn', { date: fmt.day(skill.dueDate) })}
            </span>
          ) : (
            <span>{term('myRoadmap.notAssigned')}</span>
          )}
        </div>
        {mark.error ? (
          <Alert tone="error" className="mt-2">
            {serverErrorMessage(mark.error)}
          </Alert>
        ) : null}
      </div>
      <div className="flex flex-wrap items-start gap-2 md:flex-col md:items-end">
        <div className="relative hidden h-4 w-full overflow-hidden rounded-sm md:block" aria-hidden>
          <Bands />
          <div
            className={cn('absolute inset-y-1 rounded-sm', categoryColor(skill.category))}
            style={windowStyle(skill.startMonth, skill.endMonth)}
          />
          <TodayMarker month={months} />
        </div>
        {skill.status !== 'verified' ? (
          <Button asChild variant="secondary" size="sm">
            <Link
              to={submitPath(slug, cohortId, { skills: skill.skillId, title: shown.title })}
              data-testid="skill-submit-work"
              aria-label={t('myRoadmap.submitWorkFor', { title: shown.title })}
            >
              <Send className="size-4 rtl:-scale-x-100" aria-hidden />
              {t('myRoadmap.submitWork')}
            </Link>
          </Button>
        ) : null}
        {canToggle ? (
          <Button
            variant={learning ? 'primary' : 'secondary'}
            size="sm"
            aria-pressed={learning}
            pending={mark.isPending}
            onClick={() => mark.mutate({ orgSlug: slug, skillId: skill.skillId, learning: !learning })}
            data-testid="learning-toggle"
          >
            <BookOpen className="size-4" aria-hidden />
            {learning ? term('myRoadmap.learningOn') : term('myRoadmap.learningOff')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
