import { useQuery } from '@tanstack/react-query';
import { AlarmClock, ChartLine, CheckCircle2, Clock, Gauge, ListChecks, Send, Share2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { SharingCards } from '../../components/SharingCard';
import { StateMessage } from '../../components/StateMessage';
import { MonthRuler } from '../../components/timeline';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useMe } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { cn } from '../../lib/utils';
import { useTRPC } from '../../trpc';
import { DueList, ProjectsToSubmit } from './MyRoadmapLists';
import { type MyCohort, type MySkill, NEXT_UP_LIMIT, submitPath } from './myRoadmapData';
import { StageProgress } from './StageProgress';

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
