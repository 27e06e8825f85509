import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../lib/org';
import { textToSave, useRoadmapText } from '../../lib/roadmapText';
import { useTRPC } from '../../trpc';
import { FormDialog, MonthFields, TextFields, useSaveAndClose } from './DialogFields';
import { roadmapForm, stageForm } from './dialogForms';
import { BriefDialog, ResourceDialog } from './ItemDialogs';
import type { DialogState, RoadmapData, Stage } from './roadmapData';
import { SkillDialog } from './SkillDialog';

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
