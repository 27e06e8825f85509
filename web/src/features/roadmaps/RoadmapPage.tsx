import { type ResourceKind, zId } from '@masar/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Archive, ArrowDown, ArrowLeft, ArrowUp, Check, ExternalLink, Pencil, Plus, RotateCcw } from 'lucide-react';
import { type ComponentProps, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import {
  Bands,
  CategoryBadge,
  categoryColor,
  MonthRuler,
  useWindowLabel,
  windowStyle,
} from '../../components/timeline';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { isolate } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { cn } from '../../lib/utils';
import { errorData, useTRPC } from '../../trpc';
import {
  type Brief,
  type DialogState,
  type Resource,
  type RoadmapData,
  RoadmapDialogs,
  type Skill,
  type Stage,
  useInvalidateRoadmaps,
} from './RoadmapDialogs';

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
    <StateMessage
      kind="notFound"
      title={t('roadmap.notFoundTitle')}
      body={t('roadmap.notFoundBody')}
      data-testid="roadmap-not-found"
      action={
        <Button asChild variant="secondary">
          <Link to={routes.roadmaps(slug)}>{t('roadmap.backToList')}</Link>
        </Button>
      }
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

// ---------------------------------------------------------------- stages and the month scale

interface SkillActions {
  edit: (skill: Skill) => void;
  move: (skill: Skill, direction: 'up' | 'down') => void;
  setArchived: (skill: Skill, archived: boolean) => void;
  busy: (skill: Skill) => boolean;
}

function IconButton({
  label,
  icon: Icon,
  className,
  ...props
}: { label: string; icon: typeof Pencil } & ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="icon" className={cn('size-8', className)} aria-label={label} title={label} {...props}>
      <Icon className="size-4" aria-hidden />
    </Button>
  );
}

