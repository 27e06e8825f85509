import { Archive, ArrowDown, ArrowUp, Pencil, RotateCcw } from 'lucide-react';
import { type ComponentProps, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bands, CategoryBadge, categoryColor, useWindowLabel, windowStyle } from '../../components/timeline';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { isolate } from '../../lib/format';
import { useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';
import type { RoadmapData, Skill } from './roadmapData';

export interface SkillActions {
  edit: (skill: Skill) => void;
  move: (skill: Skill, direction: 'up' | 'down') => void;
  setArchived: (skill: Skill, archived: boolean) => void;
  busy: (skill: Skill) => boolean;
}

export function IconButton({
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

export function SkillRow({
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

export function SkillChips({ data, skillIds }: { data: RoadmapData; skillIds: string[] }) {
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

export function RowActions({
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
