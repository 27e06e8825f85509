import { zodResolver } from '@hookform/resolvers/zod';
import {
  BUILTIN_ROADMAP,
  briefInput,
  RESOURCE_KINDS,
  resourceInput,
  SKILL_CATEGORY_VALUES,
  zCategory,
  zDescription,
  zId,
  zMonth,
  zSkillKey,
  zTitle,
} from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { type FieldValues, type Path, type UseFormRegister, type UseFormReturn, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Choice, ChoiceGroup, FormError, SelectField, TextareaField, TextField } from '../../components/FormField';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { applyServerErrors } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { textToSave, useRoadmapText } from '../../lib/roadmapText';
import { type RouterOutputs, useTRPC } from '../../trpc';

export type RoadmapData = RouterOutputs['roadmaps']['get'];
export type Stage = RoadmapData['stages'][number];
export type Skill = RoadmapData['skills'][number];
export type Brief = RoadmapData['briefs'][number];
export type Resource = RoadmapData['resources'][number];

export type DialogState =
  | { kind: 'roadmap' }
  | { kind: 'stage'; stage?: Stage | undefined }
  | { kind: 'skill'; stageId: string; skill?: Skill | undefined }
  | { kind: 'brief'; brief?: Brief | undefined }
  | { kind: 'resource'; resource?: Resource | undefined };

/** After any roadmap change: the roadmap itself, and the pages that show its text and windows. */
export function useInvalidateRoadmaps() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.roadmaps.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
      queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
    ]);
}

const inWindowOrder = (v: { startMonth: number; endMonth: number }) => v.startMonth < v.endMonth;
const orderError = { message: 'errors.month.order', path: ['endMonth'] };

const roadmapForm = z.object({ title: zTitle, description: zDescription });
const stageForm = z
  .object({ title: zTitle, description: zDescription, startMonth: zMonth, endMonth: zMonth })
  .refine(inWindowOrder, orderError);
const skillForm = z
  .object({
    key: z.union([z.literal(''), zSkillKey]),
    title: zTitle,
    description: zDescription,
    category: zCategory,
    stageId: zId,
    startMonth: zMonth,
    endMonth: zMonth,
  })
  .refine(inWindowOrder, orderError);

export function RoadmapDialogs({
  data,
  dialog,
  onClose,
}: {
  data: RoadmapData;
  dialog: DialogState | null;
  onClose: () => void;
}) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'roadmap':
      return <RoadmapDialog data={data} onClose={onClose} />;
    case 'stage':
      return <StageDialog data={data} stage={dialog.stage} onClose={onClose} />;
    case 'skill':
      return <SkillDialog data={data} stageId={dialog.stageId} skill={dialog.skill} onClose={onClose} />;
    case 'brief':
      return <BriefDialog data={data} brief={dialog.brief} onClose={onClose} />;
    case 'resource':
      return <ResourceDialog data={data} resource={dialog.resource} onClose={onClose} />;
  }
}

function DialogButtons({ pending, onClose, label }: { pending: boolean; onClose: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex justify-end gap-3 pt-2">
      <Button type="button" variant="secondary" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" pending={pending} data-testid="dialog-submit">
        {label}
      </Button>
    </div>
  );
}

/** The frame every roadmap dialog shares: the dialog, its form, the form's error and the buttons. */
function FormDialog({
  title,
  description,
  className,
  testId,
  formError,
  pending,
  submitLabel,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  description: string;
  className?: string;
  testId: string;
  formError: string | null;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open
      onOpenChange={(o) => (o ? null : onClose())}
      title={title}
      description={description}
      className={className}
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid={testId}>
        <FormError message={formError} />
        {children}
        <DialogButtons pending={pending} onClose={onClose} label={submitLabel} />
      </form>
    </Dialog>
  );
}

/**
 * A dialog's save: clears the form's error, writes, refreshes the roadmap pages and closes; a
 * server error lands on its field, or above the form.
 */
function useSaveAndClose<T extends FieldValues>(form: UseFormReturn<T>, onClose: () => void) {
  const invalidate = useInvalidateRoadmaps();
  const [formError, setFormError] = useState<string | null>(null);
  const save = async (write: () => Promise<unknown>) => {
    setFormError(null);
    try {
      await write();
      await invalidate();
      onClose();
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  };
  return { formError, save };
}

type FieldErrors = Partial<
  Record<'title' | 'description' | 'startMonth' | 'endMonth', { message?: string | undefined }>
>;

/** The title field, and the description field under `descriptionLabel` (none without it). */
function TextFields<T extends FieldValues>({
  register,
  errors,
  descriptionLabel,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors;
  descriptionLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t('fields.title')} error={errors.title?.message} {...register('title' as Path<T>)} />
      {descriptionLabel ? (
        <TextareaField
          label={descriptionLabel}
          rows={4}
          error={errors.description?.message}
          {...register('description' as Path<T>)}
        />
      ) : null}
    </>
  );
}

