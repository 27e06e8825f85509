import { zId } from '@masar/shared';
import { useQuery } from '@tanstack/react-query';
import { ExternalLink, FolderGit2, Printer, Share2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundState } from '../../components/NotFoundState';
import { QueryState } from '../../components/QueryState';
import { AccessDenied } from '../../components/StateMessage';
import { CategoryBadge } from '../../components/timeline';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useMe } from '../../lib/auth';
import { isolate, useFormat } from '../../lib/format';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorData, type RouterOutputs, useTRPC } from '../../trpc';
import { BackLink, DashboardSkeleton } from '../dashboards/DashboardParts';
import { SkillDueItem } from '../dashboards/SkillDueItem';
import { Markdown } from '../submissions/Markdown';

type Readiness = RouterOutputs['readiness']['get'];
type DueItem = Readiness['dueIn']['days30'][number];

/** `/o/:slug/cohorts/:cohortId/learners/:learnerId/readiness`: a hire's junior-level readiness report. */
export function ReadinessPage() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const { cohortId = '', learnerId = '' } = useParams();
  const { slug, can } = useOrg();
  const trpc = useTRPC();
  const valid = zId.safeParse(cohortId).success && zId.safeParse(learnerId).success;
  const report = useQuery({
    ...trpc.readiness.get.queryOptions({ orgSlug: slug, cohortId, learnerId }),
    enabled: valid,
  });
  const code = errorData(report.error)?.code;
  if (!valid || code === 'NOT_FOUND') {
    return (
      <NotFoundState
        title={t('readiness.notFoundTitle')}
        body={t('readiness.notFoundBody')}
        back={{
          to: can('cohorts.read') ? routes.cohorts(slug) : routes.myRoadmap(slug),
          label: can('cohorts.read') ? term('cohort.backToList') : term('myRoadmap.title'),
        }}
        testId="dashboard-not-found"
      />
    );
  }
  if (code === 'FORBIDDEN') return <AccessDenied />;
  if (report.isPending) return <DashboardSkeleton charts={1} label={t('common.loading')} />;
  return (
    <QueryState
      isPending={false}
      error={report.error}
      onRetry={() => report.refetch()}
      errorTitle={t('readiness.loadError')}
    >
      {report.data ? <ReadinessView data={report.data} /> : null}
    </QueryState>
  );
}

function ReadinessView({ data }: { data: Readiness }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { slug, org } = useOrg();
  const isMe = me.data?.id === data.learner.id;
  const title = isMe ? t('readiness.myTitle') : t('readiness.title', { name: isolate(data.learner.name) });
  useDocumentTitle(isMe ? t('readiness.myTitle') : t('readiness.title', { name: data.learner.name }));
  const percent = new Intl.NumberFormat(fmt.locale, { style: 'percent', maximumFractionDigits: 0 });
  const share = data.junior.share;
  return (
    <div
      className="print-report flex flex-col gap-6"
      data-testid="readiness-page"
      data-learner={data.learner.id}
      data-comments-visible={data.commentsVisible}
    >
      <Card>
        <CardHeader className="pb-6">
          <div className="no-print">
            <BackLink to={routes.learner(slug, data.cohort.id, data.learner.id)}>
              {t('readiness.backToProgress')}
            </BackLink>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-xl font-semibold text-slate-900" data-testid="readiness-title">
              {title}
            </h2>
            <div className="no-print ms-auto flex flex-wrap gap-2">
              {isMe ? (
                <Button asChild variant="secondary" size="sm">
                  <Link to={routes.myRoadmap(slug, 'sharing')} data-testid="readiness-sharing-link">
                    <Share2 className="size-4" aria-hidden />
                    {t('readiness.sharing')}
                  </Link>
                </Button>
              ) : null}
              <Button variant="secondary" size="sm" onClick={() => window.print()} data-testid="readiness-print">
                <Printer className="size-4" aria-hidden />
                {t('readiness.print')}
              </Button>
            </div>
          </div>
          <p className="text-sm text-slate-600">
            <span dir="auto">{data.cohort.name}</span>
            {' · '}
            <span dir="auto">{org.name}</span>
            {' · '}
            {t('readiness.generatedOn', { date: fmt.day(data.today) })}
          </p>
        </CardHeader>
      </Card>

      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <Card className="print-card">
          <CardHeader className="pb-2">
            <CardTitle className="text-base">{t('readiness.juniorTitle')}</CardTitle>
            <CardDescription>{t('readiness.juniorHint')}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3" data-testid="readiness-share" data-share={share.toFixed(3)}>
            {data.junior.total === 0 ? (
              <p className="text-sm text-slate-600">{t('readiness.noJuniorSkills')}</p>
            ) : (
              <>
                <p className="text-5xl font-semibold tabular-nums text-brand-800">{percent.format(share)}</p>
                <div
                  className="print-bar h-3 w-full overflow-hidden rounded-full bg-slate-100"
                  role="progressbar"
                  aria-label={t('readiness.juniorTitle')}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(share * 100)}
                  aria-valuetext={percent.format(share)}
                >
                  <div
                    className="print-bar-fill h-full rounded-full bg-brand-600"
                    style={{ width: `${share * 100}%` }}
                  />
                </div>
                <p className="text-sm text-slate-600">
                  {t('readiness.juniorCount', {
                    count: data.junior.total,
                    done: fmt.number(data.junior.verified),
                    total: fmt.number(data.junior.total),
                  })}
                </p>
              </>
            )}
          </CardContent>
        </Card>
        <GapsCard data={data} />
      </div>

      <DueCard data={data} />
      <ReposCard data={data} />
    </div>
  );
}

