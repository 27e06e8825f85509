import { reviewInput } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, RotateCcw, Undo2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { knownKey } from '../../i18n';
import { serverErrorMessage } from '../../lib/forms';
import { errorData, useTRPC } from '../../trpc';
import { type SubmissionDetail, useSubmissionTitle } from './common';
import { ReviewComment } from './ReviewComment';
import {
  type Decision,
  type Rating,
  ReviewSkillRow,
  type ReviewValues,
  SuggestedPending,
  useReviewSkills,
} from './ReviewSkills';

/** Where the next submission in the queue is, after a review (none when the queue is empty). */
export interface NextInQueue {
  id: string;
  title: string;
  learnerName: string;
}

/** Whether a submission waits for a review (or needs one again: changed after approval). */
export function isReviewable(s: SubmissionDetail['submission']): boolean {
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
  detail: SubmissionDetail;
  orgSlug: string;
  onReviewed: (decision: Decision, next: NextInQueue | null) => void;
  onConflict: (conflict: boolean) => void;
  refetch: () => Promise<{ data?: SubmissionDetail | undefined }>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleOf = useSubmissionTitle();
  const { submission } = detail;
  const [pinned, setPinned] = useState({ version: submission.version, revision: submission.currentRevision });
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);

  const { skills, analysisDone, suggested, evidenceByKey } = useReviewSkills(detail, pinned.revision);

  const form = useForm<ReviewValues>({ defaultValues: { comment: '', ratings: {} } });
  const { setValue, watch } = form;
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
        else setFormError(t(knownKey(issue?.message) ?? 'errors.generic'));
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
              <SuggestedPending count={pendingSuggested.length} onMark={markSuggested} />
            ) : null}
            <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
              {skills.map((skill) => (
                <ReviewSkillRow
                  key={skill.id}
                  skill={skill}
                  suggested={suggested.has(skill.key)}
                  rating={ratings[skill.id]}
                  evidence={evidenceByKey.get(skill.key) ?? []}
                  analysisDone={analysisDone}
                  disabled={!reviewable}
                  onRate={(r) => setValue(`ratings.${skill.id}`, r, { shouldDirty: true })}
                />
              ))}
            </ul>
          </fieldset>
          <ReviewComment form={form} orgSlug={orgSlug} skills={skills} />
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
