import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import type { SubmissionDetail } from './common';
import { Markdown } from './Markdown';

/** A review's ratings in the order its revision claimed the skills. */
function sortRatings<T extends { skillId: string }>(ratings: T[], detail: SubmissionDetail, revision: number): T[] {
  const order = detail.revisions.find((r) => r.revision === revision)?.claimedSkillIds ?? [];
  const at = (id: string) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  return [...ratings].sort((a, b) => at(a.skillId) - at(b.skillId));
}

const RATING_TONE = { not_shown: 'neutral', partial: 'warning', demonstrated: 'success' } as const;

export function ReviewsCard({
  detail,
  skillById,
  timeZone,
  isLearner,
}: {
  detail: SubmissionDetail;
  skillById: Map<string, { key: string; title: string }>;
  timeZone: string;
  isLearner: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card data-testid="reviews">
      <CardHeader>
        <CardTitle>{t('submissions.page.reviewsTitle')}</CardTitle>
      </CardHeader>
      <CardContent>
        {detail.reviews.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-reviews">
            {isLearner ? t('submissions.page.noReviews') : t('submissions.page.noReviewsYet')}
          </p>
        ) : (
          <ol className="flex flex-col gap-4">
            {detail.reviews.map((r) => (
              <li
                key={r.id}
                className="rounded-lg border border-slate-200 p-4"
                data-testid="review"
                data-decision={r.decision}
              >
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Badge tone={r.decision === 'approved' ? 'success' : 'danger'}>
                    {t(`review.decisions.${r.decision}`)}
                  </Badge>
                  <span className="text-sm font-medium text-slate-900" dir="auto">
                    {r.reviewerName ?? t('review.formerMember')}
                  </span>
                  <span className="text-sm text-slate-500">{fmt.dateTime(r.createdAt, timeZone)}</span>
                  <span className="text-xs text-slate-500">
                    {t('submissions.page.revisionN', { n: fmt.number(r.revision) })}
                  </span>
                </div>
                {r.comment ? (
                  <Markdown className="mt-3" data-testid="review-comment">
                    {r.comment}
                  </Markdown>
                ) : (
                  <p className="mt-3 text-sm text-slate-500" data-testid="review-comment-hidden">
                    {t(detail.commentsVisible ? 'review.noComment' : 'review.commentNotShared')}
                  </p>
                )}
                {r.ratings.length > 0 ? (
                  <ul className="mt-3 flex flex-wrap gap-2" aria-label={t('review.ratingsTitle')}>
                    {sortRatings(r.ratings, detail, r.revision).map((rating) => {
                      const skill = skillById.get(rating.skillId);
                      return (
                        <li
                          key={rating.skillId}
                          className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 bg-white py-0.5 ps-2.5 pe-1 text-xs"
                          data-testid="review-rating"
                          data-key={skill?.key}
                          data-rating={rating.rating}
                        >
                          <span className="text-slate-800">{skill?.title ?? t('review.unknownSkill')}</span>
                          <Badge tone={RATING_TONE[rating.rating]} className="whitespace-nowrap">
                            {t(`review.ratings.${rating.rating}`)}
                          </Badge>
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

export function RevisionsCard({
  detail,
  skillById,
  timeZone,
}: {
  detail: SubmissionDetail;
  skillById: Map<string, { key: string; title: string }>;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card data-testid="revisions">
      <CardHeader>
        <CardTitle>{t('submissions.page.revisionsTitle')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="flex flex-col gap-3">
          {detail.revisions.map((rev) => (
            <li
              key={rev.revision}
              className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4"
              data-testid="revision"
              data-revision={rev.revision}
            >
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="text-sm font-semibold text-slate-900">
                  {t('submissions.page.revisionN', { n: fmt.number(rev.revision) })}
                </span>
                {rev.revision === detail.submission.currentRevision ? (
                  <Badge tone="brand">{t('submissions.page.current')}</Badge>
                ) : null}
                <span className="text-sm text-slate-500">{fmt.dateTime(rev.createdAt, timeZone)}</span>
              </div>
              <p className="text-sm text-slate-800" dir="auto">
                {rev.title}
              </p>
              {rev.note ? (
                <p className="whitespace-pre-wrap text-sm text-slate-600" dir="auto" data-testid="revision-note">
                  {rev.note}
                </p>
              ) : null}
              <div className="flex flex-wrap items-center gap-1.5">
                <span className="text-xs text-slate-500">{t('submissions.page.claimedSkills')}</span>
                {rev.claimedSkillIds.map((id) => (
                  <span
                    key={id}
                    className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700"
                    data-key={skillById.get(id)?.key}
                  >
                    {skillById.get(id)?.title ?? t('review.unknownSkill')}
                  </span>
                ))}
              </div>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
