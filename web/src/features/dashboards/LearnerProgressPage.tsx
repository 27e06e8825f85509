import { OVERDUE_GRACE_DAYS, STATUS_TOLERANCE_POINTS, zId } from '@masar/shared';
import { useQuery } from '@tanstack/react-query';
import { AlarmClock, CalendarClock, FileCode2, Gauge } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CategoryChart } from '../../components/charts/CategoryChart';
import { StatusBadge } from '../../components/charts/StatusBadge';
import { type LearnerProgress, TimelineChart } from '../../components/charts/TimelineChart';
import { round3, useChartFormat } from '../../components/charts/theme';
import { NotFoundState } from '../../components/NotFoundState';
import { QueryState } from '../../components/QueryState';
import { AccessDenied, StateMessage } from '../../components/StateMessage';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useMe } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { cn } from '../../lib/utils';
import { errorData, useTRPC } from '../../trpc';
import { BackLink, DashboardSkeleton, Stat } from './DashboardParts';
import { SkillDueItem } from './SkillDueItem';

/** `/o/:slug/cohorts/:cohortId/learners/:learnerId`: one learner's progress (theirs, or as mentor/admin/viewer). */
export function LearnerProgressPage() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const { cohortId = '', learnerId = '' } = useParams();
  const { slug, can } = useOrg();
  const trpc = useTRPC();
  const valid = zId.safeParse(cohortId).success && zId.safeParse(learnerId).success;
  const progress = useQuery({
    ...trpc.dashboards.learner.queryOptions({ orgSlug: slug, cohortId, learnerId }),
    enabled: valid,
  });
  const code = errorData(progress.error)?.code;
  const back = can('cohorts.read') ? routes.cohorts(slug) : routes.myRoadmap(slug);
  if (!valid || code === 'NOT_FOUND') {
    return (
      <NotFoundState
        title={term('dashboards.learner.notFoundTitle')}
        body={term('dashboards.learner.notFoundBody')}
        back={{
          to: back,
          label: can('cohorts.read') ? term('cohort.backToList') : term('dashboards.learner.backToRoadmap'),
        }}
        testId="dashboard-not-found"
      />
    );
  }
  if (code === 'FORBIDDEN') return <AccessDenied />;
  if (progress.isPending) return <DashboardSkeleton label={t('common.loading')} />;
  return (
    <QueryState
      isPending={false}
      error={progress.error}
      onRetry={() => progress.refetch()}
      errorTitle={term('dashboards.learner.loadError')}
    >
      {progress.data ? <LearnerView data={progress.data} /> : null}
    </QueryState>
  );
}

