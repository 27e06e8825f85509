import { zId } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, ArrowLeft, ArrowRight, ExternalLink, GitPullRequestArrow, Undo2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundState } from '../../components/NotFoundState';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import i18n from '../../i18n';
import { useMe } from '../../lib/auth';
import { isolate, useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorData, useTRPC } from '../../trpc';
import { AnalysisCard } from './AnalysisCard';
import { RepoName, type SubmissionDetail, SubmissionStatusBadge, useSubmissionTitle } from './common';
import { isReviewable, type NextInQueue, ReviewPanel } from './ReviewPanel';
import { ReviewsCard, RevisionsCard } from './SubmissionHistory';
import { SubmittedNotice } from './SubmittedNotice';
export function SubmissionPage() {
  const { submissionId = '' } = useParams();
  return (
    <RequirePermission permission="submissions.read">
      {zId.safeParse(submissionId).success ? <SubmissionLoader submissionId={submissionId} /> : <NotFound />}
    </RequirePermission>
  );
}

function NotFound() {
  const { t } = useTranslation();
  const { slug, can } = useOrg();
  return (
    <NotFoundState
      title={t('submissions.page.notFoundTitle')}
      body={t('submissions.page.notFoundBody')}
      back={{
        to: can('progress.self') ? routes.submissions(slug) : routes.org(slug),
        label: t('submissions.page.back'),
      }}
      testId="submission-not-found"
    />
  );
}

function pollInterval(detail: SubmissionDetail | undefined): number | false {
  const status = detail?.analysis?.status;
  if (status === 'queued' || status === 'running') return 2000;
  if ((status === 'rate_limited' || status === 'failed') && detail?.analysis?.nextRetryAt) return 15_000;
  return false;
}

