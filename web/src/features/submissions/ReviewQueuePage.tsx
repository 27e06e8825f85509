import { zId } from '@masar/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Badge } from '../../components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { clampPage } from '../../lib/table-state';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { AnalysisStatusBadge, RepoName, SubmissionStatusBadge, useRelativeTime, useSubmissionTitle } from './common';

import { FilterSelect, QueueHealth } from './QueueParts';

type Row = RouterOutputs['submissions']['queue']['items'][number];
const PAGE_SIZE = 20;
const QUEUE_STATUSES = ['waiting', 'changes_requested', 'approved', 'all'] as const;
type QueueStatus = (typeof QUEUE_STATUSES)[number];
export const col = createColumnHelper<Row>();

export function ReviewQueuePage() {
  return (
    <RequirePermission permission="submissions.review">
      <ReviewQueue />
    </RequirePermission>
  );
}

function useFilters() {
  const [params, setParams] = useSearchParams();
  const cohortId = params.get('cohort') ?? '';
  const skillId = params.get('skill') ?? '';
  const rawStatus = params.get('status');
  const status: QueueStatus = QUEUE_STATUSES.includes(rawStatus as QueueStatus)
    ? (rawStatus as QueueStatus)
    : 'waiting';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const set = (patch: Partial<Record<'cohort' | 'skill' | 'status' | 'page', string>>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v && !(k === 'status' && v === 'waiting') && !(k === 'page' && v === '1')) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  return {
    cohortId: zId.safeParse(cohortId).success ? cohortId : '',
    skillId: zId.safeParse(skillId).success ? skillId : '',
    status,
    page,
    set,
  };
}