function LearnerView({ data }: { data: LearnerProgress }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const f = useChartFormat();
  const fmt = useFormat();
  const me = useMe();
  const { slug, can } = useOrg();
  const isMe = me.data?.id === data.learner.id;
  const title = isMe
    ? term('dashboards.learner.myTitle')
    : term('dashboards.learner.title', { name: data.learner.name });
  useDocumentTitle(title);
  const months = data.monthsSinceStart;
  const { coverage } = data;
  return (
    <div
      className="flex flex-col gap-6"
      data-testid="learner-progress"
      data-learner={data.learner.id}
      data-status={data.status.status}
    >
      <Card>
        <CardHeader className="pb-6">
          {can('cohorts.read') ? (
            <BackLink to={routes.cohortDashboard(slug, data.cohort.id)}>
              {term('dashboards.learner.backToDashboard')}
            </BackLink>
          ) : (
            <BackLink to={routes.myRoadmap(slug)}>{term('dashboards.learner.backToRoadmap')}</BackLink>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-xl font-semibold text-slate-900" data-testid="learner-name">
              {title}
            </h2>
            <Button asChild variant="secondary" size="sm" className="ms-auto">
              <Link to={routes.readiness(slug, data.cohort.id, data.learner.id)} data-testid="readiness-link">
                <Gauge className="size-4" aria-hidden />
                {t('readiness.link')}
              </Link>
            </Button>
          </div>
          <p className="text-sm text-slate-600">
            {data.cohort.name}
            {' · '}
            {months < 0
              ? term('dashboards.learner.startsOn', { date: fmt.day(data.learner.startDate) })
              : term('dashboards.learner.monthSince', {
                  month: f.number(Math.round(months * 10) / 10),
                  date: fmt.day(data.learner.startDate),
                })}
          </p>
        </CardHeader>
      </Card>

      {coverage.total === 0 ? (
        <StateMessage
          kind="empty"
          title={term('dashboards.learner.noSkillsTitle')}
          body={term('dashboards.learner.noSkillsBody')}
          data-testid="learner-empty"
        />
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-3">
            <StatusCard data={data} />
            <dl className="grid grid-cols-2 gap-3 lg:col-span-2 lg:grid-cols-4">
              <Stat
                label={t('charts.series.verified')}
                value={f.percent(coverage.verified)}
                hint={term('dashboards.learner.skillsOf', {
                  count: coverage.total,
                  done: f.number(coverage.verifiedCount),
                  total: f.number(coverage.total),
                })}
                testId="stat-verified"
                attrs={{ 'data-value': round3(coverage.verified) }}
              />
              <Stat
                label={term('dashboards.learner.expectedNow')}
                value={f.percent(coverage.expected)}
                hint={term('dashboards.learner.expectedHint')}
                testId="stat-expected"
                attrs={{ 'data-value': round3(coverage.expected) }}
              />
              <Stat
                label={t('charts.series.evidenced')}
                value={f.percent(coverage.evidenced)}
                hint={term('dashboards.learner.evidencedHint')}
                testId="stat-evidenced"
              />
              <Stat
                label={term('dashboards.learner.difference')}
                value={f.points(coverage.verified - coverage.expected)}
                hint={term('dashboards.learner.differenceHint')}
                testId="stat-difference"
              />
            </dl>
          </div>
          <TimelineChart data={data} />
          <div className="grid gap-6 lg:grid-cols-2">
            <CategoryChart data={data} />
            <div className="flex flex-col gap-4">
              <OverdueList data={data} />
              <NextDueList data={data} />
              <OpenSubmissions data={data} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

const STATUS_BORDER = {
  behind: 'border-t-[#D55E00]',
  on_track: 'border-t-[#0072B2]',
  ahead: 'border-t-[#009E73]',
} as const;

function StatusCard({ data }: { data: LearnerProgress }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const f = useChartFormat();
  const { status, reason } = data.status;
  return (
    <Card
      className={cn('border-t-4', STATUS_BORDER[status])}
      data-testid="status-card"
      data-status={status}
      data-reason={reason}
    >
      <CardHeader className="pb-2">
        <p className="text-xs font-medium text-slate-600">{term('dashboards.learner.statusTitle')}</p>
        <div>
          <StatusBadge
            status={status}
            className="text-sm"
            overdue={reason === 'overdue' ? data.overdue.length : undefined}
          />
        </div>
      </CardHeader>
      <CardContent className="pt-2 text-sm leading-relaxed text-slate-700">
        {t(`dashboards.reason.${reason}`, {
          verified: f.percent(data.coverage.verified),
          expected: f.percent(data.coverage.expected),
          tolerance: f.number(STATUS_TOLERANCE_POINTS),
          days: f.number(OVERDUE_GRACE_DAYS),
          // the plural form follows the number the sentence counts
          count: reason === 'overdue' ? OVERDUE_GRACE_DAYS : STATUS_TOLERANCE_POINTS,
        })}
      </CardContent>
    </Card>
  );
}

function ListCard({
  title,
  icon,
  testId,
  count,
  children,
}: {
  title: string;
  icon: ReactNode;
  testId: string;
  count: number;
  children: ReactNode;
}) {
  const { term } = useTerms();
  const fmt = useFormat();
  return (
    <Card data-testid={testId} data-count={count}>
      <CardHeader className="pb-2">
        <CardTitle className="flex items-center gap-2 text-base">
          {icon}
          {title}
          <Badge
            className="ms-auto"
            aria-label={term('dashboards.learner.itemCount', { count, formatted: fmt.number(count) })}
          >
            {fmt.number(count)}
          </Badge>
        </CardTitle>
      </CardHeader>
      <CardContent className="pt-2">{children}</CardContent>
    </Card>
  );
}

function OverdueList({ data }: { data: LearnerProgress }) {
  const { term } = useTerms();
  const fmt = useFormat();
  return (
    <ListCard
      title={term('dashboards.learner.overdueTitle')}
      icon={<AlarmClock className="size-4 text-red-700" aria-hidden />}
      testId="overdue-skills"
      count={data.overdue.length}
    >
      {data.overdue.length === 0 ? (
        <p className="text-sm text-slate-600">{term('dashboards.learner.overdueEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {data.overdue.map((s) => (
            <SkillDueItem key={s.skillId} skill={s} tone="overdue">
              {term('dashboards.learner.daysOverdue', { count: s.days, formatted: fmt.number(s.days) })}
              <span className="block font-normal text-slate-600">
                {term('dashboards.learner.dueOn', { date: fmt.day(s.dueDate) })}
              </span>
            </SkillDueItem>
          ))}
        </ul>
      )}
    </ListCard>
  );
}

function NextDueList({ data }: { data: LearnerProgress }) {
  const { term } = useTerms();
  const fmt = useFormat();
  return (
    <ListCard
      title={term('dashboards.learner.nextDueTitle')}
      icon={<CalendarClock className="size-4 text-slate-600" aria-hidden />}
      testId="next-due"
      count={data.nextDue.length}
    >
      {data.nextDue.length === 0 ? (
        <p className="text-sm text-slate-600">{term('dashboards.learner.nextDueEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {data.nextDue.map((s) => (
            <SkillDueItem key={s.skillId} skill={s}>
              {term('dashboards.learner.dueOn', { date: fmt.day(s.dueDate) })}
            </SkillDueItem>
          ))}
        </ul>
      )}
    </ListCard>
  );
}

function OpenSubmissions({ data }: { data: LearnerProgress }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const fmt = useFormat();
  const { slug, org } = useOrg();
  return (
    <ListCard
      title={term('dashboards.learner.openTitle')}
      icon={<FileCode2 className="size-4 text-slate-600" aria-hidden />}
      testId="open-submissions"
      count={data.openSubmissions.length}
    >
      {data.openSubmissions.length === 0 ? (
        <p className="text-sm text-slate-600">{term('dashboards.learner.openEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {data.openSubmissions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-start justify-between gap-2 text-sm">
              <Link
                to={routes.submission(slug, s.id)}
                className="font-medium text-brand-800 hover:underline"
                data-testid="open-submission-link"
              >
                {s.title}
              </Link>
              <span className="flex shrink-0 items-center gap-2 text-xs text-slate-600">
                <Badge tone={s.status === 'changes_requested' ? 'warning' : 'brand'}>
                  {t(`dashboards.submissionStatus.${s.status}`)}
                </Badge>
                {s.submittedAt ? fmt.date(s.submittedAt, org.timeZone) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </ListCard>
  );
}
