import { addMonthsToDate, isValidIsoDate } from '@masar/shared';
import { useMutation } from '@tanstack/react-query';
import { CalendarClock, ClipboardList } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DatePicker';
import { Choice, ChoiceGroup, SelectField, TextareaField } from '../../components/FormField';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { useTRPC } from '../../trpc';
import { type CohortData, type Notice, type RoadmapData, useRefreshCohort } from './cohortData';
import { DueRange } from './DueDates';

interface AssignValues {
  stageId: string;
  skillIds: string[];
  audience: 'all' | 'some';
  learnerIds: string[];
  dueDate: string;
  note: string;
}

export function AssignForm({ data, roadmap }: { data: CohortData; roadmap: RoadmapData }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const refresh = useRefreshCohort();
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