function ReviewQueue() {
  const { t } = useTranslation();
  useDocumentTitle(t('queue.title'));
  const trpc = useTRPC();
  const navigate = useNavigate();
  const fmt = useFormat();
  const ago = useRelativeTime();
  const title = useSubmissionTitle();
  const text = useRoadmapText();
  const { org, slug } = useOrg();
  const { cohortId, skillId, status, page, set } = useFilters();

  const cohorts = useQuery(trpc.cohorts.list.queryOptions({ orgSlug: slug, page: 1, pageSize: 100 }));
  const roadmapId = useMemo(() => {
    const items = cohorts.data?.items ?? [];
    if (cohortId) return items.find((c) => c.id === cohortId)?.roadmapId;
    const ids = [...new Set(items.map((c) => c.roadmapId))];
    return ids.length === 1 ? ids[0] : undefined;
  }, [cohorts.data, cohortId]);
  const roadmap = useQuery({
    ...trpc.roadmaps.get.queryOptions({ orgSlug: slug, roadmapId: roadmapId ?? '' }),
    enabled: Boolean(roadmapId),
  });
  const skillGroups = useMemo(() => {
    if (!roadmap.data) return [];
    const { stages, skills } = roadmap.data;
    const stageIds = new Set(stages.map((s) => s.id));
    const groups = stages.map((stage) => ({
      id: stage.id,
      title: text('stage', stage).title,
      skills: skills.filter((s) => s.stageId === stage.id),
    }));
    const loose = skills.filter((s) => !s.stageId || !stageIds.has(s.stageId));
    if (loose.length) groups.push({ id: 'other', title: t('submissions.submit.otherSkills'), skills: loose });
    return groups.filter((g) => g.skills.length > 0);
  }, [roadmap.data, text, t]);

  const queue = useQuery({
    ...trpc.submissions.queue.queryOptions({
      orgSlug: slug,
      page,
      pageSize: PAGE_SIZE,
      status,
      ...(cohortId ? { cohortId } : {}),
      ...(skillId ? { skillId } : {}),
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const health = useQuery({
    ...trpc.submissions.queueHealth.queryOptions({ orgSlug: slug, ...(cohortId ? { cohortId } : {}) }),
    refetchInterval: 60_000,
  });
  const total = queue.data?.total ?? 0;
  useEffect(() => {
    if (queue.data && page > 1 && queue.data.items.length === 0)
      set({ page: String(clampPage(page, total, PAGE_SIZE)) });
  }, [queue.data, page, total, set]);

  const columns = useMemo(
    () => [
      // on a phone: the title (with its learner and age under it) and the status; more columns as space allows
      col.accessor('learnerName', {
        header: () => t('queue.columns.learner'),
        meta: { className: 'hidden sm:table-cell' },
        cell: (info) => (
          <span className="font-medium whitespace-nowrap text-slate-900" dir="auto">
            {info.getValue()}
          </span>
        ),
      }),
      col.accessor('title', {
        header: () => t('queue.columns.title'),
        meta: { className: 'min-w-44' },
        cell: (info) => (
          <span className="flex flex-col gap-0.5">
            <Link
              to={routes.submission(slug, info.row.original.id)}
              className="font-medium break-words text-brand-700 hover:underline"
              dir="auto"
              onClick={(e) => e.stopPropagation()}
              data-testid="queue-link"
            >
              {title(info.row.original)}
            </Link>
            <span className="text-xs text-slate-500 sm:hidden">
              <bdi>{info.row.original.learnerName}</bdi> · {ago(info.row.original.submittedAt)}
            </span>
          </span>
        ),
      }),
      col.display({
        id: 'repo',
        header: () => t('queue.columns.repo'),
        meta: { className: 'hidden lg:table-cell' },
        cell: (info) => <RepoName owner={info.row.original.repoOwner} repo={info.row.original.repoName} />,
      }),
      col.accessor('cohortName', {
        header: () => t('queue.columns.cohort'),
        meta: { className: 'hidden md:table-cell' },
        cell: (info) => (
          <span className="whitespace-nowrap" dir="auto">
            {info.getValue()}
          </span>
        ),
      }),
      col.accessor('status', {
        header: () => t('queue.columns.status'),
        cell: (info) => (
          <span className="inline-flex flex-wrap items-center gap-1">
            <SubmissionStatusBadge status={info.getValue()} />
            {info.row.original.changedSinceApproval ? (
              <Badge tone="warning" className="whitespace-nowrap">
                {t('submissions.changedBadge')}
              </Badge>
            ) : null}
            {info.row.original.currentRevision > 1 ? (
              <span className="text-xs whitespace-nowrap text-slate-500">
                {t('submissions.page.revisionN', { n: fmt.number(info.row.original.currentRevision) })}
              </span>
            ) : null}
          </span>
        ),
      }),
      col.accessor('analysisStatus', {
        header: () => t('queue.columns.analysis'),
        meta: { className: 'hidden md:table-cell' },
        cell: (info) => <AnalysisStatusBadge status={info.getValue()} />,
      }),
      col.accessor('submittedAt', {
        header: () => t('queue.columns.age'),
        meta: { className: 'hidden sm:table-cell' },
        cell: (info) => (
          <time
            dateTime={new Date(info.getValue()).toISOString()}
            title={fmt.dateTime(info.getValue(), org.timeZone)}
            className="whitespace-nowrap"
          >
            {ago(info.getValue())}
          </time>
        ),
      }),
    ],
    [t, fmt, ago, title, slug, org.timeZone],
  );

  return (
    <div className="flex flex-col gap-6">
      <QueueHealth health={health.data} error={health.error} />
      <Card>
        <CardHeader className="pb-4">
          <CardTitle>{t('queue.title')}</CardTitle>
          <CardDescription>{t('queue.description')}</CardDescription>
        </CardHeader>
        <div className="grid gap-4 px-6 pb-4 sm:grid-cols-3" data-testid="queue-filters">
          <FilterSelect
            id="queue-cohort"
            label={t('queue.filters.cohort')}
            name="cohortId"
            value={cohortId}
            onChange={(v) => set({ cohort: v, skill: '' })}
          >
            <option value="">{t('queue.filters.allCohorts')}</option>
            {cohorts.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            id="queue-status"
            label={t('queue.filters.status')}
            name="status"
            value={status}
            onChange={(v) => set({ status: v })}
          >
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`queue.statuses.${s}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            id="queue-skill"
            label={t('queue.filters.skill')}
            name="skillId"
            value={skillId}
            disabled={!roadmapId}
            hint={!roadmapId && cohorts.data ? t('queue.filters.skillNeedsCohort') : undefined}
            onChange={(v) => set({ skill: v })}
          >
            <option value="">{t('queue.filters.allSkills')}</option>
            {skillGroups.map((g) => (
              <optgroup key={g.id} label={g.title}>
                {g.skills.map((s) => (
                  <option key={s.skillId} value={s.skillId}>
                    {text('skill', s).title}
                  </option>
                ))}
              </optgroup>
            ))}
          </FilterSelect>
        </div>
        <div className="px-6 pb-6">
          <QueryState
            isPending={queue.isPending}
            error={queue.error}
            onRetry={() => queue.refetch()}
            errorTitle={t('queue.loadError')}
          >
            {queue.data && queue.data.total === 0 ? (
              <StateMessage
                kind="empty"
                title={status === 'waiting' ? t('queue.empty') : t('queue.emptyFiltered')}
                body={status === 'waiting' ? t('queue.emptyBody') : undefined}
                data-testid="queue-empty"
              />
            ) : queue.data ? (
              <div className="overflow-hidden rounded-lg border border-slate-200">
                <DataTable
                  testId="queue-table"
                  data={queue.data.items}
                  loadingPage={queue.isPlaceholderData}
                  columns={columns}
                  total={queue.data.total}
                  page={page}
                  pageSize={PAGE_SIZE}
                  onPageChange={(p) => set({ page: String(p) })}
                  getRowId={(r) => r.id}
                  rowProps={(row) => ({
                    'data-testid': 'queue-row',
                    'data-title': row.original.title,
                    'data-status': row.original.status,
                    className: 'cursor-pointer',
                    onClick: () => void navigate(routes.submission(slug, row.original.id)),
                  })}
                />
              </div>
            ) : null}
          </QueryState>
        </div>
      </Card>
    </div>
  );
}
