import { zodResolver } from '@hookform/resolvers/zod';
import { BUILTIN_ROADMAP, SKILL_CATEGORY_VALUES, type zCategory } from '@masar/shared';
import { useMutation } from '@tanstack/react-query';
import { type FieldValues, type Path, type UseFormRegister, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Choice, ChoiceGroup, SelectField, TextField } from '../../components/FormField';
import { NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { useOrg } from '../../lib/org';
import { textToSave, useRoadmapText } from '../../lib/roadmapText';
import { useTRPC } from '../../trpc';
import { FormDialog, MonthFields, TextFields, useSaveAndClose } from './DialogFields';
import { skillForm } from './dialogForms';
import type { RoadmapData, Skill } from './roadmapData';

// ---------------------------------------------------------------- skills

export function SkillDialog({
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
export function SkillChecklist<T extends FieldValues>({
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