function SubmissionLoader({ submissionId }: { submissionId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { slug } = useOrg();
  const detail = useQuery({
    ...trpc.submissions.get.queryOptions({ orgSlug: slug, submissionId }),
    refetchInterval: (q) => pollInterval(q.state.data),
  });
  const titleOf = useSubmissionTitle();
  useDocumentTitle(detail.data ? titleOf(detail.data.submission) : t('submissions.page.title'));
  if (detail.error && errorData(detail.error)?.code === 'NOT_FOUND') return <NotFound />;
  return (
    <QueryState
      isPending={detail.isPending}
      error={detail.error}
      onRetry={() => detail.refetch()}
      errorTitle={t('submissions.page.loadError')}
    >
      {detail.data ? <SubmissionView key={submissionId} detail={detail.data} refetch={() => detail.refetch()} /> : null}
    </QueryState>
  );
}

function SubmissionView({
  detail,
  refetch,
}: {
  detail: SubmissionDetail;
  refetch: () => Promise<{ data?: SubmissionDetail | undefined }>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const text = useRoadmapText();
  const me = useMe();
  const { org, slug, can } = useOrg();
  const { submission } = detail;
  const titleOf = useSubmissionTitle();
  const isLearner = me.data?.id === submission.learnerId;
  // a notice is worded when shown (not when it happened), so it follows a language switch
  const [notice, setNotice] = useState<{
    tone: 'success' | 'error';
    text: () => string;
    /** after a review: the next submission waiting, or null when the queue is empty */
    next?: NextInQueue | null;
  } | null>(null);
  const [conflict, setConflict] = useState(false);

  const skillById = useMemo(() => {
    const map = new Map<string, { key: string; title: string }>();
    for (const s of detail.skills) map.set(s.id, { key: s.key, title: text('skill', s).title });
    return map;
  }, [detail.skills, text]);
  const skillTitleByKey = useMemo(
    () => new Map([...skillById.values()].map((s) => [s.key, s.title] as const)),
    [skillById],
  );

  const withdraw = useMutation(
    trpc.submissions.withdraw.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: async () => {
        setNotice({ tone: 'success', text: () => i18n.t('submissions.page.withdrawn') });
        await queryClient.invalidateQueries(trpc.submissions.pathFilter());
      },
      onError: (err) => setNotice({ tone: 'error', text: () => serverErrorMessage(err) }),
    }),
  );

  const current = detail.revisions.find((r) => r.revision === submission.currentRevision) ?? detail.revisions[0];
  const showPanel = detail.canReview && can('submissions.review') && (isReviewable(submission) || conflict);
  const canWithdraw = isLearner && submission.status !== 'approved' && submission.status !== 'withdrawn';
  const revisionLink = useMemo(() => {
    const params = new URLSearchParams({ cohortId: submission.cohortId, repoUrl: submission.repoUrl });
    if (submission.briefId) params.set('briefId', submission.briefId);
    params.set('title', submission.title);
    if (current?.claimedSkillIds.length) params.set('skills', current.claimedSkillIds.join(','));
    return routes.submit(slug, params);
  }, [submission, current, slug]);

  const reviewsCard = (
    <ReviewsCard detail={detail} skillById={skillById} timeZone={org.timeZone} isLearner={isLearner} />
  );
  const analysisCard = (
    <AnalysisCard
      detail={detail}
      orgSlug={slug}
      timeZone={org.timeZone}
      isLearner={isLearner}
      skillTitleByKey={skillTitleByKey}
    />
  );

  return (
    <div className="flex flex-col gap-6" data-testid="submission-page" data-submission-id={submission.id}>
      <div>
        <Link
          to={isLearner || !can('submissions.review') ? routes.submissions(slug) : routes.reviewQueue(slug)}
          className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
        >
          <ArrowLeft className="size-4 rtl:rotate-180" aria-hidden />
          {isLearner || !can('submissions.review') ? t('submissions.page.back') : t('queue.back')}
        </Link>
      </div>
      <Card>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div className="flex min-w-0 flex-col gap-2">
              <div className="flex flex-wrap items-center gap-3">
                <h2 className="text-xl font-semibold text-slate-900" dir="auto" data-testid="submission-title">
                  {titleOf(submission)}
                </h2>
                <SubmissionStatusBadge status={submission.status} testId="submission-status" />
              </div>
              <a
                href={submission.repoUrl}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex w-fit items-center gap-1.5 text-sm text-brand-700 hover:underline"
                data-testid="repo-link"
              >
                <RepoName owner={submission.repoOwner} repo={submission.repoName} />
                <ExternalLink className="size-3.5 rtl:-scale-x-100" aria-hidden />
                <span className="sr-only">{t('common.opensInNewTab')}</span>
              </a>
              <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
                {!isLearner && detail.learner ? (
                  <div className="flex gap-1">
                    <dt>{t('submissions.page.learner')}:</dt>
                    <dd className="font-medium text-slate-900" dir="auto" data-testid="submission-learner">
                      {detail.learner.name}
                    </dd>
                  </div>
                ) : null}
                {detail.cohortName ? (
                  <div className="flex gap-1">
                    <dt>{t('submissions.page.cohort')}:</dt>
                    <dd className="font-medium text-slate-900" dir="auto">
                      {detail.cohortName}
                    </dd>
                  </div>
                ) : null}
                <div className="flex gap-1">
                  <dt>{t('submissions.page.revision')}:</dt>
                  <dd className="font-medium text-slate-900" data-testid="current-revision">
                    {fmt.number(submission.currentRevision)}
                  </dd>
                </div>
                <div className="flex gap-1">
                  <dt>{t('submissions.page.submittedAt')}:</dt>
                  <dd className="font-medium text-slate-900">{fmt.dateTime(submission.submittedAt, org.timeZone)}</dd>
                </div>
              </dl>
            </div>
            {isLearner ? (
              <div className="flex flex-wrap gap-2">
                <Button asChild variant={submission.status === 'changes_requested' ? 'primary' : 'secondary'} size="sm">
                  <Link to={revisionLink} data-testid="new-revision">
                    <GitPullRequestArrow className="size-4" aria-hidden />
                    {t('submissions.page.newRevision')}
                  </Link>
                </Button>
                {canWithdraw ? (
                  <ConfirmDialog
                    trigger={
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-700 hover:bg-red-50"
                        pending={withdraw.isPending}
                        data-testid="withdraw"
                      >
                        <Undo2 className="size-4 rtl:-scale-x-100" aria-hidden />
                        {t('submissions.page.withdraw')}
                      </Button>
                    }
                    title={t('submissions.page.withdrawConfirmTitle')}
                    description={t('submissions.page.withdrawConfirmBody', { title: isolate(titleOf(submission)) })}
                    confirmLabel={t('submissions.page.withdraw')}
                    onConfirm={() => withdraw.mutate({ orgSlug: slug, submissionId: submission.id })}
                  />
                ) : null}
              </div>
            ) : null}
          </div>
          {submission.changedSinceApproval ? (
            <div
              className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
              role="status"
              data-testid="changed-since-approval"
            >
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              <p>{t('submissions.page.changedSinceApproval')}</p>
            </div>
          ) : null}
          {notice ? null : <SubmittedNotice detail={detail} />}
          {notice ? (
            <Alert tone={notice.tone} data-testid={notice.tone === 'error' ? 'submission-error' : 'submission-notice'}>
              <p>{notice.text()}</p>
              {notice.next ? (
                <Button asChild size="sm" className="mt-2 min-h-11 sm:min-h-8">
                  <Link to={routes.submission(slug, notice.next.id)} data-testid="next-in-queue">
                    <span className="min-w-0 truncate">
                      {t('review.nextInQueue', {
                        title: isolate(notice.next.title),
                        learner: isolate(notice.next.learnerName),
                      })}
                    </span>
                    <ArrowRight className="size-4 shrink-0 rtl:rotate-180" aria-hidden />
                  </Link>
                </Button>
              ) : notice.next === null ? (
                <p className="mt-1" data-testid="queue-done">
                  {t('review.queueDone')}{' '}
                  <Link to={routes.reviewQueue(slug)} className="font-medium underline underline-offset-2">
                    {t('queue.back')}
                  </Link>
                </p>
              ) : null}
            </Alert>
          ) : null}
        </CardContent>
      </Card>
      {showPanel ? (
        <ReviewPanel
          key={submission.id}
          detail={detail}
          orgSlug={slug}
          refetch={refetch}
          onConflict={setConflict}
          onReviewed={(decision, next) =>
            setNotice({
              tone: 'success',
              text: () => i18n.t(decision === 'approved' ? 'review.doneApproved' : 'review.doneChangesRequested'),
              next,
            })
          }
        />
      ) : null}
      {isLearner ? (
        <>
          {reviewsCard}
          {analysisCard}
        </>
      ) : (
        <>
          {analysisCard}
          {reviewsCard}
        </>
      )}
      <RevisionsCard detail={detail} skillById={skillById} timeZone={org.timeZone} />
    </div>
  );
}
