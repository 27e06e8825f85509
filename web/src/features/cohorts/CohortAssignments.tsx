import { addMonthsToDate, isValidIsoDate } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarClock, ClipboardList, Pencil } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField, DatePicker } from '../../components/DatePicker';
import { Choice, ChoiceGroup, SelectField, TextareaField } from '../../components/FormField';
import { QueryState } from '../../components/QueryState';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmButton } from '../../components/ui/confirm-dialog';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { type RouterOutputs, useTRPC } from '../../trpc';
import type { Assignment, CohortData } from './types';

type RoadmapData = RouterOutputs['roadmaps']['get'];
type Notice = { tone: 'error' | 'success'; text: string } | null;

function useRefreshAssignments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
    ]);
}

export function AssignmentsCard({ data }: { data: CohortData }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const manage = can('cohorts.manage');
  const roadmap = useQuery(trpc.roadmaps.get.queryOptions({ orgSlug: slug, roadmapId: data.roadmap.id }));
  return (
    <Card data-testid="cohort-assignments" id="assignments" className="scroll-mt-4">
      <CardHeader>
        <CardTitle>{t('cohort.assignmentsTitle')}</CardTitle>
        <CardDescription>{t('cohort.assignmentsDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <AssignmentList data={data} roadmap={roadmap.data} manage={manage} />
        {manage ? (
          <QueryState
            isPending={roadmap.isPending}
            error={roadmap.error}
            onRetry={() => roadmap.refetch()}
            errorTitle={t('roadmap.loadError')}
          >
            {roadmap.data ? <AssignForm data={data} roadmap={roadmap.data} /> : null}
          </QueryState>
        ) : null}
      </CardContent>
    </Card>
  );
}

function AssignmentList({
  data,
  roadmap,
  manage,
}: {
  data: CohortData;
  roadmap: RoadmapData | undefined;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const refresh = useRefreshAssignments();
  const [notice, setNotice] = useState<Notice>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation(
    trpc.cohorts.removeAssignment.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: () => {
        setNotice({ tone: 'success', text: t('cohort.assignmentRemoved') });
        return refresh();
      },
      onError: (err) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
    }),
  );
  const skillsById = new Map((roadmap?.skills ?? []).map((s) => [s.skillId, s]));
  const learners = new Map(data.members.map((m) => [m.userId, m.name]));

  if (data.assignments.length === 0) {
    return (
      <StateMessage
        kind="empty"
        title={t('cohort.noAssignments')}
        body={manage ? t('cohort.noAssignmentsBody') : undefined}
        data-testid="assignments-empty"
      />
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {notice ? (
        <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'assignments-error' : 'assignments-notice'}>
          {notice.text}
        </Alert>
      ) : null}
      <div className="overflow-hidden rounded-lg border border-slate-200">
        <Table data-testid="assignments-table">
          <THead>
            <tr>
              <TH>{t('cohort.what')}</TH>
              <TH>{t('cohort.who')}</TH>
              <TH>{t('cohort.due')}</TH>
              {manage ? (
                <TH className="text-end">
                  <span className="sr-only">{t('common.actions')}</span>
                </TH>
              ) : null}
            </tr>
          </THead>
          <TBody>
            {data.assignments.map((a) => {
              const skillNames = a.skillIds
                .map((id) => skillsById.get(id))
                .filter((s) => s !== undefined)
                .map((s) => text('skill', s).title);
              const learnerNames = a.learnerIds.map((id) => learners.get(id) ?? '?');
              return (
                <TR
                  key={a.id}
                  data-testid="assignment-row"
                  data-id={a.id}
                  data-stage-id={a.stageId ?? ''}
                  data-due={a.dueDate}
                >
                  <TD>
                    <div className="flex items-start gap-2">
                      <ClipboardList className="mt-0.5 size-4 shrink-0 text-brand-700" aria-hidden />
                      <div>
                        <p className="font-medium text-slate-900" title={skillNames.join(', ')}>
                          {a.stageId
                            ? text('stage', { builtinKey: a.stageBuiltinKey, title: a.stageTitle }).title
                            : t('cohort.nSkills', {
                                count: a.skillIds.length,
                                formatted: fmt.number(a.skillIds.length),
                              })}
                        </p>
                        {a.stageId ? (
                          <p className="text-xs text-slate-500">
                            {t('cohort.nSkills', {
                              count: a.skillIds.length,
                              formatted: fmt.number(a.skillIds.length),
                            })}
                          </p>
                        ) : (
                          <p className="line-clamp-2 max-w-md text-xs text-slate-500">{skillNames.join('، ')}</p>
                        )}
                        {a.note ? <p className="mt-1 text-xs italic text-slate-600">{a.note}</p> : null}
                      </div>
                    </div>
                  </TD>
                  <TD title={learnerNames.join(', ')}>
                    {a.learnerIds.length === 0
                      ? t('cohort.wholeCohort')
                      : t('cohort.nLearners', {
                          count: a.learnerIds.length,
                          formatted: fmt.number(a.learnerIds.length),
                        })}
                  </TD>
                  <TD>
                    {editing === a.id ? (
                      <DueDateEditor
                        assignment={a}
                        onDone={(message) => {
                          setEditing(null);
                          if (message) setNotice(message);
                        }}
                      />
                    ) : (
                      <div>
                        <p className="whitespace-nowrap font-medium" data-testid="assignment-due">
                          {fmt.day(a.dueDate)}
                        </p>
                        {a.dueOffsetMonths === null ? (
                          <p className="text-xs text-slate-500">{t('cohort.fixedDue')}</p>
                        ) : (
                          <DueRange
                            start={data.cohort.startDate}
                            endMonths={a.skillIds.map((id) => skillsById.get(id)?.endMonth)}
                          />
                        )}
                      </div>
                    )}
                  </TD>
                  {manage ? (
                    <TD className="text-end">
                      <div className="flex justify-end gap-1">
                        {editing === a.id ? null : (
                          <Button
                            variant="ghost"
                            size="sm"
                            onClick={() => setEditing(a.id)}
                            data-testid="edit-assignment"
                          >
                            <Pencil className="size-4" aria-hidden />
                            {t('cohort.editDue')}
                          </Button>
                        )}
                        <ConfirmButton
                          label={t('cohort.removeAssignment')}
                          pending={remove.isPending && remove.variables?.assignmentId === a.id}
                          testId="remove-assignment"
                          title={t('cohort.removeAssignmentTitle')}
                          description={t('cohort.removeAssignmentBody')}
                          onConfirm={() => remove.mutate({ orgSlug: slug, assignmentId: a.id })}
                        />
                      </div>
                    </TD>
                  ) : null}
                </TR>
              );
            })}
          </TBody>
        </Table>
      </div>
    </div>
  );
}

/**
 * A stage's skills fall due one by one, each at the end of its own window: "first skills due …,
 * the last on …" (the stage's date is the last of them), for the cohort's start date.
 */
function DueRange({ start, endMonths }: { start: string; endMonths: (number | undefined)[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const known = endMonths.filter((m) => m !== undefined);
  if (known.length === 0) return <p className="text-xs text-slate-500">{t('cohort.followsStart')}</p>;
  const first = addMonthsToDate(start, Math.min(...known));
  const last = addMonthsToDate(start, Math.max(...known));
  return (
    <p className="max-w-64 text-xs text-slate-500" data-testid="assignment-due-range">
      {first === last
        ? t('cohort.dueAllOn', { date: fmt.day(last) })
        : t('cohort.dueRange', { first: fmt.day(first), last: fmt.day(last) })}{' '}
      {t('cohort.dueFollowsStart')}
    </p>
  );
}

function DueDateEditor({ assignment, onDone }: { assignment: Assignment; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { slug } = useOrg();
  const refresh = useRefreshAssignments();
  const [value, setValue] = useState(assignment.dueDate);
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(trpc.cohorts.updateAssignment.mutationOptions());
  return (
    <form
      className="flex flex-col gap-1"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        if (!isValidIsoDate(value)) return setError(t('errors.date.invalid'));
        try {
          await update.mutateAsync({ orgSlug: slug, assignmentId: assignment.id, dueDate: value });
          await refresh();
          onDone({ tone: 'success', text: t('cohort.dueSaved') });
        } catch (err) {
          setError(serverErrorMessage(err));
        }
      }}
      data-testid="due-date-form"
    >
      <div className="flex items-center gap-2">
        <DatePicker
          name="dueDate"
          className="w-48 [&>button:first-child]:h-9"
          value={value}
          onChange={(v) => setValue(v ?? '')}
          aria-label={t('cohort.due')}
          aria-invalid={error ? true : undefined}
          data-testid="due-date-input"
        />
        <Button type="submit" size="sm" pending={update.isPending} data-testid="save-due-date">
          {t('common.save')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t('cohort.editDueHint')}</p>
      {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
    </form>
  );
}

interface AssignValues {
  stageId: string;
  skillIds: string[];
  audience: 'all' | 'some';
  learnerIds: string[];
  dueDate: string;
  note: string;
}

function AssignForm({ data, roadmap }: { data: CohortData; roadmap: RoadmapData }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const refresh = useRefreshAssignments();
  const [notice, setNotice] = useState<Notice>(null);
  const [dueChanged, setDueChanged] = useState(false);
  const stages = roadmap.stages.filter((s) => roadmap.skills.some((k) => k.stageId === s.id));
  const learners = data.members.filter((m) => m.role === 'learner');
  const form = useForm<AssignValues>({
    defaultValues: {
      stageId: stages[0]?.id ?? '',
      skillIds: [],
      audience: 'all',
      learnerIds: [],
      dueDate: '',
      note: '',
    },
  });
  const assign = useMutation(trpc.cohorts.assign.mutationOptions());
  const {
    register,
    watch,
    setValue,
    formState: { errors },
  } = form;
  const stageId = watch('stageId');
  const skillIds = watch('skillIds');
  const audience = watch('audience');

  // The default due date: the cohort's start plus the latest window end of the chosen skills.
  const chosen = stageId
    ? roadmap.skills.filter((s) => s.stageId === stageId)
    : roadmap.skills.filter((s) => (skillIds ?? []).includes(s.skillId));
  const offset = chosen.length ? Math.max(...chosen.map((s) => s.endMonth)) : null;
  const defaultDue = offset === null ? '' : addMonthsToDate(data.cohort.startDate, offset);
  useEffect(() => {
    if (!dueChanged) setValue('dueDate', defaultDue);
  }, [defaultDue, dueChanged, setValue]);

  const onSubmit = form.handleSubmit(async (values) => {
    setNotice(null);
    const skills = values.skillIds ?? [];
    const learnerIds = values.audience === 'some' ? (values.learnerIds ?? []) : [];
    const sendDue = dueChanged && values.dueDate !== '';
    let invalid = false;
    if (!values.stageId && skills.length === 0) {
      form.setError('skillIds', { type: 'required', message: 'errors.assignment.empty' });
      invalid = true;
    }
    if (values.audience === 'some' && learnerIds.length === 0) {
      form.setError('learnerIds', { type: 'required', message: 'errors.assignment.noLearners' });
      invalid = true;
    }
    if (sendDue && !isValidIsoDate(values.dueDate)) {
      form.setError('dueDate', { type: 'format', message: 'errors.date.invalid' });
      invalid = true;
    }
    if (invalid) return;
    try {
      await assign.mutateAsync({
        orgSlug: slug,
        cohortId: data.cohort.id,
        ...(values.stageId ? { stageId: values.stageId } : { skillIds: skills }),
        learnerIds,
        ...(sendDue ? { dueDate: values.dueDate } : {}),
        note: values.note,
      });
      setNotice({ tone: 'success', text: t('cohort.assigned') });
      setDueChanged(false);
      form.reset({ ...values, skillIds: [], learnerIds: [], note: '', dueDate: defaultDue });
      await refresh();
    } catch (err) {
      const message = applyServerErrors(form, err);
      if (message) setNotice({ tone: 'error', text: message });
    }
  });

  if (stages.length === 0) {
    return <StateMessage kind="empty" title={t('cohort.nothingToAssign')} />;
  }
  return (
    <section className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4" aria-labelledby="assign-title">
      <div>
        <h3 id="assign-title" className="font-medium text-slate-900">
          {t('cohort.assignTitle')}
        </h3>
        <p className="text-sm text-slate-600">{t('cohort.assignDescription')}</p>
      </div>
      {notice ? (
        <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'assign-error' : 'assign-notice'}>
          {notice.text}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="assign-form">
        <div className="grid gap-5 md:grid-cols-2">
          <div className="flex flex-col gap-3">
            <SelectField
              label={t('cohort.whatToAssign')}
              error={errors.stageId?.message}
              {...register('stageId', { onChange: () => form.clearErrors('skillIds') })}
            >
              {stages.map((s) => {
                const n = roadmap.skills.filter((k) => k.stageId === s.id).length;
                return (
                  <option key={s.id} value={s.id}>
                    {t('cohort.stageOption', {
                      title: text('stage', s).title,
                      count: n,
                      formatted: fmt.number(n),
                    })}
                  </option>
                );
              })}
              <option value="">{t('cohort.singleSkills')}</option>
            </SelectField>
            {stageId === '' ? (
              <ChoiceGroup legend={t('cohort.chooseSkills')} error={errors.skillIds?.message} name="skillIds">
                <div
                  className="max-h-72 overflow-y-auto rounded-md border border-slate-200 p-3"
                  data-testid="assign-skills"
                >
                  {stages.map((s) => (
                    <div key={s.id} className="mb-3 last:mb-0">
                      <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
                        {text('stage', s).title}
                      </p>
                      <div className="flex flex-col gap-1.5">
                        {roadmap.skills
                          .filter((k) => k.stageId === s.id)
                          .map((k) => (
                            <Choice
                              key={k.skillId}
                              value={k.skillId}
                              data-key={k.key}
                              label={text('skill', k).title}
                              description={t('timeline.window', {
                                from: fmt.number(k.startMonth),
                                to: fmt.number(k.endMonth),
                              })}
                              {...register('skillIds', { onChange: () => form.clearErrors('skillIds') })}
                            />
                          ))}
                      </div>
                    </div>
                  ))}
                </div>
              </ChoiceGroup>
            ) : null}
          </div>
          <div className="flex flex-col gap-4">
            <ChoiceGroup legend={t('cohort.who')} name="audience" className="flex flex-wrap gap-4">
              <Choice type="radio" value="all" label={t('cohort.wholeCohort')} {...register('audience')} />
              <Choice
                type="radio"
                value="some"
                label={t('cohort.chosenLearners')}
                disabled={learners.length === 0}
                {...register('audience')}
              />
            </ChoiceGroup>
            {audience === 'some' ? (
              <ChoiceGroup legend={t('cohort.chooseLearners')} error={errors.learnerIds?.message} name="learnerIds">
                <div className="flex flex-col gap-1.5" data-testid="assign-learners">
                  {learners.map((m) => (
                    <Choice
                      key={m.userId}
                      value={m.userId}
                      label={m.name}
                      description={<bdi>{m.email}</bdi>}
                      {...register('learnerIds', { onChange: () => form.clearErrors('learnerIds') })}
                    />
                  ))}
                </div>
              </ChoiceGroup>
            ) : null}
            <DateField
              control={form.control}
              name="dueDate"
              onValueChange={() => setDueChanged(true)}
              label={t('cohort.dueDate')}
              error={errors.dueDate?.message}
              hint={
                <span className="flex flex-col gap-1">
                  <span className="flex items-start gap-1.5">
                    <CalendarClock className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                    {dueChanged ? t('cohort.dueFixedHint') : t('cohort.dueDefaultHint')}
                  </span>
                  {!dueChanged && chosen.length > 0 ? (
                    <DueRange start={data.cohort.startDate} endMonths={chosen.map((k) => k.endMonth)} />
                  ) : null}
                  {dueChanged ? (
                    <button
                      type="button"
                      className="w-fit text-brand-700 hover:underline"
                      onClick={() => {
                        setDueChanged(false);
                        form.clearErrors('dueDate');
                      }}
                      data-testid="reset-due-date"
                    >
                      {t('cohort.useDefaultDue', { date: fmt.day(defaultDue) })}
                    </button>
                  ) : null}
                </span>
              }
              data-testid="assign-due-date"
            />
            <TextareaField label={t('cohort.noteOptional')} rows={2} {...register('note')} />
          </div>
        </div>
        <Button type="submit" pending={assign.isPending} className="self-start" data-testid="assign-submit">
          <ClipboardList className="size-4" aria-hidden />
          {t('cohort.assign')}
        </Button>
      </form>
    </section>
  );
}
