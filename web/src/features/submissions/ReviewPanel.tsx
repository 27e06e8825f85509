import { reviewInput, SKILL_RATINGS } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, RotateCcw, Sparkles, Undo2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../components/FormField';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { Textarea } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { serverErrorMessage } from '../../lib/forms';
import { useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';
import { errorData, type RouterOutputs, useTRPC } from '../../trpc';
import { type AnalysisView, parseAnalysisResult } from './AnalysisCard';
import { useSubmissionTitle } from './common';
import { SignalEvidence } from './SignalEvidence';
import { SnippetsMenu } from './SnippetsMenu';

type Detail = RouterOutputs['submissions']['get'];
type Rating = (typeof SKILL_RATINGS)[number];
type Decision = 'approved' | 'changes_requested';

interface ReviewValues {
  comment: string;
  /** The mentor's choices only: a skill not chosen yet is "not shown", or "suggested" (unrated) when the analysis suggests it. */
  ratings: Record<string, Rating | undefined>;
}

/** Where the next submission in the queue is, after a review (none when the queue is empty). */
export interface NextInQueue {
  id: string;
  title: string;
  learnerName: string;
}

/** Whether a submission waits for a review (or needs one again: changed after approval). */
export function isReviewable(s: Detail['submission']): boolean {
  return s.status === 'submitted' || s.status === 'in_review' || (s.status === 'approved' && s.changedSinceApproval);
}

/**
 * The mentor's review of the current revision: a rating per claimed skill, a Markdown comment with
 * saved snippets, approve or request changes. The version and revision the mentor saw are pinned
 * when the panel opens: if someone else reviews first, the server answers CONFLICT and the typed
 * text and ratings stay in the form until the mentor reloads and reviews again.
 */
export function ReviewPanel({
  detail,
  orgSlug,
  onReviewed,
  onConflict,
  refetch,
}: {
  detail: Detail;
  orgSlug: string;
  onReviewed: (decision: Decision, next: NextInQueue | null) => void;
  onConflict: (conflict: boolean) => void;
  refetch: () => Promise<{ data?: Detail | undefined }>;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const text = useRoadmapText();
  const titleOf = useSubmissionTitle();
  const { submission } = detail;
  const [pinned, setPinned] = useState({ version: submission.version, revision: submission.currentRevision });
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement | null>(null);

  const skills = useMemo(() => {
    const rev = detail.revisions.find((r) => r.revision === pinned.revision);
    const byId = new Map(detail.skills.map((s) => [s.id, s]));
    return (rev?.claimedSkillIds ?? []).flatMap((id) => {
      const s = byId.get(id);
      return s ? [{ id: s.id, key: s.key, title: text('skill', s).title }] : [];
    });
  }, [detail, pinned.revision, text]);
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
  const signalLabel = (key: string) => {
    const labelKey = `analysis.signalKeys.${key}`;
    return i18n.exists(labelKey) ? t(labelKey) : key;
  };

  const form = useForm<ReviewValues>({ defaultValues: { comment: '', ratings: {} } });
  const { register, getValues, setValue, watch } = form;
  const commentField = register('comment');
  const chosen = watch('ratings');
  // a skill the analysis suggests waits for the mentor's word (never pre-rated); any other starts at "not shown"
  const ratings: Record<string, Rating | undefined> = {};
  for (const s of skills) ratings[s.id] = chosen?.[s.id] ?? (suggested.has(s.key) ? undefined : 'not_shown');
  const pendingSuggested = skills.filter((s) => ratings[s.id] === undefined);
  const markSuggested = () => {
    for (const s of pendingSuggested) setValue(`ratings.${s.id}`, 'demonstrated', { shouldDirty: true });
    setFormError(null);
  };

  // Opening the panel moves a "submitted" revision to "in review" (once per submission).
  const started = useRef<string | null>(null);
  const start = useMutation(trpc.submissions.startReview.mutationOptions());
  const { mutate: startMutate } = start;
  useEffect(() => {
    if (submission.status !== 'submitted' || started.current === submission.id) return;
    started.current = submission.id;
    const seen = submission.version;
    startMutate(
      { orgSlug, submissionId: submission.id },
      {
        onSuccess: (res) => {
          // our own move: the version we review is the one after it
          if (res.status === 'in_review' && res.version === seen + 1) {
            setPinned((p) => (p.version === seen ? { ...p, version: res.version } : p));
          }
          void queryClient.invalidateQueries(trpc.submissions.get.queryFilter());
          void queryClient.invalidateQueries(trpc.submissions.queue.pathFilter());
        },
      },
    );
  }, [submission.status, submission.id, submission.version, orgSlug, startMutate, queryClient, trpc]);

  const review = useMutation(trpc.submissions.review.mutationOptions());
  const reviewable = isReviewable(submission);
  const changedUnderUs = !conflict && submission.version > pinned.version && !start.isPending;

  const send = (decision: Decision) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      if (pendingSuggested.length > 0) {
        setFormError(t('review.suggestedUnrated', { count: pendingSuggested.length }));
        return;
      }
      const input = {
        orgSlug,
        submissionId: submission.id,
        revision: pinned.revision,
        expectedVersion: pinned.version,
        decision,
        comment: values.comment,
        ratings: skills.map((s) => ({
          skillId: s.id,
          rating: values.ratings[s.id] ?? ratings[s.id] ?? ('not_shown' as const),
        })),
      };
      const checked = reviewInput.safeParse(input);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        if (issue?.path[0] === 'comment') form.setError('comment', { type: 'validate', message: issue.message });
        else setFormError(t(issue?.message ?? 'errors.generic'));
        return;
      }
      try {
        await review.mutateAsync(input);
        setConflict(false);
        onConflict(false);
        form.reset({ comment: '', ratings: {} });
        await Promise.all([
          queryClient.invalidateQueries(trpc.submissions.pathFilter()),
          queryClient.invalidateQueries(trpc.progress.pathFilter()),
        ]);
        // the next submission waiting (oldest first), so the mentor goes on without the queue page
        const queue = await queryClient
          .fetchQuery(trpc.submissions.queue.queryOptions({ orgSlug, page: 1, pageSize: 2, status: 'waiting' }))
          .catch(() => null);
        const next = queue?.items.find((item) => item.id !== submission.id);
        onReviewed(decision, next ? { id: next.id, title: titleOf(next), learnerName: next.learnerName } : null);
      } catch (err) {
        if (errorData(err)?.code === 'CONFLICT') {
          // keep every typed word; the mentor reloads, then reviews again
          setConflict(true);
          onConflict(true);
        } else {
          setFormError(serverErrorMessage(err));
        }
      }
    })();

  const reload = async () => {
    setReloading(true);
    try {
      const res = await refetch();
      if (res.data) {
        setPinned({ version: res.data.submission.version, revision: res.data.submission.currentRevision });
        setConflict(false);
      }
    } finally {
      setReloading(false);
    }
  };

  const insert = (body: string) => {
    const el = commentRef.current;
    const value = getValues('comment');
    const startPos = el?.selectionStart ?? value.length;
    const endPos = el?.selectionEnd ?? value.length;
    const before = value.slice(0, startPos);
    const after = value.slice(endPos);
    const sep = before && !before.endsWith('\n') ? '\n\n' : '';
    const next = `${before}${sep}${body}${after}`;
    setValue('comment', next, { shouldDirty: true });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const caret = before.length + sep.length + body.length;
      el.setSelectionRange(caret, caret);
    });
  };

  const commentError = useErrorText(form.formState.errors.comment?.message);
  const disabled = !reviewable || conflict || review.isPending;

  // the same way back whether another mentor reviewed (conflict) or the submission changed meanwhile
  const reloadButton = (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      className="mt-2"
      pending={reloading}
      onClick={() => void reload()}
      data-testid="review-reload"
    >
      <RotateCcw className="size-4" aria-hidden />
      {t('review.reload')}
    </Button>
  );

  return (
    <Card data-testid="review-panel">
      <CardHeader>
        <CardTitle>{t('review.title', { revision: pinned.revision })}</CardTitle>
        <CardDescription>{t('review.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {conflict ? (
          <Alert tone="error" data-testid="review-conflict">
            <p>{t('errors.review.conflict')}</p>
            {reloadButton}
          </Alert>
        ) : changedUnderUs ? (
          <Alert tone="info" data-testid="review-stale">
            <p>{t('review.changedWhileOpen')}</p>
            {reloadButton}
          </Alert>
        ) : null}
        {!reviewable && !conflict ? (
          <Alert tone="info" data-testid="review-closed">
            {t('review.notReviewable')}
          </Alert>
        ) : null}
        {formError ? (
          <Alert tone="error" data-testid="review-error">
            {formError}
          </Alert>
        ) : null}
        <form
          noValidate
          onSubmit={(e) => e.preventDefault()}
          className="flex flex-col gap-5"
          data-testid="review-form"
          data-version={pinned.version}
          data-revision={pinned.revision}
        >
          <fieldset className="flex flex-col gap-2" data-testid="review-skills">
            <legend className="mb-2 text-sm font-medium text-slate-800">{t('review.skillsTitle')}</legend>
            {skills.length === 0 ? <p className="text-sm text-slate-500">{t('review.noSkills')}</p> : null}
            {pendingSuggested.length > 0 && reviewable ? (
              <div
                className="flex flex-col gap-2 rounded-lg border border-brand-100 bg-brand-50 p-3 sm:flex-row sm:items-center sm:justify-between"
                data-testid="suggested-pending"
                data-count={pendingSuggested.length}
              >
                <p className="text-sm text-brand-800">
                  {t('review.suggestedPending', { count: pendingSuggested.length })}
                </p>
                <Button
                  type="button"
                  variant="secondary"
                  className="min-h-11 shrink-0"
                  onClick={markSuggested}
                  data-testid="mark-suggested"
                >
                  <Sparkles className="size-4" aria-hidden />
                  {t('review.markSuggested', { count: pendingSuggested.length })}
                </Button>
              </div>
            ) : null}
            <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
              {skills.map((skill) => {
                const isSuggested = suggested.has(skill.key);
                const rating = ratings[skill.id];
                const evidence = evidenceByKey.get(skill.key) ?? [];
                return (
                  <li
                    key={skill.id}
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
                      disabled={!reviewable}
                      onChange={(r) => setValue(`ratings.${skill.id}`, r, { shouldDirty: true })}
                    />
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div className="flex flex-col gap-1.5">
            <div className="flex flex-wrap items-end justify-between gap-2">
              <Label htmlFor="review-comment">{t('review.comment')}</Label>
              <SnippetsMenu
                orgSlug={orgSlug}
                skills={skills.map((s) => ({ id: s.id, title: s.title }))}
                currentText={() => getValues('comment')}
                onInsert={insert}
              />
            </div>
            <Textarea
              id="review-comment"
              rows={8}
              dir="auto"
              aria-invalid={commentError ? true : undefined}
              aria-describedby={commentError ? 'review-comment-error' : 'review-comment-hint'}
              {...commentField}
              ref={(el) => {
                commentField.ref(el);
                commentRef.current = el;
              }}
            />
            {commentError ? (
              <p id="review-comment-error" className="text-xs font-medium text-red-700" data-testid="error-comment">
                {commentError}
              </p>
            ) : (
              <p id="review-comment-hint" className="text-xs text-slate-500">
                {t('review.commentHint')}
              </p>
            )}
          </div>
          <div className="flex flex-wrap justify-end gap-3">
            <Button
              type="button"
              variant="secondary"
              disabled={disabled}
              pending={review.isPending && review.variables?.decision === 'changes_requested'}
              onClick={() => void send('changes_requested')}
              data-testid="request-changes"
            >
              <Undo2 className="size-4 rtl:-scale-x-100" aria-hidden />
              {t('review.requestChanges')}
            </Button>
            <Button
              type="button"
              disabled={disabled}
              pending={review.isPending && review.variables?.decision === 'approved'}
              onClick={() => void send('approved')}
              data-testid="approve"
            >
              <Check className="size-4" aria-hidden />
              {t('review.approve')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
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
