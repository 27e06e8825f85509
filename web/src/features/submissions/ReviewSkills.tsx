import { SKILL_RATINGS } from '@masar/shared';
import { Sparkles } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import { knownKey } from '../../i18n';
import { useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';
import { type AnalysisView, parseAnalysisResult } from './analysisResult';
import type { SubmissionDetail } from './common';
import { SignalEvidence } from './SignalEvidence';

export type Rating = (typeof SKILL_RATINGS)[number];
export type Decision = 'approved' | 'changes_requested';

export interface ReviewValues {
  comment: string;
  /** The mentor's choices only: a skill not chosen yet is "not shown", or "suggested" (unrated) when the analysis suggests it. */
  ratings: Record<string, Rating | undefined>;
}

/** A claimed skill of the revision under review, with its title in the reader's language. */
export interface ReviewSkill {
  id: string;
  key: string;
  title: string;
}

/** The revision's claimed skills, and what the analysis says of each (suggested, evidence). */
export function useReviewSkills(detail: SubmissionDetail, revision: number) {
  const text = useRoadmapText();
  const skills = useMemo((): ReviewSkill[] => {
    const rev = detail.revisions.find((r) => r.revision === revision);
    const byId = new Map(detail.skills.map((s) => [s.id, s]));
    return (rev?.claimedSkillIds ?? []).flatMap((id) => {
      const s = byId.get(id);
      return s ? [{ id: s.id, key: s.key, title: text('skill', s).title }] : [];
    });
  }, [detail, revision, text]);
  const result = useMemo(() => parseAnalysisResult(detail.analysis?.result), [detail.analysis]);
  const analysisDone = detail.analysis?.status === 'done' && result !== null;
  const suggested = useMemo(() => new Set(result?.suggestedSkills ?? []), [result]);
  // each claimed skill's evidence: the analysis signals that point at it, shown beside its rating
  const evidenceByKey = useMemo(() => {
    const map = new Map<string, AnalysisView['signals']>();
    for (const signal of result?.signals ?? []) {
      for (const key of signal.skillKeys) map.set(key, [...(map.get(key) ?? []), signal]);
    }
    return map;
  }, [result]);
  return { skills, analysisDone, suggested, evidenceByKey };
}

/** "N skills the analysis suggests wait for your rating", with a button that marks them demonstrated. */
export function SuggestedPending({ count, onMark }: { count: number; onMark: () => void }) {
  const { t } = useTranslation();
  return (
    <div
      className="flex flex-col gap-2 rounded-lg border border-brand-100 bg-brand-50 p-3 sm:flex-row sm:items-center sm:justify-between"
      data-testid="suggested-pending"
      data-count={count}
    >
      <p className="text-sm text-brand-800">{t('review.suggestedPending', { count })}</p>
      <Button
        type="button"
        variant="secondary"
        className="min-h-11 shrink-0"
        onClick={onMark}
        data-testid="mark-suggested"
      >
        <Sparkles className="size-4" aria-hidden />
        {t('review.markSuggested', { count })}
      </Button>
    </div>
  );
}

/** One claimed skill: its title, whether the analysis suggests it and why, and the rating choice. */
export function ReviewSkillRow({
  skill,
  suggested: isSuggested,
  rating,
  evidence,
  analysisDone,
  disabled,
  onRate,
}: {
  skill: ReviewSkill;
  suggested: boolean;
  rating: Rating | undefined;
  evidence: AnalysisView['signals'];
  analysisDone: boolean;
  disabled: boolean;
  onRate: (rating: Rating) => void;
}) {
  const { t } = useTranslation();
  const signalLabel = (key: string) => {
    const known = knownKey(`analysis.signalKeys.${key}`);
    return known ? t(known) : key;
  };
  return (
    <li
      className={cn(
        'flex flex-col gap-3 px-3 py-3 lg:flex-row lg:items-start lg:justify-between',
        isSuggested && !rating && 'bg-brand-50/60',
      )}
      data-testid="review-skill"
      data-key={skill.key}
      data-suggested={isSuggested ? 'true' : 'false'}
      data-rating={rating ?? 'unrated'}
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium text-slate-900" id={`skill-${skill.id}`}>
            {skill.title}
          </span>
          {isSuggested ? (
            <span
              className="inline-flex items-center gap-1 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-800"
              data-testid="suggested-by-analysis"
            >
              <Sparkles className="size-3" aria-hidden />
              {t('review.suggested')}
            </span>
          ) : null}
        </div>
        {evidence.length > 0 ? (
          <ul className="flex flex-col gap-1" data-testid="skill-evidence">
            {evidence.map((signal, i) => (
              <li key={`${signal.key}-${i}`} className="text-sm text-slate-600">
                <span className="font-medium text-slate-700">{signalLabel(signal.key)}</span>
                {t('review.evidenceSeparator')}
                <SignalEvidence evidence={signal.evidence} />
              </li>
            ))}
          </ul>
        ) : analysisDone ? (
          <p className="text-xs text-slate-500" data-testid="skill-no-evidence">
            {t('review.noEvidence')}
          </p>
        ) : null}
      </div>
      <RatingChoice
        name={`rating-${skill.key}`}
        labelledBy={`skill-${skill.id}`}
        value={rating}
        disabled={disabled}
        onChange={onRate}
      />
    </li>
  );
}

/**
 * A skill's rating as three buttons in a row (radio inputs: one tab stop, arrow keys move), each at
 * least 44 px high. No choice checked means the analysis suggests the skill and the mentor has not
 * rated it yet.
 */
function RatingChoice({
  name,
  labelledBy,
  value,
  disabled,
  onChange,
}: {
  name: string;
  labelledBy: string;
  value: Rating | undefined;
  disabled: boolean;
  onChange: (rating: Rating) => void;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="radiogroup"
      aria-labelledby={labelledBy}
      className="grid w-full shrink-0 grid-cols-3 overflow-hidden rounded-md border border-slate-300 lg:w-auto"
      data-testid="rating-choice"
    >
      {SKILL_RATINGS.map((r) => (
        <label
          key={r}
          className={cn(
            'relative flex min-h-11 cursor-pointer items-center justify-center border-s border-slate-300 px-3 text-center text-sm font-medium first:border-s-0 has-focus-visible:outline-2 has-focus-visible:-outline-offset-2 has-focus-visible:outline-brand-600',
            value === r
              ? r === 'demonstrated'
                ? 'bg-green-700 text-white'
                : r === 'partial'
                  ? 'bg-amber-100 text-amber-900'
                  : 'bg-slate-200 text-slate-900'
              : 'bg-white text-slate-700 hover:bg-slate-50',
            disabled && 'cursor-not-allowed opacity-60',
          )}
        >
          <input
            type="radio"
            className="sr-only"
            name={name}
            value={r}
            checked={value === r}
            disabled={disabled}
            onChange={() => onChange(r)}
          />
          {t(`review.ratings.${r}`)}
        </label>
      ))}
    </div>
  );
}
