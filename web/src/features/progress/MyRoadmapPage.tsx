import type { DueState } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlarmClock, BookOpen, ChartLine, CheckCircle2, Clock, Gauge, ListChecks, Send, Share2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { SharingCards } from '../../components/SharingCard';
import { StateMessage } from '../../components/StateMessage';
import {
  Bands,
  CategoryBadge,
  categoryColor,
  MonthRuler,
  TodayMarker,
  useWindowLabel,
  windowStyle,
} from '../../components/timeline';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useMe } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { cn } from '../../lib/utils';
import { type RouterOutputs, useTRPC } from '../../trpc';

type Mine = RouterOutputs['progress']['mine'];
type MyCohort = Mine['cohorts'][number];
type MySkill = MyCohort['skills'][number];

const NEXT_UP_LIMIT = 5;
const PROJECTS_LIMIT = 3;

/** The submit form, with the cohort (and a brief or a skill) chosen already. */
function submitPath(slug: string, cohortId: string, extra: Record<string, string> = {}) {
  return routes.submit(slug, { cohortId, ...extra });
}

export function MyRoadmapPage() {
  return (
    <RequirePermission permission="progress.self">
      <MyRoadmap />
    </RequirePermission>
  );
}

function MyRoadmap() {
  const { term } = useTerms();
  useDocumentTitle(term('myRoadmap.title'));
  const trpc = useTRPC();
  const { slug } = useOrg();
  const mine = useQuery(trpc.progress.mine.queryOptions({ orgSlug: slug }));
  return (
    <div className="flex flex-col gap-6" data-testid="my-roadmap">
      <QueryState
        isPending={mine.isPending}
        error={mine.error}
        onRetry={() => mine.refetch()}
        errorTitle={term('myRoadmap.loadError')}
      >
        {mine.data && mine.data.cohorts.length === 0 ? (
          <StateMessage
            kind="empty"
            title={term('myRoadmap.emptyTitle')}
            body={term('myRoadmap.emptyBody')}
            data-testid="my-roadmap-empty"
          />
        ) : mine.data ? (
          mine.data.cohorts.map((c) => <CohortProgress key={c.cohort.id} data={c} />)
        ) : null}
      </QueryState>
      <SharingCards />
    </div>
  );
}

const DUE_TONE: Record<DueState, 'danger' | 'warning' | 'neutral' | 'success'> = {
  overdue: 'danger',
  due_soon: 'warning',
  upcoming: 'neutral',
  done: 'success',
};

function byDue(a: MySkill, b: MySkill) {
  return (a.dueDate ?? '').localeCompare(b.dueDate ?? '');
}

