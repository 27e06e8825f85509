import { ChevronDown, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Choice, ChoiceGroup } from '../../components/FormField';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { useRoadmapText } from '../../lib/roadmapText';
import type { RouterOutputs } from '../../trpc';

type MyCohort = RouterOutputs['progress']['mine']['cohorts'][number];
type Brief = RouterOutputs['roadmaps']['get']['briefs'][number];

/**
 * The skills a submission claims, grouped by the cohort's stages: chosen ones listed first as
 * removable chips, a search, and stages that fold (open when they hold a chosen skill).
 */
export function SkillPicker({
  cohort,
  brief,
  claimed,
  onChange,
  error,
}: {
  cohort: MyCohort | undefined;
  brief: Brief | undefined;
  claimed: string[];
  onChange: (next: string[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useRoadmapText();
  const groups = useMemo(() => {
    if (!cohort) return [];
    const stageIds = new Set(cohort.stages.map((s) => s.id));
    const out = cohort.stages.map((stage) => ({
      id: stage.id,
      title: text('stage', stage).title,
      skills: cohort.skills.filter((s) => s.stageId === stage.id),
    }));
    const loose = cohort.skills.filter((s) => !s.stageId || !stageIds.has(s.stageId));
    if (loose.length) out.push({ id: 'other', title: t('submissions.submit.otherSkills'), skills: loose });
    return out.filter((g) => g.skills.length > 0);
  }, [cohort, text, t]);

  // Stages fold away (a roadmap has dozens of skills): open are those with a chosen skill, and the
  // ones the person opens; a search opens every stage with a match. Chosen skills are listed first.
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const [openGroups, setOpenGroups] = useState<Set<string>>(() => new Set());
  const claimedSkills = useMemo(() => {
    const all = groups.flatMap((g) => g.skills);
    return claimed.flatMap((id) => all.filter((s) => s.skillId === id));
  }, [groups, claimed]);
  const withChosen = useMemo(
    () => groups.filter((g) => g.skills.some((s) => claimed.includes(s.skillId))).map((g) => g.id),
    [groups, claimed],
  );
  // a stage with a chosen skill (a brief's, a new revision's) opens once; closing it later sticks
  const seenOpen = useRef(new Set<string>());
  useEffect(() => {
    const fresh = withChosen.filter((id) => !seenOpen.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) seenOpen.current.add(id);
    setOpenGroups((prev) => new Set([...prev, ...fresh]));
  }, [withChosen]);
  const shownGroups = useMemo(
    () =>
      needle
        ? groups
            .map((g) => ({
              ...g,
              skills: g.skills.filter((s) => text('skill', s).title.toLowerCase().includes(needle)),
            }))
            .filter((g) => g.skills.length > 0)
        : groups,
    [groups, needle, text],
  );

  const setClaimed = onChange;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...new Set([...claimed, id])] : claimed.filter((x) => x !== id));

  return (
    <ChoiceGroup
      legend={t('submissions.submit.skills')}
      hint={t('submissions.submit.skillsHint')}
      error={error}
      name="claimedSkillIds"
      testId="skill-picker"
      className="flex flex-col gap-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span data-testid="claimed-count">
          {t('submissions.submit.selected', { count: claimed.length, formatted: fmt.number(claimed.length) })}
        </span>
        {claimed.length > 0 ? (
          <Button type="button" variant="link" size="sm" onClick={() => setClaimed([])}>
            {t('submissions.submit.clear')}
          </Button>
        ) : null}
      </div>
      {!cohort ? <p className="text-sm text-slate-500">{t('submissions.submit.chooseCohortFirst')}</p> : null}
      {claimed.length > 0 ? (
        <ul
          className="flex flex-wrap gap-1.5"
          data-testid="claimed-skills"
          aria-label={t('submissions.submit.selectedTitle')}
        >
          {claimedSkills.map((skill) => (
            <li key={skill.skillId}>
              <button
                type="button"
                className="inline-flex min-h-9 items-center gap-1 rounded-full border border-brand-100 bg-brand-50 ps-3 pe-2 text-sm text-brand-800 hover:bg-brand-100"
                onClick={() => toggle(skill.skillId, false)}
                data-key={skill.key}
              >
                {text('skill', skill).title}
                <X className="size-3.5" aria-hidden />
                <span className="sr-only">{t('submissions.submit.removeSkill')}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {groups.length > 0 ? (
        <div className="max-w-sm">
          <label htmlFor="skill-filter" className="sr-only">
            {t('submissions.submit.findSkill')}
          </label>
          <Input
            id="skill-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={t('submissions.submit.findSkill')}
            className="h-11"
            data-testid="skill-filter"
          />
        </div>
      ) : null}
      {shownGroups.map((group) => {
        const chosen = group.skills.filter((s) => claimed.includes(s.skillId)).length;
        return (
          <details
            key={group.id}
            className="group rounded-lg border border-slate-200"
            data-stage={group.id}
            open={needle !== '' || openGroups.has(group.id) || undefined}
            onToggle={(e) => {
              const open = (e.currentTarget as HTMLDetailsElement).open;
              setOpenGroups((prev) => {
                if (open === prev.has(group.id)) return prev;
                const next = new Set(prev);
                if (open) next.add(group.id);
                else next.delete(group.id);
                return next;
              });
            }}
          >
            <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 px-3 py-2 text-sm font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
              <span className="flex min-w-0 items-center gap-2">
                <ChevronDown
                  className="size-4 shrink-0 -rotate-90 text-slate-500 transition-transform group-open:rotate-0 rtl:rotate-90 rtl:group-open:rotate-0"
                  aria-hidden
                />
                <span className="min-w-0">{group.title}</span>
              </span>
              <span className="shrink-0 text-xs font-normal text-slate-600">
                {chosen > 0
                  ? t('submissions.submit.groupChosen', { chosen, total: group.skills.length })
                  : t('submissions.submit.groupTotal', { count: group.skills.length })}
              </span>
            </summary>
            <div className="grid gap-x-4 gap-y-1 border-t border-slate-100 p-3 sm:grid-cols-2 lg:grid-cols-3">
              {group.skills.map((skill) => {
                const inBrief = brief?.skillIds.includes(skill.skillId);
                return (
                  <Choice
                    key={skill.skillId}
                    name="claimedSkillIds"
                    value={skill.skillId}
                    data-key={skill.key}
                    className="min-h-11 items-center py-1"
                    checked={claimed.includes(skill.skillId)}
                    onChange={(e) => toggle(skill.skillId, e.target.checked)}
                    label={
                      <span className="inline-flex flex-wrap items-center gap-1.5">
                        {text('skill', skill).title}
                        {skill.status === 'verified' ? (
                          <Badge tone="success" className="px-1.5 py-0 text-[0.7rem]">
                            {t('progressStatus.verified')}
                          </Badge>
                        ) : null}
                        {inBrief ? (
                          <Badge tone="brand" className="px-1.5 py-0 text-[0.7rem]">
                            {t('submissions.submit.inBrief')}
                          </Badge>
                        ) : null}
                      </span>
                    }
                  />
                );
              })}
            </div>
          </details>
        );
      })}
      {needle && shownGroups.length === 0 ? (
        <p className="text-sm text-slate-500">{t('submissions.submit.noSkillMatches')}</p>
      ) : null}
    </ChoiceGroup>
  );
}
