import { useQuery } from '@tanstack/react-query';
import { ArrowRight, Inbox, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Skeleton } from '../../components/charts/ChartCard';
import { CoverageBar } from '../../components/charts/CoverageBar';
import { useChartFormat } from '../../components/charts/theme';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';

type OverviewCohort = RouterOutputs['dashboards']['org'][number];

/** `/o/:slug/overview`: every active cohort's headline numbers (owners and admins). */
export function OrgCohortsOverviewPage() {
  return (
    <RequirePermission permission="org.overview">
      <Overview />
    </RequirePermission>
  );
}

function Overview() {
  const { t } = useTranslation();
  const { term } = useTerms();
  useDocumentTitle(term('dashboards.org.title'));
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const overview = useQuery(trpc.dashboards.org.queryOptions({ orgSlug: slug }));
  return (
    <div className="flex flex-col gap-6" data-testid="org-cohorts-overview">
      <div>
        <h2 className="text-xl font-semibold text-slate-900">{term('dashboards.org.title')}</h2>
        <p className="text-sm text-slate-600">{term('dashboards.org.description')}</p>
      </div>
      {overview.isPending ? (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="dashboard-loading" aria-busy="true">
          <span className="sr-only" role="status">
            {t('common.loading')}
          </span>
          {[0, 1, 2].map((i) => (
            <Card key={i} className="flex flex-col gap-3 p-6">
              <Skeleton className="h-5 w-48" />
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-3 w-full" />
              <Skeleton className="h-8 w-40" />
            </Card>
          ))}
        </div>
      ) : (
        <QueryState
          isPending={false}
          error={overview.error}
          onRetry={() => overview.refetch()}
          errorTitle={term('dashboards.org.loadError')}
        >
          {overview.data && overview.data.length === 0 ? (
            <StateMessage
              kind="empty"
              title={term('dashboards.org.emptyTitle')}
              body={term('dashboards.org.emptyBody')}
              data-testid="org-overview-empty"
              action={
                can('cohorts.manage') ? (
                  <Button asChild variant="secondary">
                    <Link to={routes.cohorts(slug)}>{term('dashboards.org.goToCohorts')}</Link>
                  </Button>
                ) : undefined
              }
            />
          ) : overview.data ? (
            <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
              {overview.data.map((c) => (
                <li key={c.id}>
                  <CohortCard cohort={c} />
                </li>
              ))}
            </ul>
          ) : null}
        </QueryState>
      )}
    </div>
  );
}

function CohortCard({ cohort }: { cohort: OverviewCohort }) {
  const { term } = useTerms();
  const f = useChartFormat();
  const fmt = useFormat();
  const { slug } = useOrg();
  const months = cohort.monthsSinceStart;
  return (
    <Card className="flex h-full flex-col" data-testid="org-cohort-card" data-id={cohort.id} data-name={cohort.name}>
      <CardHeader className="pb-3">
        <CardTitle className="text-base">
          <Link to={routes.cohort(slug, cohort.id)} className="hover:underline">
            {cohort.name}
          </Link>
        </CardTitle>
        <CardDescription>
          {months < 0
            ? term('dashboards.cohort.startsOn', { date: fmt.day(cohort.startDate) })
            : term('dashboards.cohort.monthSince', {
                month: f.number(Math.round(months * 10) / 10),
                date: fmt.day(cohort.startDate),
              })}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-4 pt-0">
        <CoverageBar coverage={cohort.averageCoverage} expected={cohort.expected} />
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <div className="flex items-center gap-2">
            <Users className="size-4 text-slate-500" aria-hidden />
            <dt className="sr-only">{term('dashboards.cohort.learners')}</dt>
            <dd data-testid="org-cohort-learners" data-value={cohort.learners}>
              {term('dashboards.org.learners', { count: cohort.learners, formatted: fmt.number(cohort.learners) })}
            </dd>
          </div>
          <div className="flex items-center gap-2">
            <Inbox className="size-4 text-slate-500" aria-hidden />
            <dt className="sr-only">{term('dashboards.cohort.queueTitle')}</dt>
            <dd data-testid="org-cohort-waiting" data-value={cohort.waitingReviews}>
              {term('dashboards.org.waiting', {
                count: cohort.waitingReviews,
                formatted: fmt.number(cohort.waitingReviews),
              })}
            </dd>
          </div>
        </dl>
      </CardContent>
      <CardFooter>
        <Button asChild variant="secondary" size="sm">
          <Link to={routes.cohortDashboard(slug, cohort.id)} data-testid="org-cohort-dashboard-link">
            {term('dashboards.org.openDashboard')}
            <ArrowRight className="size-4 rtl:rotate-180" aria-hidden />
          </Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