function StageCard({
  stage,
  skills,
  editing,
  first,
  last,
  busy,
  onEdit,
  onMove,
  onArchive,
  onAddSkill,
  skillActions,
}: {
  stage: Stage;
  skills: Skill[];
  editing: boolean;
  first: boolean;
  last: boolean;
  busy: boolean;
  onEdit: () => void;
  onMove: (direction: 'up' | 'down') => void;
  onArchive: () => void;
  onAddSkill: () => void;
  skillActions: SkillActions;
}) {
  const { t } = useTranslation();
  const text = useRoadmapText();
  const windowLabel = useWindowLabel();
  const shown = text('stage', stage);
  const archived = Boolean(stage.archivedAt);
  const active = skills.filter((s) => !s.archivedAt);
  return (
    <Card
      data-testid="stage"
      data-id={stage.id}
      data-key={stage.key}
      data-archived={archived ? 'true' : 'false'}
      className={cn(archived && 'border-dashed opacity-70')}
    >
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <CardTitle data-testid="stage-title">{shown.title}</CardTitle>
              <Badge tone="brand" data-testid="stage-window">
                {windowLabel(stage.startMonth, stage.endMonth)}
              </Badge>
              {archived ? <Badge>{t('common.archived')}</Badge> : null}
            </div>
            {shown.description ? (
              <CardDescription className="mt-2 max-w-4xl leading-relaxed">{shown.description}</CardDescription>
            ) : null}
          </div>
          {editing && !archived ? (
            <div className="flex flex-wrap items-center gap-1" data-testid="stage-actions">
              <Button variant="secondary" size="sm" onClick={onAddSkill} data-testid="add-skill">
                <Plus className="size-4" aria-hidden />
                {t('roadmap.addSkill')}
              </Button>
              <IconButton label={t('roadmap.editStage')} icon={Pencil} onClick={onEdit} data-testid="edit-stage" />
              <IconButton
                label={t('roadmap.moveUp')}
                icon={ArrowUp}
                disabled={first || busy}
                onClick={() => onMove('up')}
                data-testid="move-stage-up"
              />
              <IconButton
                label={t('roadmap.moveDown')}
                icon={ArrowDown}
                disabled={last || busy}
                onClick={() => onMove('down')}
                data-testid="move-stage-down"
              />
              <ConfirmDialog
                trigger={
                  <IconButton
                    label={t('roadmap.archiveStage')}
                    icon={Archive}
                    className="text-red-700 hover:bg-red-50"
                    disabled={busy}
                    data-testid="archive-stage"
                  />
                }
                title={t('roadmap.archiveStageTitle', { title: isolate(shown.title) })}
                description={t('roadmap.archiveStageBody')}
                confirmLabel={t('roadmap.archive')}
                onConfirm={onArchive}
              />
            </div>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {skills.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
            {t('roadmap.noSkills')}
          </p>
        ) : (
          <div>
            <div className="hidden gap-x-4 md:grid md:grid-cols-[minmax(14rem,18rem)_1fr]">
              <div aria-hidden />
              <MonthRuler />
            </div>
            <ul className="grid grid-cols-1 gap-x-4 md:grid-cols-[minmax(14rem,18rem)_1fr]">
              {skills.map((skill) => {
                const i = active.findIndex((s) => s.skillId === skill.skillId);
                return (
                  <SkillRow
                    key={skill.skillId}
                    skill={skill}
                    editing={editing && !archived}
                    first={i === 0}
                    last={i === active.length - 1}
                    actions={skillActions}
                  />
                );
              })}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function SkillRow({
  skill,
  editing,
  first,
  last,
  actions,
}: {
  skill: Skill;
  editing: boolean;
  first: boolean;
  last: boolean;
  actions: SkillActions;
}) {
  const { t } = useTranslation();
  const text = useRoadmapText();
  const windowLabel = useWindowLabel();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const shown = text('skill', skill);
  const archived = Boolean(skill.archivedAt);
  const busy = actions.busy(skill);
  const toggle = () => setOpen((o) => !o);
  return (
    <li
      className="contents"
      data-testid="roadmap-skill"
      data-key={skill.key}
      data-start={skill.startMonth}
      data-end={skill.endMonth}
      data-archived={archived ? 'true' : 'false'}
    >
      <div className={cn('flex min-w-0 flex-col gap-1 border-t border-slate-100 py-2', archived && 'opacity-60')}>
        <button
          type="button"
          className="text-start text-sm font-medium text-slate-900 hover:text-brand-800 hover:underline"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={toggle}
          data-testid="skill-title"
        >
          {shown.title}
        </button>
        <div className="flex flex-wrap items-center gap-1.5">
          <CategoryBadge category={skill.category} />
          <span className="text-xs text-slate-500" data-testid="skill-window">
            {windowLabel(skill.startMonth, skill.endMonth)}
          </span>
          {archived ? <Badge tone="warning">{t('common.archived')}</Badge> : null}
        </div>
        {editing ? (
          <div className="-ms-2 flex flex-wrap items-center" data-testid="skill-actions">
            {archived ? (
              <Button
                variant="ghost"
                size="sm"
                pending={busy}
                onClick={() => actions.setArchived(skill, false)}
                data-testid="restore-skill"
              >
                <RotateCcw className="size-4" aria-hidden />
                {t('roadmap.restore')}
              </Button>
            ) : (
              <>
                <IconButton
                  label={t('roadmap.editSkill')}
                  icon={Pencil}
                  onClick={() => actions.edit(skill)}
                  data-testid="edit-skill"
                />
                <IconButton
                  label={t('roadmap.moveUp')}
                  icon={ArrowUp}
                  disabled={first || busy}
                  onClick={() => actions.move(skill, 'up')}
                  data-testid="move-skill-up"
                />
                <IconButton
                  label={t('roadmap.moveDown')}
                  icon={ArrowDown}
                  disabled={last || busy}
                  onClick={() => actions.move(skill, 'down')}
                  data-testid="move-skill-down"
                />
                <ConfirmDialog
                  trigger={
                    <IconButton
                      label={t('roadmap.archiveSkill')}
                      icon={Archive}
                      className="text-red-700 hover:bg-red-50"
                      disabled={busy}
                      data-testid="archive-skill"
                    />
                  }
                  title={t('roadmap.archiveSkillTitle', { title: isolate(shown.title) })}
                  description={t('roadmap.archiveSkillBody')}
                  confirmLabel={t('roadmap.archive')}
                  onConfirm={() => actions.setArchived(skill, true)}
                />
              </>
            )}
          </div>
        ) : null}
      </div>
      <div className="relative hidden h-full min-h-12 border-t border-slate-100 md:block">
        <Bands />
        <button
          type="button"
          className={cn(
            'absolute top-1/2 h-5 -translate-y-1/2 rounded-md shadow-sm ring-1 ring-black/5 transition-opacity hover:opacity-80',
            categoryColor(skill.category),
            archived && 'opacity-40',
          )}
          style={windowStyle(skill.startMonth, skill.endMonth)}
          aria-label={`${shown.title}: ${windowLabel(skill.startMonth, skill.endMonth)}`}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={toggle}
          data-testid="skill-bar"
        />
      </div>
      {open ? (
        <div
          id={panelId}
          className="mb-2 rounded-lg bg-slate-50 px-4 py-3 text-sm leading-relaxed text-slate-700 md:col-span-2"
          data-testid="skill-description"
        >
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t('roadmap.skillMeaning')}
          </p>
          {shown.description || <span className="text-slate-500">{t('roadmap.noDescription')}</span>}
        </div>
      ) : null}
    </li>
  );
}

// ---------------------------------------------------------------- briefs and resources

function SkillChips({ data, skillIds }: { data: RoadmapData; skillIds: string[] }) {
  const text = useRoadmapText();
  const byId = new Map(data.skills.map((s) => [s.skillId, s]));
  const skills = skillIds.map((id) => byId.get(id)).filter((s): s is Skill => Boolean(s));
  if (skills.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-1.5" data-testid="skill-chips">
      {skills.map((s) => (
        <li key={s.skillId}>
          <Badge className="gap-1.5" data-key={s.key}>
            <span className={cn('size-2 rounded-full', categoryColor(s.category))} aria-hidden />
            {text('skill', s).title}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

function RowActions({
  editing,
  archived,
  busy,
  title,
  kind,
  onEdit,
  onArchive,
}: {
  editing: boolean;
  archived: boolean;
  busy: boolean;
  title: string;
  kind: 'brief' | 'resource';
  onEdit: () => void;
  onArchive: (archived: boolean) => void;
}) {
  const { t } = useTranslation();
  if (!editing) return null;
  if (archived) {
    return (
      <Button variant="ghost" size="sm" pending={busy} onClick={() => onArchive(false)} data-testid={`restore-${kind}`}>
        <RotateCcw className="size-4" aria-hidden />
        {t('roadmap.restore')}
      </Button>
    );
  }
  return (
    <div className="flex shrink-0 items-center">
      <IconButton label={t('roadmap.edit')} icon={Pencil} onClick={onEdit} data-testid={`edit-${kind}`} />
      <ConfirmDialog
        trigger={
          <IconButton
            label={t('roadmap.archive')}
            icon={Archive}
            className="text-red-700 hover:bg-red-50"
            disabled={busy}
            data-testid={`archive-${kind}`}
          />
        }
        title={t(`roadmap.archive_${kind}Title`, { title: isolate(title) })}
        description={t(`roadmap.archive_${kind}Body`)}
        confirmLabel={t('roadmap.archive')}
        onConfirm={() => onArchive(true)}
      />
    </div>
  );
}

/**
 * The briefs or the resources of the roadmap: a card with its heading, an "add" button while
 * editing, and a row per item (`renderItem` draws the row's content around the row's actions).
 */
function ItemsCard<T extends Brief | Resource>({
  kind,
  title,
  description,
  addLabel,
  emptyTitle,
  items,
  listClassName,
  itemClassName,
  archivedClassName,
  renderItem,
  editing,
  onAdd,
  onEdit,
  onArchive,
  busyId,
}: {
  kind: 'brief' | 'resource';
  title: string;
  description: string;
  addLabel: string;
  emptyTitle: string;
  items: T[];
  listClassName: string;
  itemClassName: string;
  archivedClassName: string;
  renderItem: (
    item: T,
    row: { title: string; description: string; archived: boolean; actions: ReactNode },
  ) => ReactNode;
  editing: boolean;
  onAdd: () => void;
  onEdit: (item: T) => void;
  onArchive: (item: T, archived: boolean) => void;
  busyId: string | undefined;
}) {
  const text = useRoadmapText();
  return (
    <Card data-testid={`${kind}s`}>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <CardTitle>{title}</CardTitle>
            <CardDescription>{description}</CardDescription>
          </div>
          {editing ? (
            <Button variant="secondary" size="sm" onClick={onAdd} data-testid={`add-${kind}`}>
              <Plus className="size-4" aria-hidden />
              {addLabel}
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <StateMessage kind="empty" title={emptyTitle} />
        ) : (
          <ul className={listClassName}>
            {items.map((item) => {
              const shown = text(kind, item);
              const archived = Boolean(item.archivedAt);
              return (
                <li
                  key={item.id}
                  className={cn(itemClassName, archived && archivedClassName)}
                  data-testid={kind}
                  data-id={item.id}
                  data-archived={archived ? 'true' : 'false'}
                >
                  {renderItem(item, {
                    ...shown,
                    archived,
                    actions: (
                      <RowActions
                        editing={editing}
                        archived={archived}
                        busy={busyId === item.id}
                        title={shown.title}
                        kind={kind}
                        onEdit={() => onEdit(item)}
                        onArchive={(a) => onArchive(item, a)}
                      />
                    ),
                  })}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

type ItemsCardProps<T extends Brief | Resource> = Pick<
  ComponentProps<typeof ItemsCard<T>>,
  'editing' | 'onAdd' | 'onEdit' | 'onArchive' | 'busyId'
> & { data: RoadmapData };

function BriefsCard({ data, ...props }: ItemsCardProps<Brief>) {
  const { t } = useTranslation();
  return (
    <ItemsCard
      kind="brief"
      title={t('roadmap.briefsTitle')}
      description={t('roadmap.briefsDescription')}
      addLabel={t('roadmap.addBrief')}
      emptyTitle={t('roadmap.noBriefs')}
      items={data.briefs}
      listClassName="grid gap-4 lg:grid-cols-2"
      itemClassName="rounded-lg border border-slate-200 p-4"
      archivedClassName="border-dashed opacity-70"
      renderItem={(b, { title, description, archived, actions }) => (
        <>
          <div className="flex items-start justify-between gap-2">
            <h3 className="font-medium text-slate-900">
              {title}
              {archived ? <Badge className="ms-2">{t('common.archived')}</Badge> : null}
            </h3>
            {actions}
          </div>
          {description ? <p className="mt-1 text-sm leading-relaxed text-slate-600">{description}</p> : null}
          <SkillChips data={data} skillIds={b.skillIds} />
        </>
      )}
      {...props}
    />
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function ResourcesCard({ data, ...props }: ItemsCardProps<Resource>) {
  const { t } = useTranslation();
  return (
    <ItemsCard
      kind="resource"
      title={t('roadmap.resourcesTitle')}
      description={t('roadmap.resourcesDescription')}
      addLabel={t('roadmap.addResource')}
      emptyTitle={t('roadmap.noResources')}
      items={data.resources}
      listClassName="divide-y divide-slate-100"
      itemClassName="flex items-start justify-between gap-3 py-3"
      archivedClassName="opacity-60"
      renderItem={(r, { title, archived, actions }) => (
        <>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <a
                href={r.url}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex items-center gap-1 font-medium text-brand-800 hover:underline"
                data-testid="resource-link"
              >
                {title}
                <ExternalLink className="size-3.5 shrink-0 rtl:-scale-x-100" aria-hidden />
                <span className="sr-only">{t('common.opensInNewTab')}</span>
              </a>
              <Badge tone="brand" data-testid="resource-kind">
                {t(`resourceKinds.${r.kind}`, { defaultValue: r.kind })}
              </Badge>
              {archived ? <Badge>{t('common.archived')}</Badge> : null}
            </div>
            <bdi dir="ltr" className="text-xs text-slate-500">
              {hostOf(r.url)}
            </bdi>
            <SkillChips data={data} skillIds={r.skillIds} />
          </div>
          {actions}
        </>
      )}
      {...props}
    />
  );
}
