import { zodResolver } from '@hookform/resolvers/zod';
import { monthsSinceStart, todayIn, zId, zIsoDate, zTitle } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Archive, ArrowLeft, ChartLine, RotateCcw } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { DateField } from '../../components/DatePicker';
import { ExportLinks } from '../../components/ExportLinks';
import { TextField } from '../../components/FormField';
import { NotFoundState } from '../../components/NotFoundState';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { isolate, useFormat } from '../../lib/format';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorData, useTRPC } from '../../trpc';
import { AssignmentsCard } from './CohortAssignments';
import { MembersCard } from './CohortMembers';
import type { CohortData } from './cohortData';

export function CohortPage() {
  return (
    <RequirePermission permission="cohorts.read">
      <CohortLoader />
    </RequirePermission>
  );
}

function CohortNotFound() {
  const { term } = useTerms();
  const { slug } = useOrg();
  return (
    <NotFoundState
      title={term('cohort.notFoundTitle')}
      body={term('cohort.notFoundBody')}
      back={{ to: routes.cohorts(slug), label: term('cohort.backToList') }}
      testId="cohort-not-found"
    />
  );
}

function CohortLoader() {
  const { term } = useTerms();
  const { cohortId = '' } = useParams();
  const valid = zId.safeParse(cohortId).success;
  const trpc = useTRPC();
  const { slug } = useOrg();
  const cohort = useQuery({ ...trpc.cohorts.get.queryOptions({ orgSlug: slug, cohortId }), enabled: valid });
  if (!valid || (cohort.error && errorData(cohort.error)?.code === 'NOT_FOUND')) return <CohortNotFound />;
  return (
    <QueryState
      isPending={cohort.isPending}
      error={cohort.error}
      onRetry={() => cohort.refetch()}
      errorTitle={term('cohort.loadError')}
    >
      {cohort.data ? <CohortView data={cohort.data} /> : null}
    </QueryState>
  );
}