function MonthFields<T extends FieldValues>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-2 gap-4">
      <TextField
        label={t('timeline.startMonth')}
        type="number"
        inputMode="numeric"
        min={0}
        max={36}
        step={1}
        error={errors.startMonth?.message}
        {...register('startMonth' as Path<T>, { valueAsNumber: true })}
      />
      <TextField
        label={t('timeline.endMonth')}
        type="number"
        inputMode="numeric"
        min={0}
        max={36}
        step={1}
        hint={t('timeline.monthsHint')}
        error={errors.endMonth?.message}
        {...register('endMonth' as Path<T>, { valueAsNumber: true })}
      />
    </div>
  );
}

// ---------------------------------------------------------------- roadmap

function RoadmapDialog({ data, onClose }: { data: RoadmapData; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const shown = text('roadmap', data.roadmap);
  const form = useForm({ resolver: zodResolver(roadmapForm), defaultValues: shown });
  const update = useMutation(trpc.roadmaps.update.mutationOptions());
  const { formError, save } = useSaveAndClose(form, onClose);
  const onSubmit = form.handleSubmit((values) => {
    const next = textToSave('roadmap', data.roadmap, i18n.language, values);
    if (!next.changed) return onClose();
    return save(() =>
      update.mutateAsync({
        orgSlug: slug,
        roadmapId: data.roadmap.id,
        title: next.title,
        description: next.description,
      }),
    );
  });
  return (
    <FormDialog
      title={t('roadmap.renameTitle')}
      description={t('roadmap.renameDescription')}
      testId="roadmap-form"
      formError={formError}
      pending={update.isPending}
      submitLabel={t('common.save')}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextFields register={form.register} errors={form.formState.errors} descriptionLabel={t('fields.description')} />
    </FormDialog>
  );
}

// ---------------------------------------------------------------- stages

function StageDialog({ data, stage, onClose }: { data: RoadmapData; stage?: Stage | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const last = data.stages.filter((s) => !s.archivedAt).at(-1);
  const defaults = stage
    ? { ...text('stage', stage), startMonth: stage.startMonth, endMonth: stage.endMonth }
    : {
        title: '',
        description: '',
        startMonth: Math.min(35, last?.endMonth ?? 0),
        endMonth: Math.min(36, (last?.endMonth ?? 0) + 6),
      };
  const form = useForm({ resolver: zodResolver(stageForm), defaultValues: defaults });
  const add = useMutation(trpc.roadmaps.addStage.mutationOptions());
  const update = useMutation(trpc.roadmaps.updateStage.mutationOptions());
  const { formError, save } = useSaveAndClose(form, onClose);
  const onSubmit = form.handleSubmit((values) =>
    save(() => {
      if (!stage) return add.mutateAsync({ orgSlug: slug, roadmapId: data.roadmap.id, ...values });
      const next = textToSave('stage', stage, i18n.language, values);
      return update.mutateAsync({
        orgSlug: slug,
        stageId: stage.id,
        ...(next.changed ? { title: next.title, description: next.description } : {}),
        startMonth: values.startMonth,
        endMonth: values.endMonth,
      });
    }),
  );
  const { register, formState } = form;
  return (
    <FormDialog
      title={stage ? t('roadmap.editStageTitle') : t('roadmap.addStageTitle')}
      description={t('roadmap.stageDialogDescription')}
      testId="stage-form"
      formError={formError}
      pending={add.isPending || update.isPending}
      submitLabel={stage ? t('common.save') : t('roadmap.addStage')}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextFields register={register} errors={formState.errors} descriptionLabel={t('fields.description')} />
      <MonthFields register={register} errors={formState.errors} />
    </FormDialog>
  );
}

// ---------------------------------------------------------------- skills

function SkillDialog({
  data,
  stageId,
  skill,
  onClose,
}: {
  data: RoadmapData;
  stageId: string;
  skill?: Skill | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const stages = data.stages.filter((s) => !s.archivedAt || s.id === stageId);
  const stage = data.stages.find((s) => s.id === stageId);
  const defaults = skill
    ? {
        key: '',
        ...text('skill', skill),
        category: skill.category as z.infer<typeof zCategory>,
        stageId: skill.stageId,
        startMonth: skill.startMonth,
        endMonth: skill.endMonth,
      }
    : {
        key: '',
        title: '',
        description: '',
        category: 'fundamentals' as const,
        stageId,
        startMonth: stage?.startMonth ?? 0,
        endMonth: Math.min(36, Math.max((stage?.startMonth ?? 0) + 1, stage?.endMonth ?? 3)),
      };
  const form = useForm({ resolver: zodResolver(skillForm), defaultValues: defaults });
  const add = useMutation(trpc.roadmaps.addSkill.mutationOptions());
  const update = useMutation(trpc.roadmaps.updateSkill.mutationOptions());
  const { formError, save } = useSaveAndClose(form, onClose);
  const {
    register,
    formState: { errors },
  } = form;

  // Catalogue skills that this roadmap does not show (yet): reuse one by key, progress carries over.
  const placed = new Set(data.skills.filter((s) => !s.archivedAt).map((s) => s.key));
  const reusable = BUILTIN_ROADMAP.skills.filter((s) => !placed.has(s.key));
  const reuse = (key: string) => {
    const b = BUILTIN_ROADMAP.skills.find((s) => s.key === key);
    const opts = { shouldDirty: true, shouldValidate: false } as const;
    form.setValue('key', key, opts);
    if (!b) return;
    const shown = text('skill', { builtinKey: b.key });
    form.setValue('title', shown.title, opts);
    form.setValue('description', shown.description, opts);
    form.setValue('category', b.category, opts);
    form.setValue('startMonth', b.startMonth, opts);
    form.setValue('endMonth', b.endMonth, opts);
  };

  const onSubmit = form.handleSubmit((values) =>
    save(() => {
      if (!skill) {
        const { key, ...rest } = values;
        return add.mutateAsync({ orgSlug: slug, roadmapId: data.roadmap.id, ...rest, ...(key ? { key } : {}) });
      }
      const next = textToSave('skill', skill, i18n.language, values);
      return update.mutateAsync({
        orgSlug: slug,
        roadmapId: data.roadmap.id,
        skillId: skill.skillId,
        ...(next.changed ? { title: next.title, description: next.description } : {}),
        category: values.category,
        stageId: values.stageId,
        startMonth: values.startMonth,
        endMonth: values.endMonth,
      });
    }),
  );

  return (
    <FormDialog
      title={skill ? t('roadmap.editSkillTitle') : t('roadmap.addSkillTitle')}
      description={
        skill
          ? t('roadmap.editSkillDescription')
          : t('roadmap.addSkillDescription', { stage: stage ? text('stage', stage).title : '' })
      }
      className="max-w-xl"
      testId="skill-form"
      formError={formError}
      pending={add.isPending || update.isPending}
      submitLabel={skill ? t('common.save') : t('roadmap.addSkill')}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      {!skill && reusable.length > 0 ? (
        <div className="flex flex-col gap-1.5 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <Label htmlFor="reuse-skill">{t('roadmap.reuseSkill')}</Label>
          <NativeSelect
            id="reuse-skill"
            defaultValue=""
            onChange={(e) => reuse(e.target.value)}
            data-testid="reuse-skill-select"
          >
            <option value="">{t('roadmap.reuseNone')}</option>
            {reusable.map((s) => (
              <option key={s.key} value={s.key}>
                {text('skill', { builtinKey: s.key }).title}
              </option>
            ))}
          </NativeSelect>
          <p className="text-xs text-slate-500">{t('roadmap.reuseHint')}</p>
        </div>
      ) : null}
      <TextFields register={register} errors={errors} descriptionLabel={t('roadmap.skillMeaning')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t('fields.category')} error={errors.category?.message} {...register('category')}>
          {SKILL_CATEGORY_VALUES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('roadmap.stage')} error={errors.stageId?.message} {...register('stageId')}>
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {text('stage', s).title}
            </option>
          ))}
        </SelectField>
      </div>
      <MonthFields register={register} errors={errors} />
      {!skill ? (
        <TextField
          label={t('roadmap.skillKey')}
          dir="ltr"
          autoComplete="off"
          hint={t('roadmap.skillKeyHint')}
          error={errors.key?.message}
          {...register('key')}
        />
      ) : null}
    </FormDialog>
  );
}

