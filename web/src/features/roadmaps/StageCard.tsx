import { Archive, ArrowDown, ArrowUp, Pencil, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MonthRuler, useWindowLabel } from '../../components/timeline';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { isolate } from '../../lib/format';
import { useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';
import type { Skill, Stage } from './roadmapData';
import { IconButton, type SkillActions, SkillRow } from './SkillRow';

// ---------------------------------------------------------------- stages and the month scale

export function StageCard({
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