function CohortView({ data }: { data: CohortData }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { org, slug, can } = useOrg();
  useDocumentTitle(data.cohort.name);
  const manage = can('cohorts.manage');
  const months = monthsSinceStart(data.cohort.startDate, todayIn(org.timeZone));
  const learners = data.members.filter((m) => m.role === 'learner').length;
  const mentors = data.members.length - learners;
  const details: [string, ReactNode, string][] = [
    [
      term('cohorts.roadmap'),
      <Link
        key="roadmap"
        to={routes.roadmap(slug, data.roadmap.id)}
        className="text-brand-800 hover:underline"
        data-testid="cohort-roadmap"
      >
        {text('roadmap', data.roadmap).title}
      </Link>,
      'cohort-detail-roadmap',
    ],
    [term('cohorts.startDate'), fmt.day(data.cohort.startDate), 'cohort-detail-start'],
    [term('cohorts.endDate'), data.cohort.endDate ? fmt.day(data.cohort.endDate) : '—', 'cohort-detail-end'],
    [
      term('cohort.timeline'),
      months < 0
        ? term('cohort.notStarted')
        : term('cohort.monthOf', { month: fmt.number(Math.floor(months)), total: fmt.number(36) }),
      'cohort-detail-month',
    ],
    [term('cohorts.learners'), fmt.number(learners), 'cohort-detail-learners'],
    [term('cohort.mentors'), fmt.number(mentors), 'cohort-detail-mentors'],
  ];
  return (
    <div className="flex flex-col gap-6" data-testid="cohort-page" data-id={data.cohort.id}>
      <Card>
        <CardHeader>
          <Link
            to={routes.cohorts(slug)}
            className="mb-1 inline-flex w-fit items-center gap-1 text-sm text-brand-700 hover:underline"
          >
            <ArrowLeft className="size-4 rtl:rotate-180" aria-hidden />
            {term('cohort.backToList')}
          </Link>
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-xl font-semibold text-slate-900" data-testid="cohort-name">
              {data.cohort.name}
            </h2>
            {data.cohort.archivedAt ? (
              <Badge tone="warning" data-testid="cohort-archived">
                {t('common.archived')}
              </Badge>
            ) : null}
            <Button asChild variant="secondary" size="sm" className="ms-auto">
              <Link to={routes.cohortDashboard(slug, data.cohort.id)} data-testid="cohort-dashboard-link">
                <ChartLine className="size-4" aria-hidden />
                {t('dashboards.links.dashboard')}
              </Link>
            </Button>
          </div>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-x-8 gap-y-4 text-sm md:grid-cols-3">
            {details.map(([label, value, testId]) => (
              <div key={testId}>
                <dt className="text-slate-500">{label}</dt>
                <dd className="mt-0.5 font-medium text-slate-900" data-testid={testId}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-5 border-t border-slate-100 pt-4">
            <ExportLinks cohortId={data.cohort.id} />
          </div>
        </CardContent>
      </Card>
      {manage && mentors === 0 && !data.cohort.archivedAt ? (
        <Alert tone="warning" data-testid="cohort-no-mentor-warning">
          <p className="font-medium">{term('cohort.noMentorTitle')}</p>
          <p>
            {term('cohort.noMentorBody')}{' '}
            <a href="#members" className="font-medium underline">
              {term('cohort.noMentorAction')}
            </a>
          </p>
        </Alert>
      ) : null}
      <MembersCard data={data} />
      <AssignmentsCard data={data} />
      {manage ? <SettingsCard data={data} /> : null}
    </div>
  );
}

const settingsForm = z
  .object({ name: zTitle, startDate: zIsoDate, endDate: zIsoDate.nullable() })
  .refine((c) => !c.endDate || c.endDate > c.startDate, { message: 'errors.date.endBeforeStart', path: ['endDate'] });

function SettingsCard({ data }: { data: CohortData }) {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useOrg();
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const { cohort } = data;
  const form = useForm({
    resolver: zodResolver(settingsForm),
    values: { name: cohort.name, startDate: cohort.startDate, endDate: cohort.endDate },
  });
  const update = useMutation(trpc.cohorts.update.mutationOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
    ]);
  const archive = useMutation(
    trpc.cohorts.update.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: (_d, vars) => {
        setNotice({
          tone: 'success',
          text: vars.archived ? term('cohort.archivedNotice') : term('cohort.restoredNotice'),
        });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  const {
    register,
    formState: { errors, isDirty },
  } = form;
  const onSubmit = form.handleSubmit(async (values) => {
    setNotice(null);
    try {
      await update.mutateAsync({ orgSlug: slug, cohortId: cohort.id, ...values });
      setNotice({ tone: 'success', text: term('cohort.saved') });
      await refresh();
    } catch (err) {
      const message = applyServerErrors(form, err);
      if (message) setNotice({ tone: 'error', text: message });
    }
  });
  const archived = Boolean(cohort.archivedAt);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{term('cohort.settingsTitle')}</CardTitle>
        <CardDescription>{term('cohort.settingsDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {notice ? (
          <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'settings-error' : 'settings-notice'}>
            {notice.text}
          </Alert>
        ) : null}
        <form
          onSubmit={onSubmit}
          noValidate
          className="grid items-start gap-4 md:grid-cols-[2fr_1fr_1fr_auto]"
          data-testid="cohort-settings-form"
        >
          <TextField label={t('fields.name')} error={errors.name?.message} {...register('name')} />
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
          <Button type="submit" pending={update.isPending} disabled={!isDirty} className="md:mt-6.5">
            {t('common.save')}
          </Button>
        </form>
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <p className="text-sm text-slate-600">{archived ? term('cohort.restoreHelp') : term('cohort.archiveHelp')}</p>
          {archived ? (
            <ConfirmDialog
              trigger={
                <Button variant="secondary" pending={archive.isPending} data-testid="restore-cohort">
                  <RotateCcw className="size-4" aria-hidden />
                  {term('cohort.restore')}
                </Button>
              }
              title={term('cohort.restoreConfirmTitle', { name: isolate(cohort.name) })}
              description={term('cohort.restoreConfirmBody')}
              confirmLabel={term('cohort.restore')}
              onConfirm={() => archive.mutate({ orgSlug: slug, cohortId: cohort.id, archived: false })}
            />
          ) : (
            <ConfirmDialog
              trigger={
                <Button
                  variant="secondary"
                  className="text-red-700 hover:bg-red-50"
                  pending={archive.isPending}
                  data-testid="archive-cohort"
                >
                  <Archive className="size-4" aria-hidden />
                  {term('cohort.archive')}
                </Button>
              }
              title={term('cohort.archiveConfirmTitle', { name: isolate(cohort.name) })}
              description={term('cohort.archiveConfirmBody')}
              confirmLabel={term('cohort.archive')}
              onConfirm={() => archive.mutate({ orgSlug: slug, cohortId: cohort.id, archived: true })}
            />
          )}
        </div>
      </CardContent>
    </Card>
  );
}
