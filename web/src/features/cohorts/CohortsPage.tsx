import { zodResolver } from '@hookform/resolvers/zod';
import { createCohortInput, todayIn } from '@masar/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Plus, Search } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PagedTable } from '../../components/DataTable';
import { DateField } from '../../components/DatePicker';
import { FormError, SelectField, TextField } from '../../components/FormField';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { clampPage } from '../../lib/table-state';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { NoMentorWarning, useGettingStarted } from '../org/GettingStarted';

type CohortRow = RouterOutputs['cohorts']['list']['items'][number];
const PAGE_SIZE = 20;

export function CohortsPage() {
  return (
    <RequirePermission permission="cohorts.read">
      <Cohorts />
    </RequirePermission>
  );
}

function Cohorts() {
  const { term } = useTerms();
  useDocumentTitle(term('cohorts.title'));
  const { can } = useOrg();
  return (
    <div className="flex flex-col gap-6">
      {can('cohorts.manage') ? <CohortsNoMentorWarning /> : null}
      {can('cohorts.manage') ? <NewCohortCard /> : null}
      <CohortList />
    </div>
  );
}

function CohortsNoMentorWarning() {
  const progress = useGettingStarted();
  return <NoMentorWarning progress={progress.data} />;
}

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

/** The org's roadmaps by id, with their titles in the current language. */
export function useRoadmapTitles() {
  const trpc = useTRPC();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const list = useQuery(trpc.roadmaps.list.queryOptions({ orgSlug: slug }));
  const titles = useMemo(
    () => new Map((list.data ?? []).map((r) => [r.id, text('roadmap', r).title])),
    [list.data, text],
  );
  return { list, titles };
}