// ---------------------------------------------------------------- briefs and resources

/** Checkboxes for the roadmap's skills, grouped by stage (`skillIds` of a brief or resource). */
function SkillChecklist<T extends FieldValues>({
  data,
  register,
  error,
}: {
  data: RoadmapData;
  register: UseFormRegister<T>;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const text = useRoadmapText();
  const stages = data.stages.filter((s) => !s.archivedAt);
  return (
    <ChoiceGroup legend={t('roadmap.relatedSkills')} error={error} name="skillIds" className="flex flex-col gap-3">
      <div className="max-h-64 overflow-y-auto rounded-md border border-slate-200 p-3" data-testid="skill-checklist">
        {stages.map((stage) => {
          const skills = data.skills.filter((s) => s.stageId === stage.id && !s.archivedAt);
          if (skills.length === 0) return null;
          return (
            <div key={stage.id} className="mb-3 last:mb-0">
              <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
                {text('stage', stage).title}
              </p>
              <div className="grid gap-1.5 sm:grid-cols-2">
                {skills.map((s) => (
                  <Choice
                    key={s.skillId}
                    value={s.skillId}
                    label={text('skill', s).title}
                    data-key={s.key}
                    {...register('skillIds' as Path<T>)}
                  />
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </ChoiceGroup>
  );
}

function BriefDialog({ data, brief, onClose }: { data: RoadmapData; brief?: Brief | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const form = useForm({
    resolver: zodResolver(briefInput),
    defaultValues: brief
      ? { ...text('brief', brief), skillIds: brief.skillIds }
      : { title: '', description: '', skillIds: [] as string[] },
  });
  const add = useMutation(trpc.roadmaps.addBrief.mutationOptions());
  const update = useMutation(trpc.roadmaps.updateBrief.mutationOptions());
  const { formError, save } = useSaveAndClose(form, onClose);
  const onSubmit = form.handleSubmit((values) => {
    const skillIds = values.skillIds ?? [];
    return save(() => {
      if (!brief) return add.mutateAsync({ orgSlug: slug, roadmapId: data.roadmap.id, ...values, skillIds });
      const next = textToSave('brief', brief, i18n.language, {
        title: values.title,
        description: values.description,
      });
      return update.mutateAsync({
        orgSlug: slug,
        briefId: brief.id,
        title: next.title,
        description: next.description,
        skillIds,
      });
    });
  });
  const { register, formState } = form;
  return (
    <FormDialog
      title={brief ? t('roadmap.editBriefTitle') : t('roadmap.addBriefTitle')}
      description={t('roadmap.briefDialogDescription')}
      className="max-w-xl"
      testId="brief-form"
      formError={formError}
      pending={add.isPending || update.isPending}
      submitLabel={brief ? t('common.save') : t('roadmap.addBrief')}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextFields register={register} errors={formState.errors} descriptionLabel={t('fields.description')} />
      <SkillChecklist data={data} register={register} error={formState.errors.skillIds?.message} />
    </FormDialog>
  );
}

function ResourceDialog({
  data,
  resource,
  onClose,
}: {
  data: RoadmapData;
  resource?: Resource | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const text = useRoadmapText();
  const { slug } = useOrg();
  const form = useForm({
    resolver: zodResolver(resourceInput),
    defaultValues: resource
      ? {
          title: text('resource', resource).title,
          kind: resource.kind as (typeof RESOURCE_KINDS)[number],
          url: resource.url,
          skillIds: resource.skillIds,
        }
      : { title: '', kind: 'docs' as const, url: 'https://', skillIds: [] as string[] },
  });
  const add = useMutation(trpc.roadmaps.addResource.mutationOptions());
  const update = useMutation(trpc.roadmaps.updateResource.mutationOptions());
  const { formError, save } = useSaveAndClose(form, onClose);
  const onSubmit = form.handleSubmit((values) => {
    const skillIds = values.skillIds ?? [];
    return save(() => {
      if (!resource) return add.mutateAsync({ orgSlug: slug, roadmapId: data.roadmap.id, ...values, skillIds });
      const next = textToSave('resource', resource, i18n.language, { title: values.title });
      return update.mutateAsync({
        orgSlug: slug,
        resourceId: resource.id,
        title: next.title,
        kind: values.kind,
        url: values.url,
        skillIds,
      });
    });
  });
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <FormDialog
      title={resource ? t('roadmap.editResourceTitle') : t('roadmap.addResourceTitle')}
      description={t('roadmap.resourceDialogDescription')}
      className="max-w-xl"
      testId="resource-form"
      formError={formError}
      pending={add.isPending || update.isPending}
      submitLabel={resource ? t('common.save') : t('roadmap.addResource')}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextFields register={register} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <SelectField label={t('fields.kind')} error={errors.kind?.message} {...register('kind')}>
          {RESOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`resourceKinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('fields.url')}
          type="url"
          dir="ltr"
          autoComplete="off"
          error={errors.url?.message}
          {...register('url')}
        />
      </div>
      <SkillChecklist data={data} register={register} error={errors.skillIds?.message} />
    </FormDialog>
  );
}
