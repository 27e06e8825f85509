import { HIRE_SORTS, type HireSort } from '@masar/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { round3, useChartFormat } from '../../components/charts/theme';
import { Pagination } from '../../components/Pagination';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { Spinner } from '../../components/ui/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { descAfterClick, pageFromParam, sortFromParam } from '../../lib/table-state';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { cn } from '../../lib/utils';
import { type RouterOutputs, useTRPC } from '../../trpc';

type Hires = RouterOutputs['readiness']['hires'];
type Hire = Hires['items'][number];
const PAGE_SIZE = 20;
const col = createColumnHelper<Hire>();
const OrgOverviewPage = lazy(async () => ({ default: (await import('../org/OrgOverviewPage')).OrgOverviewPage }));

/**
 * The organisation's home: a read-only manager (viewer) lands on the hires table; everyone else on
 * the overview.
 */
export function OrgHomePage() {
  const { org } = useOrg();
  if (org.role === 'viewer') return <HiresPage />;
  // a learner comes to learn: what is due and a Submit button, not the organisation's details
  if (org.role === 'learner') return <Navigate to={routes.myRoadmap(org.slug)} replace />;
  return (
    <Suspense fallback={<Spinner className="mx-auto size-6 text-brand-700" />}>
      <OrgOverviewPage />
    </Suspense>
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

/** `/o/:slug/hires`: every hire's readiness for the junior level, gaps, overdue skills, last activity. */
export function HiresPage() {
  return (
    <RequirePermission permission="cohorts.read">
      <HiresTable />
    </RequirePermission>
  );
}

function HiresTable() {
  const { t } = useTranslation();
  const { term } = useTerms();
  useDocumentTitle(term('hires.title'));
  const trpc = useTRPC();
  const { slug } = useOrg();
  const [params, setParams] = useSearchParams();
  const sort = sortFromParam<HireSort>(params.get('sort'), HIRE_SORTS, 'readiness');
  const desc = params.get('dir') === 'desc';
  const page = pageFromParam(params.get('page'));
  const [search, setSearch] = useState(params.get('q') ?? '');
  const debounced = useDebounced(search.trim());
  const searchId = useId();
  const set = (patch: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  // the search goes into the address (back to page 1) once the typing pauses
  useEffect(() => {
    if (debounced === (params.get('q') ?? '')) return;
    set({ q: debounced || null, page: null });
  }, [debounced]);

  const hires = useQuery({
    ...trpc.readiness.hires.queryOptions({
      orgSlug: slug,
      page,
      pageSize: PAGE_SIZE,
      sort,
      direction: desc ? 'desc' : 'asc',
      ...(debounced ? { search: debounced } : {}),
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card data-testid="hires-page">
      <CardHeader className="px-4 sm:px-6">
        <CardTitle>{term('hires.title')}</CardTitle>
        <CardDescription>{term('hires.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 px-4 sm:px-6">
        <div className="max-w-sm">
          <label htmlFor={searchId} className="sr-only">
            {term('hires.search')}
          </label>
          <Input
            id={searchId}
            type="search"
            name="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={term('hires.search')}
            className="h-11"
            data-testid="hires-search"
          />
        </div>
        <QueryState
          isPending={hires.isPending}
          error={hires.error}
          onRetry={() => hires.refetch()}
          errorTitle={term('hires.loadError')}
        >
          {hires.data && hires.data.total === 0 ? (
            <StateMessage
              kind="empty"
              title={debounced ? term('hires.noMatches') : term('hires.empty')}
              body={debounced ? undefined : term('hires.emptyBody')}
              data-testid="hires-empty"
            />
          ) : hires.data ? (
            <div className="overflow-hidden rounded-lg border border-slate-200">
              <HiresGrid
                data={hires.data}
                sort={sort}
                desc={desc}
                onSort={(s, d) => set({ sort: s, dir: d ? 'desc' : null, page: null })}
                page={page}
                onPageChange={(p) => set({ page: p > 1 ? String(p) : null })}
                loadingPage={hires.isPlaceholderData}
              />
            </div>
          ) : null}
        </QueryState>
        <p className="text-xs text-slate-500">{t('hires.readinessHint')}</p>
      </CardContent>
    </Card>
  );
}

function HiresGrid({
  data,
  sort,
  desc,
  onSort,
  page,
  onPageChange,
  loadingPage,
}: {
  data: Hires;
  sort: HireSort;
  desc: boolean;
  onSort: (sort: HireSort, desc: boolean) => void;
  page: number;
  onPageChange: (page: number) => void;
  loadingPage: boolean;
}) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const f = useChartFormat();
  const fmt = useFormat();
  const { slug, org } = useOrg();

  const columns = useMemo(
    () => [
      col.accessor('name', {
        id: 'name',
        header: () => t('fields.name'),
        meta: { className: 'min-w-24' },
        cell: (info) => {
          const h = info.row.original;
          return (
            <span className="flex min-w-0 flex-col gap-0.5">
              <Link
                to={routes.readiness(slug, h.cohortId, h.learnerId)}
                className="font-medium break-words text-brand-800 hover:underline"
                data-testid="hire-link"
              >
                {info.getValue()}
              </Link>
              <span className="text-xs text-slate-500 md:hidden" dir="auto">
                {h.cohortName}
              </span>
            </span>
          );
        },
      }),
      col.accessor('cohortName', {
        id: 'cohort',
        header: () => term('hires.columns.cohort'),
        meta: { className: 'hidden md:table-cell' },
        cell: (info) => <span dir="auto">{info.getValue()}</span>,
      }),
      col.accessor('readiness', {
        id: 'readiness',
        header: () => t('hires.columns.readiness'),
        cell: (info) => {
          const h = info.row.original;
          return (
            <span className="flex min-w-16 flex-col gap-1">
              <span className="text-sm font-semibold tabular-nums text-slate-900">{f.percent(h.readiness)}</span>
              <span
                className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset"
                aria-hidden
              >
                <span className="block h-full rounded-full bg-brand-600" style={{ width: `${h.readiness * 100}%` }} />
              </span>
              <span className="text-xs whitespace-nowrap text-slate-500">
                {t('hires.verifiedOf', { done: h.juniorVerified, total: h.juniorTotal })}
              </span>
            </span>
          );
        },
      }),
      col.accessor('gaps', {
        id: 'gaps',
        header: () => t('hires.columns.gaps'),
        meta: { className: 'hidden sm:table-cell text-end tabular-nums' },
        cell: (info) => fmt.number(info.getValue()),
      }),
      col.accessor('overdue', {
        id: 'overdue',
        header: () => t('hires.columns.overdue'),
        meta: { className: 'text-end tabular-nums' },
        cell: (info) => (
          <span
            className={info.getValue() > 0 ? 'font-semibold text-red-800' : 'text-slate-600'}
            data-testid="hire-overdue"
          >
            {fmt.number(info.getValue())}
          </span>
        ),
      }),
      col.accessor('lastActivity', {
        id: 'lastActivity',
        header: () => t('hires.columns.lastActivity'),
        meta: { className: 'hidden sm:table-cell' },
        cell: (info) => {
          const v = info.getValue();
          return <span className="whitespace-nowrap">{v ? fmt.date(v, org.timeZone) : t('hires.never')}</span>;
        },
      }),
    ],
    [t, term, f, fmt, slug, org.timeZone],
  );

  const sorting: SortingState = [{ id: sort, desc }];
  const table = useReactTable({
    data: data.items,
    columns,
    getRowId: (r) => `${r.cohortId}:${r.learnerId}`,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    rowCount: data.total,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize: PAGE_SIZE } },
  });

  return (
    <div
      data-testid="hires-table"
      data-total={data.total}
      aria-busy={loadingPage || undefined}
      data-loading={loadingPage ? 'true' : undefined}
    >
      <Table className={loadingPage ? 'opacity-60 transition-opacity' : 'transition-opacity'}>
        <caption className="sr-only">{term('hires.title')}</caption>
        <THead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const meta = header.column.columnDef.meta as { className?: string } | undefined;
                const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
                return (
                  <TH
                    key={header.id}
                    scope="col"
                    className={cn('whitespace-nowrap px-2 py-0 sm:px-4', meta?.className)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    <button
                      type="button"
                      className={cn(
                        'inline-flex min-h-11 items-center gap-1 rounded-sm uppercase tracking-wide hover:text-slate-900',
                        sorted ? 'text-slate-900' : undefined,
                      )}
                      onClick={() => onSort(header.column.id as HireSort, descAfterClick(sorted))}
                      data-testid={`hires-sort-${header.column.id}`}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <Icon className={cn('size-3.5', sorted ? 'opacity-100' : 'opacity-50')} aria-hidden />
                    </button>
                  </TH>
                );
              })}
            </tr>
          ))}
        </THead>
        <TBody>
          {table.getRowModel().rows.map((row) => (
            <TR
              key={row.id}
              data-testid="hire-row"
              data-name={row.original.name}
              data-readiness={round3(row.original.readiness)}
              data-overdue={row.original.overdue}
              data-gaps={row.original.gaps}
            >
              {row.getVisibleCells().map((cell) => (
                <TD
                  key={cell.id}
                  className={cn(
                    'px-2 sm:px-4',
                    (cell.column.columnDef.meta as { className?: string } | undefined)?.className,
                  )}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
      <Pagination
        page={page}
        pageCount={table.getPageCount()}
        total={data.total}
        onPageChange={onPageChange}
        testId="hires-pagination"
      />
    </div>
  );
}