function NewCohortCard() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { org, slug } = useOrg();
  const { list: roadmaps, titles } = useRoadmapTitles();
  const [formError, setFormError] = useState<string | null>(null);
  const available = (roadmaps.data ?? []).filter((r) => !r.archivedAt);
  const fmt = useFormat();
  const today = todayIn(org.timeZone);
  // a name to start from ("Cohort of December 2026"): creating the first cohort is one click
  const defaultName = term('cohorts.defaultName', {
    month: new Intl.DateTimeFormat(fmt.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${today}T00:00:00Z`),
    ),
  });
  const form = useForm({
    resolver: zodResolver(createCohortInput),
    defaultValues: { name: defaultName, roadmapId: '', startDate: today, endDate: null as string | null },
  });
  const create = useMutation(trpc.cohorts.create.mutationOptions());
  const {
    register,
    formState: { errors },
  } = form;
  const firstRoadmap = available[0]?.id;
  useEffect(() => {
    if (firstRoadmap && !form.getValues('roadmapId')) form.setValue('roadmapId', firstRoadmap);
  }, [firstRoadmap, form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const cohort = await create.mutateAsync({ orgSlug: slug, ...values, endDate: values.endDate || null });
      await queryClient.invalidateQueries(trpc.cohorts.pathFilter());
      await navigate(routes.cohort(slug, cohort.id));
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{term('cohorts.newTitle')}</CardTitle>
        <CardDescription>{term('cohorts.newDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <FormError message={formError} />
        {roadmaps.error ? (
          <Alert tone="error">{t('roadmaps.loadError')}</Alert>
        ) : roadmaps.data && available.length === 0 ? (
          <Alert tone="info">{term('cohorts.noRoadmaps')}</Alert>
        ) : null}
        <form
          onSubmit={onSubmit}
          noValidate
          className="grid items-start gap-4 md:grid-cols-2 lg:grid-cols-[1.5fr_1.5fr_1fr_1fr_auto]"
          data-testid="create-cohort-form"
        >
          <TextField label={t('fields.name')} error={errors.name?.message} {...register('name')} />
          <SelectField
            label={term('cohorts.roadmap')}
            error={errors.roadmapId?.message}
            disabled={roadmaps.isPending}
            {...register('roadmapId')}
          >
            {roadmaps.isPending ? <option value="">{t('common.loading')}</option> : null}
            {available.map((r) => (
              <option key={r.id} value={r.id}>
                {titles.get(r.id)}
              </option>
            ))}
          </SelectField>
          <DateField
            control={form.control}
            name="startDate"
            label={term('cohorts.startDate')}
            error={errors.startDate?.message}
          />
          <DateField
            control={form.control}
            name="endDate"
            nullable
            label={term('cohorts.endDateOptional')}
            error={errors.endDate?.message}
          />
          <Button type="submit" pending={create.isPending} className="lg:mt-6.5" data-testid="create-cohort-submit">
            <Plus className="size-4" aria-hidden />
            {term('cohorts.create')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function CohortList() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const fmt = useFormat();
  const { slug } = useOrg();
  const { titles } = useRoadmapTitles();
  const searchId = useId();
  const archivedId = useId();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [archived, setArchived] = useState(false);
  const debounced = useDebounced(search.trim());
  useEffect(() => {
    setPage(1);
  }, [debounced, archived]);
  const list = useQuery({
    ...trpc.cohorts.list.queryOptions({
      orgSlug: slug,
      page,
      pageSize: PAGE_SIZE,
      archived,
      ...(debounced ? { search: debounced } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  useEffect(() => {
    if (list.data && page > 1 && list.data.items.length === 0) setPage(clampPage(page, total, PAGE_SIZE));
  }, [list.data, page, total]);

  const columns = useMemo(() => {
    const col = createColumnHelper<CohortRow>();
    return [
      col.accessor('name', {
        header: () => t('fields.name'),
        cell: (info) => (
          <Link
            to={routes.cohort(slug, info.row.original.id)}
            className="font-medium text-brand-800 hover:underline"
            data-testid="cohort-link"
          >
            {info.getValue()}
          </Link>
        ),
      }),
      col.accessor('roadmapTitle', {
        header: () => term('cohorts.roadmap'),
        cell: (info) => titles.get(info.row.original.roadmapId) ?? info.getValue(),
      }),
      col.accessor('startDate', {
        header: () => term('cohorts.startDate'),
        cell: (info) => <span className="whitespace-nowrap">{fmt.day(info.getValue())}</span>,
      }),
      col.accessor('endDate', {
        header: () => term('cohorts.endDate'),
        cell: (info) => <span className="whitespace-nowrap">{info.getValue() ? fmt.day(info.getValue()) : '—'}</span>,
      }),
      col.accessor('learnerCount', {
        header: () => term('cohorts.learners'),
        meta: { className: 'text-end tabular-nums' },
        cell: (info) => fmt.number(info.getValue()),
      }),
      col.accessor('mentorCount', {
        header: () => term('cohort.mentors'),
        meta: { className: 'text-end tabular-nums' },
        cell: (info) =>
          info.getValue() === 0 ? (
            <Badge tone="warning" data-testid="cohort-no-mentor">
              {term('cohorts.noMentor')}
            </Badge>
          ) : (
            fmt.number(info.getValue())
          ),
      }),
      col.display({
        id: 'dashboard',
        header: () => <span className="sr-only">{t('dashboards.links.dashboard')}</span>,
        meta: { className: 'text-end' },
        cell: (info) => (
          <Link
            to={routes.cohortDashboard(slug, info.row.original.id)}
            className="whitespace-nowrap text-sm text-brand-800 hover:underline"
            aria-label={t('dashboards.links.dashboardOf', { name: info.row.original.name })}
            data-testid="cohort-dashboard-link"
          >
            {t('dashboards.links.dashboard')}
          </Link>
        ),
      }),
    ];
  }, [t, term, fmt, slug, titles]);

  return (
    <Card>
      <CardHeader className="pb-4">
        <CardTitle>{term('cohorts.title')}</CardTitle>
        <CardDescription>{term('cohorts.description')}</CardDescription>
      </CardHeader>
      <div className="flex flex-wrap items-center gap-4 px-6 pb-4">
        <div className="relative w-full max-w-sm">
          <label htmlFor={searchId} className="sr-only">
            {term('cohorts.search')}
          </label>
          <Search
            className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
            aria-hidden
          />
          <Input
            id={searchId}
            type="search"
            name="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={term('cohorts.search')}
            className="ps-9"
            data-testid="cohort-search"
          />
        </div>
        <label htmlFor={archivedId} className="flex items-center gap-2 text-sm text-slate-700">
          <input
            id={archivedId}
            type="checkbox"
            className="size-4 accent-brand-700"
            checked={archived}
            onChange={(e) => setArchived(e.target.checked)}
            data-testid="cohorts-archived-toggle"
          />
          {term('cohorts.showArchived')}
        </label>
      </div>
      <div className="px-6 pb-6">
        <PagedTable
          query={list}
          errorTitle={term('cohorts.loadError')}
          empty={
            <StateMessage
              kind="empty"
              title={
                debounced ? term('cohorts.noMatches') : archived ? term('cohorts.noArchived') : term('cohorts.empty')
              }
              body={debounced || archived ? undefined : term('cohorts.emptyBody')}
              data-testid="cohorts-empty"
            />
          }
          testId="cohorts-table"
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPageChange={setPage}
          getRowId={(c) => c.id}
          rowProps={(row) => ({
            'data-testid': 'cohort-row',
            'data-name': row.original.name,
            'data-id': row.original.id,
          })}
        />
        {archived ? (
          <p className="mt-3 text-xs text-slate-500">
            <Badge className="me-1.5">{t('common.archived')}</Badge>
            {term('cohorts.archivedHint')}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
