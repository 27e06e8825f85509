import { type LearnerStatus, STATUS_TOLERANCE_POINTS, zId } from '@masar/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CohortProgressChart } from '../../components/charts/CohortProgressChart';
import { type CohortDashboard, CoverageScatter } from '../../components/charts/CoverageScatter';
import { Heatmap } from '../../components/charts/Heatmap';
import { STATUSES, useChartFormat } from '../../components/charts/theme';
import { ExportLinks } from '../../components/ExportLinks';
import { NotFoundState } from '../../components/NotFoundState';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Button } from '../../components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { Input, NativeSelect } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { clampPage } from '../../lib/table-state';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorData, useTRPC } from '../../trpc';
import { BackLink, DashboardSkeleton, Stat } from './DashboardParts';
import { LearnersTable, type SortKey } from './LearnersTable';

const PAGE_SIZE = 10;

export function CohortDashboardPage() {
  return (
    <RequirePermission permission="cohorts.read">
      <CohortDashboardLoader />
    </RequirePermission>
  );
}

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

function CohortDashboardLoader() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const { cohortId = '' } = useParams();
  const { slug } = useOrg();
  const trpc = useTRPC();
  const valid = zId.safeParse(cohortId).success;
  // The charts, quartiles, heatmap and queue health: one query per cohort, cached while the learners
  // table (its own query, `dashboards.cohortLearners`) sorts, filters and pages.
  const dashboard = useQuery({
    ...trpc.dashboards.cohort.queryOptions({ orgSlug: slug, cohortId }),
    enabled: valid,
  });

  if (!valid || errorData(dashboard.error)?.code === 'NOT_FOUND') {
    return (
      <NotFoundState
        title={term('cohort.notFoundTitle')}
        body={term('cohort.notFoundBody')}
        back={{ to: routes.cohorts(slug), label: term('cohort.backToList') }}
        testId="dashboard-not-found"
      />
    );
  }
  if (dashboard.isPending) return <DashboardSkeleton charts={2} label={t('common.loading')} />;
  return (
    <QueryState
      isPending={false}
      error={dashboard.data ? null : dashboard.error}
      onRetry={() => dashboard.refetch()}
      errorTitle={term('dashboards.cohort.loadError')}
    >
      {dashboard.data ? <DashboardView data={dashboard.data} /> : null}
    </QueryState>
  );
}

interface TableState {
  status: LearnerStatus | '';
  setStatus: (s: LearnerStatus | '') => void;
  search: string;
  setSearch: (s: string) => void;
}

function DashboardView({ data }: { data: CohortDashboard }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const f = useChartFormat();
  const fmt = useFormat();
  const { slug } = useOrg();
  useDocumentTitle(term('dashboards.cohort.documentTitle', { name: data.cohort.name }));
  const learners = data.scatter.length;
  const months = data.cohort.monthsSinceStart;
  const cohortHref = routes.cohort(slug, data.cohort.id);
  return (
    <div
      className="flex flex-col gap-6"
      data-testid="cohort-dashboard"
      data-id={data.cohort.id}
      data-learners={learners}
    >
      <Card>
        <CardHeader className="pb-6">
          <BackLink to={cohortHref}>{term('dashboards.cohort.backToCohort')}</BackLink>
          <h2 className="text-xl font-semibold text-slate-900" data-testid="dashboard-title">
            {term('dashboards.cohort.title', { name: data.cohort.name })}
          </h2>
          <p className="text-sm text-slate-600">
            {months < 0
              ? term('dashboards.cohort.startsOn', { date: fmt.day(data.cohort.startDate) })
              : term('dashboards.cohort.monthSince', {
                  month: f.number(Math.round(months * 10) / 10),
                  date: fmt.day(data.cohort.startDate),
                })}
            {' · '}
            {term('dashboards.cohort.skillCount', {
              count: data.cohort.totalSkills,
              formatted: fmt.number(data.cohort.totalSkills),
            })}
          </p>
          <div className="mt-3">
            <ExportLinks cohortId={data.cohort.id} />
          </div>
        </CardHeader>
      </Card>

      {learners === 0 ? (
        <StateMessage
          kind="empty"
          title={term('dashboards.cohort.emptyTitle')}
          body={term('dashboards.cohort.emptyBody')}
          data-testid="dashboard-empty"
          action={
            <Button asChild variant="secondary">
              <Link to={cohortHref}>{term('dashboards.cohort.openCohort')}</Link>
            </Button>
          }
        />
      ) : (
        <>
          <section aria-labelledby="dashboard-summary" className="flex flex-col gap-3">
            <h3 id="dashboard-summary" className="sr-only">
              {term('dashboards.cohort.summary')}
            </h3>
            <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
              <Stat label={term('dashboards.cohort.learners')} value={fmt.number(learners)} testId="stat-learners" />
              {STATUSES.map((s) => (
                <Stat
                  key={s}
                  label={t(`dashboards.status.${s}`)}
                  value={fmt.number(data.statusCounts[s])}
                  hint={t(`dashboards.statusHint.${s}`, {
                    count: STATUS_TOLERANCE_POINTS,
                    tolerance: fmt.number(STATUS_TOLERANCE_POINTS),
                  })}
                  testId={`stat-${s}`}
                  attrs={{ 'data-value': data.statusCounts[s] }}
                />
              ))}
              <QueueStat data={data} />
            </dl>
          </section>

          <LearnersCard cohortId={data.cohort.id} />

          <div className="grid gap-6 xl:grid-cols-2">
            <CohortProgressChart data={data} />
            <CoverageScatter data={data} />
          </div>
          <Heatmap data={data} />
        </>
      )}
    </div>
  );
}

