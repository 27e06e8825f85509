import { type ResourceKind, zId } from '@masar/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { ArrowLeft, Check, Pencil, Plus } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundState } from '../../components/NotFoundState';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader } from '../../components/ui/card';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorData, useTRPC } from '../../trpc';
import { RoadmapDialogs } from './RoadmapDialogs';
import { BriefsCard, ResourcesCard } from './RoadmapItems';
import { type DialogState, type RoadmapData, useInvalidateRoadmaps } from './roadmapData';
import type { SkillActions } from './SkillRow';
import { StageCard } from './StageCard';
export function RoadmapPage() {
  return (
    <RequirePermission permission="roadmaps.read">
      <RoadmapLoader />
    </RequirePermission>
  );
}

function RoadmapNotFound() {
  const { t } = useTranslation();
  const { slug } = useOrg();
  return (
    <NotFoundState
      title={t('roadmap.notFoundTitle')}
      body={t('roadmap.notFoundBody')}
      back={{ to: routes.roadmaps(slug), label: t('roadmap.backToList') }}
      testId="roadmap-not-found"
    />
  );
}

function RoadmapLoader() {
  const { t } = useTranslation();
  const { roadmapId = '' } = useParams();
  const valid = zId.safeParse(roadmapId).success;
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const [params, setParams] = useSearchParams();
  // Local state answers at once (a controlled checkbox); the URL keeps it across reloads.
  const [editOn, setEditOn] = useState(params.get('edit') === '1');
  const [archivedOn, setArchivedOn] = useState(params.get('archived') === '1');
  const editing = can('roadmaps.edit') && editOn;
  const showArchived = editing && archivedOn;
  const roadmap = useQuery({
    ...trpc.roadmaps.get.queryOptions({ orgSlug: slug, roadmapId, includeArchived: showArchived }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const setParam = (key: 'edit' | 'archived', on: boolean) => {
    if (key === 'edit') {
      setEditOn(on);
      if (!on) setArchivedOn(false);
    } else setArchivedOn(on);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (on) next.set(key, '1');
        else next.delete(key);
        if (key === 'edit' && !on) next.delete('archived');
        return next;
      },
      { replace: true },
    );
  };

  if (!valid || (roadmap.error && errorData(roadmap.error)?.code === 'NOT_FOUND')) return <RoadmapNotFound />;
  return (
    <QueryState
      isPending={roadmap.isPending}
      error={roadmap.error}
      onRetry={() => roadmap.refetch()}
      errorTitle={t('roadmap.loadError')}
    >
      {roadmap.data ? (
        <RoadmapView
          data={roadmap.data}
          editing={editing}
          showArchived={showArchived}
          loading={roadmap.isPlaceholderData}
          onEditingChange={(on) => setParam('edit', on)}
          onShowArchivedChange={(on) => setParam('archived', on)}
        />
      ) : null}
    </QueryState>
  );
}

type Notice = { tone: 'error' | 'success'; text: string } | null;

function RoadmapView({
  data,
  editing,
  showArchived,
  loading,
  onEditingChange,
  onShowArchivedChange,
}: {
  data: RoadmapData;
  editing: boolean;
  showArchived: boolean;
  loading: boolean;
  onEditingChange: (on: boolean) => void;
  onShowArchivedChange: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const text = useRoadmapText();
  const invalidate = useInvalidateRoadmaps();
  const { slug, can } = useOrg();
  const shown = text('roadmap', data.roadmap);
  useDocumentTitle(shown.title);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const archivedToggleId = useId();

  const handlers = {
    onMutate: () => setNotice(null),
    onSuccess: () => invalidate(),
    onError: (err: unknown) => setNotice({ tone: 'error', text: serverErrorMessage(err) }),
  };
  const moveStage = useMutation(trpc.roadmaps.moveStage.mutationOptions(handlers));
  const archiveStage = useMutation(trpc.roadmaps.archiveStage.mutationOptions(handlers));
  const moveSkill = useMutation(trpc.roadmaps.moveSkill.mutationOptions(handlers));
  const setSkillArchived = useMutation(trpc.roadmaps.setSkillArchived.mutationOptions(handlers));
  const updateBrief = useMutation(trpc.roadmaps.updateBrief.mutationOptions(handlers));
  const updateResource = useMutation(trpc.roadmaps.updateResource.mutationOptions(handlers));

  const activeStages = data.stages.filter((s) => !s.archivedAt);
  const actions: SkillActions = {
    edit: (skill) => setDialog({ kind: 'skill', stageId: skill.stageId, skill }),
    move: (skill, direction) =>
      moveSkill.mutate({ orgSlug: slug, roadmapId: data.roadmap.id, skillId: skill.skillId, direction }),
    setArchived: (skill, archived) =>
      setSkillArchived.mutate({ orgSlug: slug, roadmapId: data.roadmap.id, skillId: skill.skillId, archived }),
    busy: (skill) =>
      (moveSkill.isPending && moveSkill.variables?.skillId === skill.skillId) ||
      (setSkillArchived.isPending && setSkillArchived.variables?.skillId === skill.skillId),
  };

  return (
    <div
      className="flex flex-col gap-6"
      data-testid="roadmap-page"
      data-editing={editing ? 'true' : 'false'}
      aria-busy={loading || undefined}
    >
      <Card>
        <CardHeader>
          <Link
            to={routes.roadmaps(slug)}
            className="mb-1 inline-flex w-fit items-center gap-1 text-sm text-brand-700 hover:underline"
          >
            <ArrowLeft className="size-4 rtl:rotate-180" aria-hidden />
            {t('roadmap.backToList')}
          </Link>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 flex-1">
              <h2 className="text-xl font-semibold text-slate-900" data-testid="roadmap-title">
                {shown.title}
              </h2>
              {shown.description ? (
                <p className="mt-2 max-w-4xl text-sm leading-relaxed text-slate-600">{shown.description}</p>
              ) : null}
            </div>
            {can('roadmaps.edit') ? (
              <Button
                variant={editing ? 'primary' : 'secondary'}
                onClick={() => onEditingChange(!editing)}
                aria-pressed={editing}
                data-testid="edit-toggle"
              >
                {editing ? <Check className="size-4" aria-hidden /> : <Pencil className="size-4" aria-hidden />}
                {editing ? t('roadmap.doneEditing') : t('roadmap.edit')}
              </Button>
            ) : null}
          </div>
        </CardHeader>
        <CardContent className="pt-4">
          {editing ? (
            <div
              className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 p-3"
              data-testid="edit-toolbar"
            >
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setDialog({ kind: 'roadmap' })}
                data-testid="rename-roadmap"
              >
                <Pencil className="size-4" aria-hidden />
                {t('roadmap.rename')}
              </Button>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setDialog({ kind: 'stage' })}
                data-testid="add-stage"
              >
                <Plus className="size-4" aria-hidden />
                {t('roadmap.addStage')}
              </Button>
              <label htmlFor={archivedToggleId} className="ms-auto flex items-center gap-2 text-sm text-slate-700">
                <input
                  id={archivedToggleId}
                  type="checkbox"
                  className="size-4 accent-brand-700"
                  checked={showArchived}
                  onChange={(e) => onShowArchivedChange(e.target.checked)}
                  data-testid="show-archived"
                />
                {t('roadmap.showArchived')}
              </label>
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t('roadmap.howToRead')}</p>
          )}
        </CardContent>
      </Card>

      {notice ? (
        <Alert tone={notice.tone} data-testid="roadmap-error">
          {notice.text}
        </Alert>
      ) : null}

      {data.stages.length === 0 ? (
        <StateMessage
          kind="empty"
          title={t('roadmap.noStages')}
          body={editing ? t('roadmap.noStagesEdit') : undefined}
        />
      ) : (
        data.stages.map((stage) => {
          const activeIndex = activeStages.findIndex((s) => s.id === stage.id);
          return (
            <StageCard
              key={stage.id}
              stage={stage}
              skills={data.skills.filter((s) => s.stageId === stage.id)}
              editing={editing}
              first={activeIndex === 0}
              last={activeIndex === activeStages.length - 1}
              busy={
                (moveStage.isPending && moveStage.variables?.stageId === stage.id) ||
                (archiveStage.isPending && archiveStage.variables?.stageId === stage.id)
              }
              onEdit={() => setDialog({ kind: 'stage', stage })}
              onMove={(direction) => moveStage.mutate({ orgSlug: slug, stageId: stage.id, direction })}
              onArchive={() => archiveStage.mutate({ orgSlug: slug, stageId: stage.id })}
              onAddSkill={() => setDialog({ kind: 'skill', stageId: stage.id })}
              skillActions={actions}
            />
          );
        })
      )}

      <BriefsCard
        data={data}
        editing={editing}
        onAdd={() => setDialog({ kind: 'brief' })}
        onEdit={(brief) => setDialog({ kind: 'brief', brief })}
        onArchive={(b, archived) =>
          updateBrief.mutate({
            orgSlug: slug,
            briefId: b.id,
            title: b.title,
            description: b.description,
            skillIds: b.skillIds,
            archived,
          })
        }
        busyId={updateBrief.isPending ? updateBrief.variables?.briefId : undefined}
      />
      <ResourcesCard
        data={data}
        editing={editing}
        onAdd={() => setDialog({ kind: 'resource' })}
        onEdit={(resource) => setDialog({ kind: 'resource', resource })}
        onArchive={(r, archived) =>
          updateResource.mutate({
            orgSlug: slug,
            resourceId: r.id,
            title: r.title,
            kind: r.kind as ResourceKind,
            url: r.url,
            skillIds: r.skillIds,
            archived,
          })
        }
        busyId={updateResource.isPending ? updateResource.variables?.resourceId : undefined}
      />
      <RoadmapDialogs data={data} dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
