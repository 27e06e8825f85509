import { useQuery } from '@tanstack/react-query';
import { ArrowRight, CheckCircle2, Circle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { isolate, useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { cn } from '../../lib/utils';
import { type RouterOutputs, useTRPC } from '../../trpc';

type Progress = RouterOutputs['cohorts']['gettingStarted'];

/** The getting-started checklist and the no-mentor warning, for those who run cohorts. */
export function useGettingStarted() {
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  return useQuery({ ...trpc.cohorts.gettingStarted.queryOptions({ orgSlug: slug }), enabled: can('cohorts.manage') });
}

/**
 * Four steps to a first submission that reaches someone: a cohort, a mentor in it, an assigned
 * stage, learners. Each step links to where it is done; the card goes away once all are done.
 */
export function GettingStartedCard() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const { slug } = useOrg();
  const progress = useGettingStarted();
  const p = progress.data;
  if (!p) return null;
  const cohortPath = p.latestCohort ? routes.cohort(slug, p.latestCohort.id) : routes.cohorts(slug);
  const noMentor = p.withoutMentor[0];
  const steps: { key: string; done: boolean; label: string; body: string; to: string; action: string }[] = [
    {
      key: 'cohort',
      done: p.cohorts > 0,
      label: term('gettingStarted.cohort'),
      body: term('gettingStarted.cohortBody'),
      to: routes.cohorts(slug),
      action: term('gettingStarted.cohortAction'),
    },
    {
      key: 'mentor',
      done: p.cohorts > 0 && p.withoutMentorCount === 0,
      label: term('gettingStarted.mentor'),
      body: term('gettingStarted.mentorBody'),
      to: noMentor ? routes.cohort(slug, noMentor.id, 'members') : `${cohortPath}#members`,
      action: term('gettingStarted.mentorAction'),
    },
    {
      key: 'assign',
      done: p.assigned,
      label: term('gettingStarted.assign'),
      body: term('gettingStarted.assignBody'),
      to: `${cohortPath}#assignments`,
      action: term('gettingStarted.assignAction'),
    },
    {
      key: 'invite',
      done: p.learnersOrInvited,
      label: term('gettingStarted.invite'),
      body: term('gettingStarted.inviteBody'),
      to: `${cohortPath}#members`,
      action: term('gettingStarted.inviteAction'),
    },
  ];
  if (steps.every((s) => s.done)) return null;
  // the first step not done is the one to do now
  const next = steps.find((s) => !s.done)!;
  const doneCount = steps.filter((s) => s.done).length;
  return (
    <Card data-testid="getting-started" className="border-brand-100">
      <CardHeader>
        <CardTitle>{t('gettingStarted.title')}</CardTitle>
        <CardDescription>{t('gettingStarted.description', { done: doneCount, total: steps.length })}</CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="flex flex-col gap-3">
          {steps.map((s) => {
            const current = s === next;
            return (
              <li
                key={s.key}
                className={cn(
                  'flex flex-wrap items-center gap-3 rounded-lg border p-3',
                  current ? 'border-brand-600 bg-brand-50' : 'border-slate-200',
                )}
                data-testid={`getting-started-${s.key}`}
                data-done={s.done}
              >
                {s.done ? (
                  <CheckCircle2 className="size-5 shrink-0 text-green-700" aria-hidden />
                ) : (
                  <Circle className="size-5 shrink-0 text-slate-400" aria-hidden />
                )}
                <div className="min-w-0 flex-1 basis-56">
                  <p className={cn('font-medium', s.done ? 'text-slate-500 line-through' : 'text-slate-900')}>
                    {s.label}
                    <span className="sr-only"> — {s.done ? t('gettingStarted.done') : t('gettingStarted.todo')}</span>
                  </p>
                  {s.done ? null : <p className="text-sm text-slate-600">{s.body}</p>}
                </div>
                {s.done ? null : (
                  <Button
                    asChild
                    size="sm"
                    variant={current ? 'primary' : 'secondary'}
                    className="ms-8 min-h-11 sm:ms-0 sm:min-h-9"
                  >
                    <Link to={s.to} data-testid={`getting-started-${s.key}-action`}>
                      {s.action}
                      <ArrowRight className="size-4 rtl:rotate-180" aria-hidden />
                    </Link>
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
      </CardContent>
    </Card>
  );
}

/** Cohorts without a mentor: their learners' submissions reach nobody. */
export function NoMentorWarning({ progress }: { progress: Progress | undefined }) {
  const { term } = useTerms();
  const fmt = useFormat();
  const { slug } = useOrg();
  if (!progress || progress.withoutMentorCount === 0) return null;
  return (
    <Alert tone="warning" data-testid="no-mentor-warning">
      <div className="flex items-start gap-2">
        <div>
          <p className="font-medium">
            {term('gettingStarted.noMentorTitle', {
              count: progress.withoutMentorCount,
              formatted: fmt.number(progress.withoutMentorCount),
            })}
          </p>
          <p className="text-sm">{term('gettingStarted.noMentorBody')}</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {progress.withoutMentor.map((c) => (
              <li key={c.id}>
                <Link to={routes.cohort(slug, c.id, 'members')} className="font-medium underline">
                  {term('gettingStarted.addMentorTo', { name: isolate(c.name) })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </Alert>
  );
}