/**
 * The learners table with its search and status filter: its own query (`dashboards.cohortLearners`),
 * so sorting, searching and paging fetch one page of rows and leave the charts' query alone. The
 * previous page stays on screen (dimmed, `aria-busy`) while the next one loads.
 */
function LearnersCard({ cohortId }: { cohortId: string }) {
  const { term } = useTerms();
  const { slug } = useOrg();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<SortKey>('difference');
  const [desc, setDesc] = useState(false);
  const [status, setStatus] = useState<LearnerStatus | ''>('');
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim());
  useEffect(() => {
    setPage(1);
  }, [debounced, status]);
  const learners = useQuery({
    ...trpc.dashboards.cohortLearners.queryOptions({
      orgSlug: slug,
      cohortId,
      page,
      pageSize: PAGE_SIZE,
      sort,
      direction: desc ? 'desc' : 'asc',
      ...(status ? { status } : {}),
      ...(debounced ? { search: debounced } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const total = learners.data?.total ?? 0;
  useEffect(() => {
    if (learners.data && page > 1 && learners.data.items.length === 0) {
      setPage(clampPage(page, total, PAGE_SIZE));
    }
  }, [learners.data, page, total]);

  return (
    <Card>
      <CardHeader className="pb-4">
        <CardTitle className="text-base">{term('dashboards.cohort.learnersTitle')}</CardTitle>
        <CardDescription>{term('dashboards.cohort.learnersDescription')}</CardDescription>
      </CardHeader>
      <Filters table={{ status, setStatus, search, setSearch }} />
      <div className="px-6 pb-6">
        <QueryState
          isPending={learners.isPending}
          error={learners.data ? null : learners.error}
          onRetry={() => learners.refetch()}
          errorTitle={term('dashboards.cohort.loadError')}
        >
          {learners.data?.total === 0 ? (
            <StateMessage
              kind="empty"
              title={term('dashboards.cohort.noMatches')}
              body={term('dashboards.cohort.noMatchesBody')}
              data-testid="dashboard-no-matches"
            />
          ) : learners.data ? (
            <div className="overflow-hidden rounded-lg border border-slate-200">
              <LearnersTable
                data={learners.data}
                cohortId={cohortId}
                sort={sort}
                desc={desc}
                onSort={(s, d) => {
                  setSort(s);
                  setDesc(d);
                  setPage(1);
                }}
                page={page}
                pageSize={PAGE_SIZE}
                onPageChange={setPage}
                loadingPage={learners.isPlaceholderData}
              />
            </div>
          ) : null}
        </QueryState>
      </div>
    </Card>
  );
}

function QueueStat({ data }: { data: CohortDashboard }) {
  const { term } = useTerms();
  const f = useChartFormat();
  const fmt = useFormat();
  const q = data.queue;
  return (
    <div
      className="col-span-2 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="queue-health"
      data-waiting={q.waiting}
    >
      <dt className="text-xs font-medium text-slate-600">{term('dashboards.cohort.queueTitle')}</dt>
      <dd className="mt-1 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <span className="text-2xl font-semibold tabular-nums text-slate-900">{fmt.number(q.waiting)}</span>
        <span className="text-xs text-slate-600">{term('dashboards.cohort.queueWaiting', { count: q.waiting })}</span>
      </dd>
      <dd className="mt-1 text-xs text-slate-600">
        {q.waiting === 0 ? (
          term('dashboards.cohort.queueEmpty')
        ) : (
          <>
            {term('dashboards.cohort.queueMedian', { value: f.duration(q.medianHours) })}
            {' · '}
            {term('dashboards.cohort.queueOldest', { value: f.duration(q.oldestHours) })}
          </>
        )}
      </dd>
    </div>
  );
}

function Filters({ table }: { table: TableState }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const searchId = useId();
  const statusId = useId();
  return (
    <div className="flex flex-wrap items-end gap-4 px-6 pb-4">
      <div className="relative w-full max-w-xs">
        <label htmlFor={searchId} className="sr-only">
          {term('dashboards.cohort.search')}
        </label>
        <Search
          className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
          aria-hidden
        />
        <Input
          id={searchId}
          type="search"
          name="search"
          value={table.search}
          onChange={(e) => table.setSearch(e.target.value)}
          placeholder={term('dashboards.cohort.search')}
          className="ps-9"
          data-testid="dashboard-search"
        />
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={statusId} className="text-sm text-slate-700">
          {term('dashboards.cohort.statusFilter')}
        </label>
        <NativeSelect
          id={statusId}
          name="status"
          value={table.status}
          onChange={(e) => table.setStatus(e.target.value as LearnerStatus | '')}
          className="h-10 w-44"
          data-testid="dashboard-status-filter"
        >
          <option value="">{term('dashboards.cohort.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`dashboards.status.${s}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}
