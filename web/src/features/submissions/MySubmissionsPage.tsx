import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Plus } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { clampPage } from '../../lib/table-state';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { AnalysisStatusBadge, RepoName, SubmissionStatusBadge, useSubmissionTitle } from './common';

type Row = RouterOutputs['submissions']['mine']['items'][number];
const PAGE_SIZE = 20;
const col = createColumnHelper<Row>();

export function SubmitProjectButton({ size = 'md' }: { size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  const { slug } = useOrg();
  return (
    <Button asChild size={size}>
      <Link to={routes.submit(slug)} data-testid="submit-project-link">
        <Plus className="size-4" aria-hidden />
        {t('submissions.submitButton')}
      </Link>
    </Button>
  );
}

export function MySubmissionsPage() {
  return (
    <RequirePermission permission="progress.self">
      <MySubmissions />
    </RequirePermission>
  );
}

function MySubmissions() {
  const { t } = useTranslation();
  useDocumentTitle(t('submissions.title'));
  const trpc = useTRPC();
  const fmt = useFormat();
  const { org, slug } = useOrg();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.submissions.mine.queryOptions({ orgSlug: slug, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    // while an analysis runs, its status column follows it
    refetchInterval: (q) =>
      q.state.data?.items.some((i) => i.analysisStatus === 'queued' || i.analysisStatus === 'running') ? 3000 : false,
  });
  const total = list.data?.total ?? 0;
  useEffect(() => {
    if (list.data && page > 1 && list.data.items.length === 0) setPage(clampPage(page, total, PAGE_SIZE));
  }, [list.data, page, total]);

  const title = useSubmissionTitle();
  const columns = useMemo(
    () => [
      col.accessor('title', {
        header: () => t('submissions.columns.title'),
        cell: (info) => (
          <Link
            to={routes.submission(slug, info.row.original.id)}
            className="font-medium text-brand-700 hover:underline"
            dir="auto"
            data-testid="submission-link"
          >
            {title(info.row.original)}
          </Link>
        ),
      }),
      col.display({
        id: 'repo',
        header: () => t('submissions.columns.repo'),
        cell: (info) => <RepoName owner={info.row.original.repoOwner} repo={info.row.original.repoName} />,
      }),
      col.accessor('status', {
        header: () => t('submissions.columns.status'),
        cell: (info) => (
          <span className="inline-flex flex-wrap items-center gap-1">
            <SubmissionStatusBadge status={info.getValue()} />
            {info.row.original.changedSinceApproval ? (
              <Badge tone="warning" className="whitespace-nowrap">
                {t('submissions.changedBadge')}
              </Badge>
            ) : null}
          </span>
        ),
      }),
      col.accessor('currentRevision', {
        header: () => t('submissions.columns.revision'),
        meta: { className: 'text-center' },
        cell: (info) => fmt.number(info.getValue()),
      }),
      col.accessor('analysisStatus', {
        header: () => t('submissions.columns.analysis'),
        cell: (info) => <AnalysisStatusBadge status={info.getValue()} />,
      }),
      col.accessor('submittedAt', {
        header: () => t('submissions.columns.submitted'),
        cell: (info) => <span className="whitespace-nowrap">{fmt.date(info.getValue(), org.timeZone)}</span>,
      }),
    ],
    [t, fmt, title, slug, org.timeZone],
  );

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3 pb-4">
        <div className="flex flex-col gap-1">
          <CardTitle>{t('submissions.title')}</CardTitle>
          <CardDescription>{t('submissions.description')}</CardDescription>
        </div>
        <SubmitProjectButton />
      </CardHeader>
      <div className="px-6 pb-6">
        <QueryState
          isPending={list.isPending}
          error={list.error}
          onRetry={() => list.refetch()}
          errorTitle={t('submissions.loadError')}
        >
          {list.data && list.data.total === 0 ? (
            <StateMessage
              kind="empty"
              title={t('submissions.empty')}
              body={t('submissions.emptyBody')}
              data-testid="submissions-empty"
              action={<SubmitProjectButton />}
            />
          ) : list.data ? (
            <div className="overflow-hidden rounded-lg border border-slate-200">
              <DataTable
                testId="submissions-table"
                data={list.data.items}
                loadingPage={list.isPlaceholderData}
                columns={columns}
                total={list.data.total}
                page={page}
                pageSize={PAGE_SIZE}
                onPageChange={setPage}
                getRowId={(r) => r.id}
                rowProps={(row) => ({
                  'data-testid': 'submission-row',
                  'data-title': row.original.title,
                  'data-status': row.original.status,
                })}
              />
            </div>
          ) : null}
        </QueryState>
      </div>
    </Card>
  );
}