function GapsCard({ data }: { data: Readiness }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { org } = useOrg();
  // overdue gaps first: what a manager should ask about
  const overdue = new Map(data.overdue.map((o) => [o.skillId, o]));
  return (
    <Card
      className="print-card"
      data-testid="readiness-gaps"
      data-count={data.gaps.length}
      data-overdue={data.gaps.filter((g) => overdue.has(g.skillId)).length}
    >
      <CardHeader className="pb-2">
        <CardTitle className="text-base">{t('readiness.gapsTitle')}</CardTitle>
        <CardDescription>{t('readiness.gapsDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="pt-2">
        {data.gaps.length === 0 ? (
          <p className="text-sm text-slate-600">{t('readiness.gapsEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {[...data.gaps]
              .sort((a, b) => Number(overdue.has(b.skillId)) - Number(overdue.has(a.skillId)))
              .map((g) => {
                const late = overdue.get(g.skillId);
                return (
                  <li
                    key={g.skillId}
                    className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2 text-sm"
                    data-testid="readiness-gap"
                    data-key={g.key}
                    data-status={g.status ?? 'none'}
                    data-overdue={late ? 'true' : 'false'}
                  >
                    <span className="font-medium text-slate-800">{text('skill', g).title}</span>
                    <span className="flex flex-wrap items-center gap-2">
                      {late ? (
                        <Badge tone="danger" className="whitespace-nowrap" data-testid="gap-overdue">
                          {t('readiness.overdueSince', { date: fmt.date(late.dueDate, org.timeZone) })}
                        </Badge>
                      ) : null}
                      <CategoryBadge category={g.category} />
                      <span className="whitespace-nowrap text-xs text-slate-600">
                        {t('readiness.untilMonth', { month: fmt.number(g.endMonth) })}
                      </span>
                      {g.status ? <Badge tone="brand">{t(`progressStatus.${g.status}`)}</Badge> : null}
                    </span>
                  </li>
                );
              })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** Three columns: due within 30 days, in 31–60 and in 61–90 (the server's lists are cumulative). */
function DueCard({ data }: { data: Readiness }) {
  const { t } = useTranslation();
  const { days30, days60, days90 } = data.dueIn;
  const ids = (items: DueItem[]) => new Set(items.map((i) => i.skillId));
  const in30 = ids(days30);
  const in60 = ids(days60);
  const columns: [string, string, DueItem[]][] = [
    ['30', t('readiness.due30'), days30],
    ['60', t('readiness.due60'), days60.filter((d) => !in30.has(d.skillId))],
    ['90', t('readiness.due90'), days90.filter((d) => !in60.has(d.skillId))],
  ];
  return (
    <Card className="print-card" data-testid="readiness-due">
      <CardHeader className="pb-2">
        <CardTitle className="text-base">{t('readiness.dueTitle')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 pt-2 md:grid-cols-3">
        {columns.map(([key, label, items]) => (
          <DueColumn key={key} id={key} label={label} items={items} />
        ))}
      </CardContent>
    </Card>
  );
}

function DueColumn({ id, label, items }: { id: string; label: string; items: DueItem[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div data-testid={`readiness-due-${id}`} data-count={items.length}>
      <h3 className="mb-2 border-b border-slate-200 pb-1 text-sm font-semibold text-slate-800">{label}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('readiness.dueEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {[...items]
            .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
            .map((s) => (
              <SkillDueItem key={s.skillId} skill={s}>
                {t('readiness.dueOn', { date: fmt.day(s.dueDate) })}
              </SkillDueItem>
            ))}
        </ul>
      )}
    </div>
  );
}

function ReposCard({ data }: { data: Readiness }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { org } = useOrg();
  return (
    <Card className="print-card" data-testid="readiness-repos" data-count={data.approvedRepos.length}>
      <CardHeader className="pb-2">
        <CardTitle className="flex items-center gap-2 text-base">
          <FolderGit2 className="size-4 text-slate-600" aria-hidden />
          {t('readiness.reposTitle')}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 pt-2">
        {data.commentsVisible ? null : (
          <p
            className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"
            data-testid="readiness-comments-hidden"
          >
            {t('readiness.commentsHidden', { name: isolate(data.learner.name) })}
          </p>
        )}
        {data.approvedRepos.length === 0 ? (
          <p className="text-sm text-slate-600">{t('readiness.reposEmpty')}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100">
            {data.approvedRepos.map((r) => {
              const comments = r.comments.filter((c) => c.comment.trim());
              return (
                <li key={r.id} className="print-card flex flex-col gap-2 py-3" data-testid="approved-repo">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="font-medium text-slate-900" dir="auto">
                      {r.title}
                    </span>
                    <a
                      href={r.repoUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      dir="ltr"
                      className="inline-flex items-center gap-1 text-sm text-brand-800 hover:underline"
                      data-testid="approved-repo-link"
                    >
                      {r.repoOwner}/{r.repoName}
                      <ExternalLink className="size-3.5 rtl:-scale-x-100" aria-hidden />
                      <span className="sr-only">{t('common.opensInNewTab')}</span>
                    </a>
                  </div>
                  {data.commentsVisible && comments.length > 0 ? (
                    <div className="flex flex-col gap-2" data-testid="approved-repo-comments">
                      <p className="text-xs font-medium text-slate-600">{t('readiness.commentsTitle')}</p>
                      {comments.map((c, i) => (
                        <blockquote
                          key={`${c.submissionId}-${i}`}
                          className="border-s-4 border-brand-100 ps-3"
                          data-testid="approved-comment"
                        >
                          <Markdown>{c.comment}</Markdown>
                          <footer className="mt-1 text-xs text-slate-500">
                            {t('readiness.commentBy', {
                              name: isolate(c.reviewerName ?? ''),
                              date: fmt.date(c.createdAt, org.timeZone),
                            })}
                          </footer>
                        </blockquote>
                      ))}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
