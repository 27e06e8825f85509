import { type ColumnDef, flexRender, getCoreRowModel, type Row, useReactTable } from '@tanstack/react-table';
import type * as React from 'react';
import { Pagination } from './Pagination';
import { QueryState } from './QueryState';
import { Table, TBody, TD, TH, THead, TR } from './ui/table';

type DataTableProps<T> = Parameters<typeof DataTable<T>>[0];

/**
 * A paged query's rows as a DataTable in a bordered box, with the query's loading and error states;
 * `empty` instead when the query has no rows at all.
 */
export function PagedTable<T>({
  query,
  errorTitle,
  empty,
  ...table
}: {
  query: {
    data?: { items: T[]; total: number } | undefined;
    isPending: boolean;
    error: unknown;
    isPlaceholderData: boolean;
    refetch: () => unknown;
  };
  errorTitle: string;
  empty: React.ReactNode;
} & Omit<DataTableProps<T>, 'data' | 'total' | 'loadingPage'>) {
  return (
    <QueryState isPending={query.isPending} error={query.error} onRetry={() => query.refetch()} errorTitle={errorTitle}>
      {query.data && query.data.total === 0 ? (
        empty
      ) : query.data ? (
        <div className="overflow-hidden rounded-lg border border-slate-200">
          <DataTable
            data={query.data.items}
            loadingPage={query.isPlaceholderData}
            total={query.data.total}
            {...table}
          />
        </div>
      ) : null}
    </QueryState>
  );
}

/**
 * A TanStack table over one page of server data (`manualPagination`: the server pages, we show
 * `total` and the controls). `rowProps` adds attributes (test ids, data-*) to each row.
 */
export function DataTable<T>({
  data,
  columns,
  total,
  page,
  pageSize,
  onPageChange,
  rowProps,
  getRowId,
  testId,
  loadingPage = false,
}: {
  data: T[];
  // biome-ignore lint/suspicious/noExplicitAny: TanStack's column value types vary per column
  columns: ColumnDef<T, any>[];
  total: number;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  rowProps?: (row: Row<T>) => React.ComponentProps<'tr'> & Record<`data-${string}`, string>;
  getRowId: (row: T) => string;
  testId?: string;
  /** True while the rows shown are the previous page's, and the requested one is loading. */
  loadingPage?: boolean;
}) {
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    rowCount: total,
    state: { pagination: { pageIndex: page - 1, pageSize } },
    onPaginationChange: (updater) => {
      const next = typeof updater === 'function' ? updater({ pageIndex: page - 1, pageSize }) : updater;
      onPageChange(next.pageIndex + 1);
    },
  });
  return (
    <div data-testid={testId} aria-busy={loadingPage || undefined} data-loading={loadingPage ? 'true' : undefined}>
      <Table className={loadingPage ? 'opacity-60 transition-opacity' : 'transition-opacity'}>
        <THead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <TH key={header.id} className={(header.column.columnDef.meta as ColumnMeta | undefined)?.className}>
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </TH>
              ))}
            </tr>
          ))}
        </THead>
        <TBody>
          {table.getRowModel().rows.map((row) => (
            <TR key={row.id} {...rowProps?.(row)}>
              {row.getVisibleCells().map((cell) => (
                <TD key={cell.id} className={(cell.column.columnDef.meta as ColumnMeta | undefined)?.className}>
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
        total={total}
        onPageChange={(p) => table.setPageIndex(p - 1)}
        testId={testId ? `${testId}-pagination` : 'pagination'}
      />
    </div>
  );
}

export interface ColumnMeta {
  className?: string;
}