function CohortProgress({ data }: { data: MyCohort }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const me = useMe();
  const months = data.monthsSinceStart;
  const overdue = data.skills.filter((s) => s.dueState === 'overdue').sort(byDue);
  const dueSoon = data.skills.filter((s) => s.dueState === 'due_soon').sort(byDue);
  const nextUp = data.skills
    .filter((s) => s.dueState === 'upcoming')
    .sort(byDue)
    .slice(0, NEXT_UP_LIMIT);
  const counters: [string, number, string, typeof Clock, string][] = [
    ['overdue', data.counts.overdue, term('myRoadmap.counts.overdue'), AlarmClock, 'text-red-700 bg-red-50'],
    ['due-soon', data.counts.dueSoon, term('myRoadmap.counts.dueSoon'), Clock, 'text-amber-800 bg-amber-50'],
    ['assigned', data.counts.assigned, term('myRoadmap.counts.assigned'), ListChecks, 'text-slate-700 bg-slate-50'],
    ['verified', data.counts.verified, term('myRoadmap.counts.verified'), CheckCircle2, 'text-green-800 bg-green-50'],
  ];
  return (
    <section className="flex flex-col gap-6" data-testid="my-cohort" data-id={data.cohort.id}>
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <CardTitle className="text-xl" data-testid="my-cohort-name">
              {data.cohort.name}
            </CardTitle>
            <div className="flex flex-wrap items-center gap-3">
              <Button asChild size="sm">
                <Link to={submitPath(slug, data.cohort.id)} data-testid="my-submit-work">
                  <Send className="size-4 rtl:-scale-x-100" aria-hidden />
                  {t('myRoadmap.submitWork')}
                </Link>
              </Button>
              <Link to={routes.roadmap(slug, data.roadmap.id)} className="text-sm text-brand-700 hover:underline">
                {text('roadmap', data.roadmap).title}
              </Link>
              {me.data ? (
                <Button asChild variant="secondary" size="sm">
                  <Link to={routes.learner(slug, data.cohort.id, me.data.id)} data-testid="my-progress-link">
                    <ChartLine className="size-4" aria-hidden />
                    {t('dashboards.links.myProgress')}
                  </Link>
                </Button>
              ) : null}
              {me.data ? (
                <Button asChild variant="secondary" size="sm">
                  <Link to={routes.readiness(slug, data.cohort.id, me.data.id)} data-testid="my-readiness-link">
                    <Gauge className="size-4" aria-hidden />
                    {t('readiness.link')}
                  </Link>
                </Button>
              ) : null}
              {me.data ? (
                <Button asChild variant="ghost" size="sm">
                  <a href="#sharing" data-testid="my-sharing-link">
                    <Share2 className="size-4" aria-hidden />
                    {t('readiness.sharing')}
                  </a>
                </Button>
              ) : null}
            </div>
          </div>
          <CardDescription data-testid="my-month" data-months={Math.floor(months)}>
            {months < 0
              ? term('myRoadmap.startsOn', { date: fmt.day(data.cohort.startDate) })
              : term('myRoadmap.monthOf', { month: fmt.number(Math.floor(months)) })}
            {' · '}
            {term('myRoadmap.startedOn', { date: fmt.day(data.cohort.startDate) })}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {counters.map(([key, value, label, Icon, tone]) => (
              <div key={key} className={cn('flex flex-col gap-0.5 rounded-lg p-3', tone)} data-testid={`count-${key}`}>
                {/* the term first (as <dl> wants), shown under its number */}
                <dt className="order-2 text-xs font-medium">{label}</dt>
                <dd className="order-1 flex items-center gap-2 text-2xl font-semibold tabular-nums" data-value={value}>
                  <Icon className="size-5 shrink-0" aria-hidden />
                  {fmt.number(value)}
                </dd>
              </div>
            ))}
          </dl>
          <div className="hidden md:block">
            <p className="mb-1 text-xs text-slate-500">{term('myRoadmap.youAreHere')}</p>
            <MonthRuler marker={{ month: months, label: term('myRoadmap.youAreHere') }} />
          </div>
        </CardContent>
      </Card>

      <ProjectsToSubmit data={data} />

      <div className="grid gap-4 lg:grid-cols-3">
        <DueList
          title={term('myRoadmap.overdueTitle')}
          empty={term('myRoadmap.overdueEmpty')}
          items={overdue}
          testId="overdue-list"
          tone="danger"
        />
        <DueList
          title={term('myRoadmap.dueSoonTitle')}
          empty={term('myRoadmap.dueSoonEmpty')}
          items={dueSoon}
          testId="due-soon-list"
          tone="warning"
        />
        <DueList
          title={term('myRoadmap.nextUpTitle')}
          empty={term('myRoadmap.nextUpEmpty')}
          items={nextUp}
          testId="next-up-list"
          tone="neutral"
        />
      </div>

      {data.stages.map((stage) => (
        <StageProgress
          key={stage.id}
          stage={stage}
          skills={data.skills.filter((s) => s.stageId === stage.id)}
          months={months}
          cohortId={data.cohort.id}
        />
      ))}
    </section>
  );
}

/**
 * The project briefs that show the skills due first (not yet verified): the next thing to build,
 * each with a "Submit work" that picks the brief (its title and skills) on the submit form.
 */
function ProjectsToSubmit({ data }: { data: MyCohort }) {
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

function DueList({
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

function StageProgress({
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
