import { builtinSkillByKey } from '@masar/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';
import type { RouterOutputs } from '../../trpc';

export { useDuration, useRelativeTime } from '../../lib/time';

/** One submission with its revisions, reviews and analysis (`submissions.get`). */
export type SubmissionDetail = RouterOutputs['submissions']['get'];

export const SUBMISSION_STATUSES = ['submitted', 'in_review', 'changes_requested', 'approved', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const ANALYSIS_STATUSES = ['queued', 'running', 'done', 'not_found', 'rate_limited', 'failed'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

const STATUS_TONE: Record<SubmissionStatus, 'neutral' | 'brand' | 'success' | 'warning' | 'danger'> = {
  submitted: 'brand',
  in_review: 'warning',
  changes_requested: 'danger',
  approved: 'success',
  withdrawn: 'neutral',
};

const ANALYSIS_TONE: Record<AnalysisStatus, 'neutral' | 'brand' | 'success' | 'warning' | 'danger'> = {
  queued: 'neutral',
  running: 'brand',
  done: 'success',
  not_found: 'danger',
  rate_limited: 'warning',
  failed: 'danger',
};

export function SubmissionStatusBadge({
  status,
  className,
  testId,
}: {
  status: SubmissionStatus;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Badge
      tone={STATUS_TONE[status]}
      className={cn('whitespace-nowrap', className)}
      data-testid={testId}
      data-status={status}
    >
      {t(`submissions.status.${status}`)}
    </Badge>
  );
}

export function AnalysisStatusBadge({ status }: { status: AnalysisStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <span className="text-slate-400">—</span>;
  return (
    <Badge tone={ANALYSIS_TONE[status]} className="whitespace-nowrap" data-analysis-status={status}>
      {t(`analysis.short.${status}`)}
    </Badge>
  );
}

/** `owner/repo`, always left-to-right and isolated from the surrounding (maybe Arabic) text. */
export function RepoName({ owner, repo, className }: { owner: string; repo: string; className?: string }) {
  return (
    <bdi dir="ltr" className={cn('whitespace-nowrap font-mono text-[0.8125rem]', className)}>
      {owner}/{repo}
    </bdi>
  );
}

/** The title of a skill known only by its key (suggested by the analysis), in the current language. */
export function useSkillKeyTitle() {
  const { i18n } = useTranslation();
  const ar = i18n.language.startsWith('ar');
  return useCallback(
    (key: string, known?: string) => {
      if (known) return known;
      const builtin = builtinSkillByKey(key);
      if (!builtin) return key;
      return ar ? builtin.title.ar : builtin.title.en;
    },
    [ar],
  );
}

/**
 * A submission's title in the reader's language: a title left as its brief's (the form sends the
 * brief's stored title when the learner types none) follows the language like the brief does; a
 * title the learner wrote is shown as written.
 */
export function useSubmissionTitle() {
  const text = useRoadmapText();
  return useCallback(
    (s: { title: string; briefTitle?: string | null; briefBuiltinKey?: string | null }) =>
      s.briefTitle && s.title === s.briefTitle
        ? text('brief', { title: s.briefTitle, builtinKey: s.briefBuiltinKey }).title
        : s.title,
    [text],
  );
}
