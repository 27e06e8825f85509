import { reviewInput, SKILL_RATINGS } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, RotateCcw, Sparkles, Undo2 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { serverErrorMessage } from '../../lib/forms';
import { useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';
import { errorData, type RouterOutputs, useTRPC } from '../../trpc';
import { useErrorText } from '../FormField';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { NativeSelect, Textarea } from '../ui/input';
import { Label } from '../ui/label';
import { suggestedSkillKeys } from './AnalysisCard';
import { SnippetsMenu } from './SnippetsMenu';

type Detail = RouterOutputs['submission']['get'];
type Rating = (typeof SKILL_RATINGS)[number];
type Decision = 'approved' | 'changes_requested';

interface ReviewValues {
  comment: string;
  ratings: Record<string, Rating>;
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
  onReviewed: (decision: Decision) => void;
  onConflict: (conflict: boolean) => void;
  refetch: () => Promise<{ data?: Detail | undefined }>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const text = useRoadmapText();
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
  const suggested = useMemo(() => suggestedSkillKeys(detail.analysis), [detail.analysis]);

  const form = useForm<ReviewValues>({ defaultValues: { comment: '', ratings: {} } });
  const { register, control, getValues, setValue } = form;
  const commentField = register('comment');

  // Opening the panel moves a "submitted" revision to "in review" (once per submission).
  const started = useRef<string | null>(null);
  const start = useMutation(trpc.submission.startReview.mutationOptions());
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
          void queryClient.invalidateQueries(trpc.submission.get.queryFilter());
          void queryClient.invalidateQueries(trpc.submission.queue.pathFilter());
        },
      },
    );
  }, [submission.status, submission.id, submission.version, orgSlug, startMutate, queryClient, trpc]);

  const review = useMutation(trpc.submission.review.mutationOptions());
  const reviewable = isReviewable(submission);
  const changedUnderUs = !conflict && submission.version > pinned.version && !start.isPending;

  const send = (decision: Decision) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      const input = {
        orgSlug,
        submissionId: submission.id,
        revision: pinned.revision,
        expectedVersion: pinned.version,
        decision,
        comment: values.comment,
        ratings: skills.map((s) => ({ skillId: s.id, rating: values.ratings[s.id] ?? ('not_shown' as const) })),
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
        onReviewed(decision);
        await Promise.all([
          queryClient.invalidateQueries(trpc.submission.pathFilter()),
          queryClient.invalidateQueries(trpc.progress.pathFilter()),
        ]);
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
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium text-slate-800">{t('review.skillsTitle')}</legend>
            {skills.length === 0 ? <p className="text-sm text-slate-500">{t('review.noSkills')}</p> : null}
            <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
              {skills.map((skill) => {
                const isSuggested = suggested.has(skill.key);
                return (
                  <li
                    key={skill.id}
                    className={cn(
                      'flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center sm:justify-between',
                      isSuggested && 'bg-brand-50/60',
                    )}
                    data-testid="review-skill"
                    data-key={skill.key}
                    data-suggested={isSuggested ? 'true' : 'false'}
                  >
                    <div className="flex min-w-0 flex-wrap items-center gap-2">
                      <span className="text-sm font-medium text-slate-900">{skill.title}</span>
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
                    <Controller
                      control={control}
                      name={`ratings.${skill.id}`}
                      defaultValue="not_shown"
                      render={({ field }) => (
                        <NativeSelect
                          name={`rating-${skill.key}`}
                          value={field.value}
                          onChange={field.onChange}
                          onBlur={field.onBlur}
                          ref={field.ref}
                          disabled={!reviewable}
                          aria-label={t('review.ratingFor', { skill: skill.title })}
                          className="h-9 w-full sm:w-48"
                        >
                          {SKILL_RATINGS.map((r) => (
                            <option key={r} value={r}>
                              {t(`review.ratings.${r}`)}
                            </option>
                          ))}
                        </NativeSelect>
                      )}
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
