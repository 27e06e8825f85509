import { zodResolver } from '@hookform/resolvers/zod';
import { briefInput, RESOURCE_KINDS, resourceInput } from '@masar/shared';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/FormField';
import { useOrg } from '../../lib/org';
import { textToSave, useRoadmapText } from '../../lib/roadmapText';
import { useTRPC } from '../../trpc';
import { FormDialog, TextFields, useSaveAndClose } from './DialogFields';
import type { Brief, Resource, RoadmapData } from './roadmapData';
import { SkillChecklist } from './SkillDialog';

export function BriefDialog({
  data,
  brief,
  onClose,
}: {
  data: RoadmapData;
  brief?: Brief | undefined;
  onClose: () => void;
}) {
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

export function ResourceDialog({
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
