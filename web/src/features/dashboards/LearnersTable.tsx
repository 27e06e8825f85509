import { COHORT_LEARNER_SORTS, type CohortLearnerSort } from '@masar/shared';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/charts/StatusBadge';
import { round3, useChartFormat } from '../../components/charts/theme';
import { Pagination } from '../../components/Pagination';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { descAfterClick, sortFromTable } from '../../lib/table-state';
import { useTerms } from '../../lib/terms';
import { cn } from '../../lib/utils';
import type { RouterOutputs } from '../../trpc';

export type CohortLearners = RouterOutputs['dashboards']['cohortLearners'];
export type LearnerRow = CohortLearners['items'][number];
export const SORT_KEYS = COHORT_LEARNER_SORTS;
export type SortKey = CohortLearnerSort;

const col = createColumnHelper<LearnerRow>();

/**
 * The cohort's learners, one server page at a time: the server sorts (`sort`/`desc`), filters and
 * pages; TanStack Table renders the columns and the sort state (`manualSorting`, `manualPagination`).
 */
export function LearnersTable({
  data,
  cohortId,
  sort,
  desc,
  onSort,
  page,
  pageSize,
  onPageChange,
  loadingPage,
}: {
  data: CohortLearners;
  cohortId: string;
  sort: SortKey;
  desc: boolean;
  onSort: (sort: SortKey, desc: boolean) => void;
  page: number;
  pageSize: number;
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
        cell: (info) => (
          <span className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
            <Link
              to={routes.learner(slug, cohortId, info.row.original.learnerId)}
              className="whitespace-nowrap font-medium text-brand-800 hover:underline"
              data-testid="learner-link"
            >
              {info.getValue()}
            </Link>
            <Link
              to={routes.readiness(slug, cohortId, info.row.original.learnerId)}
              className="whitespace-nowrap text-xs text-slate-600 hover:text-brand-800 hover:underline"
              data-testid="readiness-link"
            >
              {t('readiness.link')}
              <span className="sr-only"> ({info.getValue()})</span>
            </Link>
            <span className="w-full text-xs text-slate-500 tabular-nums sm:hidden">
              {term('dashboards.cohort.columns.coverage')}: {f.percent(info.row.original.coverage)}
            </span>
          </span>
        ),
      }),
      col.accessor('coverage', {
        id: 'coverage',
        header: () => term('dashboards.cohort.columns.coverage'),
        meta: { className: 'hidden sm:table-cell text-end tabular-nums' },
        cell: (info) => f.percent(info.getValue()),
      }),
      col.accessor('expected', {
        id: 'expected',
        header: () => term('dashboards.cohort.columns.expected'),
        meta: { className: 'hidden md:table-cell text-end tabular-nums' },
        cell: (info) => f.percent(info.getValue()),
      }),
      col.accessor('difference', {
        id: 'difference',
        header: () => term('dashboards.cohort.columns.difference'),
        meta: { className: 'hidden sm:table-cell text-end tabular-nums' },
        cell: (info) => {
          const d = info.getValue();
          return (
            <span
              className={cn(
                'whitespace-nowrap font-medium',
                d < -0.005 ? 'text-red-800' : d > 0.005 ? 'text-emerald-800' : 'text-slate-700',
              )}
            >
              {f.points(d)}
            </span>
          );
        },
      }),
      col.accessor('status', {
        id: 'status',
        header: () => term('dashboards.cohort.columns.status'),
        cell: (info) => (
          <span title={t(`dashboards.reasonShort.${info.row.original.statusReason}`)}>
            <StatusBadge
              status={info.getValue()}
              overdue={info.row.original.statusReason === 'overdue' ? info.row.original.overdue : undefined}
            />
            <span className="sr-only"> — {t(`dashboards.reasonShort.${info.row.original.statusReason}`)}</span>
          </span>
        ),
      }),
      col.accessor('overdue', {
        id: 'overdue',
        header: () => term('dashboards.cohort.columns.overdue'),
        meta: { className: 'hidden md:table-cell text-end tabular-nums' },
        cell: (info) => (
          <span className={info.getValue() > 0 ? 'font-medium text-red-800' : undefined}>
            {fmt.number(info.getValue())}
          </span>
        ),
      }),
      col.accessor('openSubmissions', {
        id: 'open',
        header: () => term('dashboards.cohort.columns.open'),
        meta: { className: 'hidden lg:table-cell text-end tabular-nums' },
        cell: (info) => fmt.number(info.getValue()),
      }),
      col.accessor('lastActivity', {
        id: 'lastActivity',
        header: () => term('dashboards.cohort.columns.lastActivity'),
        meta: { className: 'hidden lg:table-cell' },
        cell: (info) => {
          const v = info.getValue();
          return (
            <span className="whitespace-nowrap">{v ? fmt.date(v, org.timeZone) : term('dashboards.cohort.never')}</span>
          );
        },
      }),
    ],
    [t, term, f, fmt, slug, cohortId, org.timeZone],
  );

  const sorting: SortingState = [{ id: sort, desc }];
  const table = useReactTable({
    data: data.items,
    columns,
    getRowId: (r) => r.learnerId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    rowCount: data.total,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize } },
    onSortingChange: (updater) => {
      const next = sortFromTable(typeof updater === 'function' ? updater(sorting) : updater, SORT_KEYS);
      if (next) onSort(next.sort, next.desc);
    },
  });

  return (
    <div
      data-testid="dashboard-learners"
      data-total={data.total}
      aria-busy={loadingPage || undefined}
      data-loading={loadingPage ? 'true' : undefined}
    >
      <Table className={loadingPage ? 'opacity-60 transition-opacity' : 'transition-opacity'}>
        <caption className="sr-only">{term('dashboards.cohort.tableCaption')}</caption>
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
                        // a 44 px touch target
                        'inline-flex min-h-11 items-center gap-1 rounded-sm uppercase tracking-wide hover:text-slate-900',
                        sorted ? 'text-slate-900' : undefined,
                      )}
                      onClick={() => onSort(header.column.id as SortKey, descAfterClick(sorted))}
                      data-testid={`sort-${header.column.id}`}
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
              data-testid="dashboard-learner-row"
              data-name={row.original.name}
              data-status={row.original.status}
              data-coverage={round3(row.original.coverage)}
              data-expected={round3(row.original.expected)}
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
        testId="dashboard-learners-pagination"
      />
    </div>
  );
}
