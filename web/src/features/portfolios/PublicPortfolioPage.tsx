import { useQuery } from '@tanstack/react-query';
import { BadgeCheck, ExternalLink, FolderGit2 } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NotFoundState } from '../../components/NotFoundState';
import { QueryState } from '../../components/QueryState';
import { CategoryBadge } from '../../components/timeline';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { isolate } from '../../lib/format';
import { useRoadmapText } from '../../lib/roadmapText';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorData, type RouterOutputs, useTRPC } from '../../trpc';
import { Markdown } from '../submissions/Markdown';

type Portfolio = RouterOutputs['portfolios']['view'];
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Keeps search engines away from the page while it is shown (the server also sends no-cache). */
function useNoIndex() {
  useEffect(() => {
    const meta = document.createElement('meta');
    meta.name = 'robots';
    meta.content = 'noindex';
    meta.dataset.owner = 'portfolio';
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);
}

/** `/p/:token`: a learner's public, read-only portfolio (works logged out). */
export function PublicPortfolioPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const trpc = useTRPC();
  useNoIndex();
  const valid = TOKEN.test(token);
  const view = useQuery({ ...trpc.portfolios.view.queryOptions({ token }), enabled: valid, retry: false });
  const code = errorData(view.error)?.code;
  if (!valid || code === 'NOT_FOUND' || code === 'BAD_REQUEST') return <PortfolioNotFound />;
  return (
    <QueryState
      isPending={view.isPending}
      error={view.error}
      onRetry={() => view.refetch()}
      errorTitle={t('portfolio.loadError')}
    >
      {view.data ? <PortfolioView data={view.data} /> : null}
    </QueryState>
  );
}

function PortfolioNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('portfolio.notFoundTitle'));
  return (
    <NotFoundState
      title={t('portfolio.notFoundTitle')}
      body={t('portfolio.notFoundBody')}
      testId="portfolio-not-found"
    />
  );
}

function PortfolioView({ data }: { data: Portfolio }) {
  const { t } = useTranslation();
  const text = useRoadmapText();
  useDocumentTitle(t('portfolio.pageTitle', { name: data.name }));
  // one row per skill (a skill can be verified in more than one cohort)
  const skills = [...new Map(data.skills.map((s) => [s.key, s])).values()];
  return (
    <article className="mx-auto flex max-w-4xl flex-col gap-6" data-testid="portfolio-page">
      <header className="rounded-xl border border-slate-200 bg-white px-6 py-8 shadow-sm">
        <h1 className="text-3xl font-semibold tracking-tight text-slate-900" data-testid="portfolio-name" dir="auto">
          {data.name}
        </h1>
        <p className="mt-1 text-slate-600" data-testid="portfolio-org">
          {t('portfolio.at', { org: isolate(data.orgName) })}
        </p>
      </header>

      <Card data-testid="portfolio-skills" data-count={skills.length}>
        <CardHeader className="pb-2">
          <CardTitle className="flex items-center gap-2 text-base">
            <BadgeCheck className="size-4 text-green-700" aria-hidden />
            {t('portfolio.skillsTitle')}
          </CardTitle>
        </CardHeader>
        <CardContent className="pt-2">
          {skills.length === 0 ? (
            <p className="text-sm text-slate-600">{t('portfolio.skillsEmpty')}</p>
          ) : (
            <ul className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
              {skills.map((s) => (
                <li
                  key={s.key}
                  className="flex items-center justify-between gap-3 border-b border-slate-100 py-1.5 text-sm"
                  data-testid="portfolio-skill"
                  data-key={s.key}
                >
                  <span className="font-medium text-slate-800">{text('skill', s).title}</span>
                  <CategoryBadge category={s.category} />
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <Card data-testid="portfolio-repos" data-count={data.repos.length}>
        <CardHeader className="pb-2">
          <CardTitle className="flex items-center gap-2 text-base">
            <FolderGit2 className="size-4 text-slate-600" aria-hidden />
            {t('portfolio.reposTitle')}
          </CardTitle>
        </CardHeader>
        <CardContent className="pt-2">
          {data.repos.length === 0 ? (
            <p className="text-sm text-slate-600">{t('portfolio.reposEmpty')}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {data.repos.map((r) => {
                const comments = r.comments.filter((c) => c.trim());
                return (
                  <li key={r.repoUrl} className="flex flex-col gap-2 py-3" data-testid="portfolio-repo">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <span className="font-medium text-slate-900" dir="auto">
                        {r.title}
                      </span>
                      <a
                        href={r.repoUrl}
                        target="_blank"
                        rel="noopener noreferrer nofollow"
                        dir="ltr"
                        className="inline-flex items-center gap-1 text-sm text-brand-800 hover:underline"
                      >
                        {r.repoOwner}/{r.repoName}
                        <ExternalLink className="size-3.5 rtl:-scale-x-100" aria-hidden />
                        <span className="sr-only">{t('common.opensInNewTab')}</span>
                      </a>
                    </div>
                    {comments.map((c, i) => (
                      <blockquote key={i} className="border-s-4 border-brand-100 ps-3" data-testid="portfolio-comment">
                        <p className="text-xs font-medium text-slate-500">{t('portfolio.mentorComment')}</p>
                        <Markdown>{c}</Markdown>
                      </blockquote>
                    ))}
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
      <p className="text-center text-xs text-slate-500">{t('portfolio.poweredBy')}</p>
    </article>
  );
}
