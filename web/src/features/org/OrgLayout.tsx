import { type Permission, zId, zSlug } from '@masar/shared';
import { useQuery } from '@tanstack/react-query';
import { ChevronRight } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatch, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { OrgNotFound } from '../../components/StateMessage';
import { Badge } from '../../components/ui/badge';
import { knownKey, type TranslationKey } from '../../i18n';
import { useMe } from '../../lib/auth';
import { OrgContext, type OrgContextValue, useOrg } from '../../lib/org';
import { routes } from '../../lib/routes';
import { useTerms } from '../../lib/terms';
import { cn } from '../../lib/utils';
import { errorData, useTRPC } from '../../trpc';
import { QueueCountBadge } from '../submissions/QueueCountBadge';

type TabKey =
  | 'overview'
  | 'about'
  | 'myRoadmap'
  | 'submissions'
  | 'cohorts'
  | 'reviewQueue'
  | 'cohortsOverview'
  | 'roadmaps'
  | 'members'
  | 'invitations'
  | 'audit';
interface Tab {
  /** The tab's address (a builder from lib/routes). */
  href: (slug: string) => string;
  key: TabKey;
  permission: Permission;
  /** Only for someone who learns in a cohort of this organisation (learner controls). */
  learning?: boolean;
  end?: boolean;
  label: TranslationKey;
}

const TAB: Record<TabKey, Tab> = {
  overview: { href: routes.org, key: 'overview', permission: 'org.read', end: true, label: 'org.tabs.home' },
  about: { href: routes.orgAbout, key: 'about', permission: 'org.read', label: 'org.tabs.about' },
  myRoadmap: {
    href: routes.myRoadmap,
    key: 'myRoadmap',
    permission: 'progress.self',
    learning: true,
    label: 'org.tabs.myRoadmap',
  },
  submissions: {
    href: routes.submissions,
    key: 'submissions',
    permission: 'progress.self',
    learning: true,
    label: 'org.tabs.mySubmissions',
  },
  cohorts: { href: routes.cohorts, key: 'cohorts', permission: 'cohorts.read', label: 'org.tabs.cohorts' },
  reviewQueue: { href: routes.reviewQueue, key: 'reviewQueue', permission: 'submissions.review', label: 'queue.tab' },
  cohortsOverview: {
    href: routes.cohortsOverview,
    key: 'cohortsOverview',
    permission: 'org.overview',
    label: 'org.tabs.progress',
  },
  roadmaps: { href: routes.roadmaps, key: 'roadmaps', permission: 'roadmaps.read', label: 'org.tabs.roadmaps' },
  members: { href: routes.members, key: 'members', permission: 'members.read', label: 'org.tabs.members' },
  invitations: {
    href: routes.invitations,
    key: 'invitations',
    permission: 'invitations.manage',
    label: 'org.tabs.invitations',
  },
  audit: { href: routes.audit, key: 'audit', permission: 'audit.read', label: 'org.tabs.audit' },
};

/** A learner's own work first; for those who run cohorts, running them first (their own learning last). */
const LEARNER_ORDER: TabKey[] = ['myRoadmap', 'submissions', 'roadmaps', 'about'];
const STAFF_ORDER: TabKey[] = [
  'overview',
  'cohorts',
  'reviewQueue',
  'cohortsOverview',
  'roadmaps',
  'members',
  'invitations',
  'audit',
  'myRoadmap',
  'submissions',
];

/** `/o/:slug/*`: loads the organisation (with the caller's role and permissions) for its pages. */
export function OrgLayout() {
  const { slug = '' } = useParams();
  const valid = zSlug.safeParse(slug).success && slug === slug.toLowerCase();
  if (!valid) return <OrgNotFound />;
  return <OrgLoader slug={slug} />;
}

function OrgLoader({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const org = useQuery(trpc.org.get.queryOptions({ orgSlug: slug }));
  const value = useMemo<OrgContextValue | null>(
    () => (org.data ? { org: org.data, slug, can: (p) => (org.data.permissions as string[]).includes(p) } : null),
    [org.data, slug],
  );

  if (org.error && errorData(org.error)?.code === 'NOT_FOUND') return <OrgNotFound />;
  return (
    <QueryState
      isPending={org.isPending}
      error={org.error}
      onRetry={() => org.refetch()}
      errorTitle={t('org.loadError')}
    >
      {value ? (
        <OrgContext.Provider value={value}>
          <div className="flex flex-col gap-6" data-testid="org-area" data-slug={slug} data-role={value.org.role}>
            <div>
              <div className="flex flex-wrap items-center gap-3">
                <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="org-name">
                  {value.org.name}
                </h1>
                <Badge>{t(`orgKinds.${value.org.kind}`)}</Badge>
                <Badge tone="brand" data-testid="my-role">
                  {t(
                    (value.org.kind === 'company' ? knownKey(`company.terms.roles.${value.org.role}`) : null) ??
                      `roles.${value.org.role}`,
                  )}
                </Badge>
              </div>
              <OrgTabs />
            </div>
            <Outlet />
          </div>
        </OrgContext.Provider>
      ) : null}
    </QueryState>
  );
}

/** Which tab a path belongs to; a submission is "mine" for its learner, the review queue's for others. */
function useCurrentTab(tabs: Tab[]): TabKey | null {
  const trpc = useTRPC();
  const { slug } = useOrg();
  const me = useMe();
  const submission = useMatch('/o/:slug/submissions/:submissionId');
  const submissionId = submission?.params.submissionId ?? '';
  const isId = zId.safeParse(submissionId).success;
  // the same query as the submission page: answered from its cache
  const detail = useQuery({
    ...trpc.submissions.get.queryOptions({ orgSlug: slug, submissionId }),
    enabled: isId,
  });
  const path = useLocation().pathname;
  const here = path.replace(/\/+$/, '');
  if (submission) {
    const own = detail.data ? detail.data.submission.learnerId === me.data?.id : null;
    const has = (k: TabKey) => tabs.some((t) => t.key === k);
    if (own === false && has('reviewQueue')) return 'reviewQueue';
    if (own !== null || !has('reviewQueue')) return has('submissions') ? 'submissions' : null;
    return null; // not known yet: nothing highlighted rather than the wrong tab
  }
  if (here === routes.submit(slug)) return tabs.some((t) => t.key === 'submissions') ? 'submissions' : null;
  let best: Tab | null = null;
  for (const tab of tabs) {
    const href = tab.href(slug);
    const hit = tab.end ? here === href : here === href || here.startsWith(`${href}/`);
    if (hit && (!best || href.length > best.href(slug).length)) best = tab;
  }
  return best?.key ?? null;
}

/**
 * The organisation's section tabs, by role (labels follow the organisation's kind). On a narrow
 * screen the bar scrolls sideways: fading edges say there is more, and the current tab is
 * scrolled into view.
 */
function OrgTabs() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const trpc = useTRPC();
  const { org, slug, can } = useOrg();
  const isLearner = org.role === 'learner';
  // Staff see their own learning tabs only when they learn in a cohort here.
  const mine = useQuery({
    ...trpc.progress.mine.queryOptions({ orgSlug: slug }),
    enabled: !isLearner && can('progress.self'),
  });
  const learns = isLearner || (mine.data?.cohorts.length ?? 0) > 0;
  const tabs = (isLearner ? LEARNER_ORDER : STAFF_ORDER)
    .map((k) => TAB[k])
    .filter((tab) => can(tab.permission) && (!tab.learning || learns));
  const current = useCurrentTab(tabs);
  const bar = useRef<HTMLElement>(null);
  const [edges, setEdges] = useState({ start: false, end: false });
  const measure = useCallback(() => {
    const el = bar.current;
    if (!el) return;
    const max = el.scrollWidth - el.clientWidth;
    const pos = Math.abs(el.scrollLeft); // negative in right-to-left
    setEdges({ start: pos > 1, end: max - pos > 1 });
  }, []);
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const active = el.querySelector<HTMLElement>('[aria-current="page"]');
    if (active && el.scrollWidth > el.clientWidth) {
      // only the bar scrolls (scrollIntoView would scroll the page too)
      const barBox = el.getBoundingClientRect();
      const box = active.getBoundingClientRect();
      if (box.left < barBox.left || box.right > barBox.right) {
        el.scrollBy({ left: box.left - barBox.left - (barBox.width - box.width) / 2 });
      }
    }
    measure();
  }, [current, tabs.length, measure]);
  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  return (
    <div className="relative mt-4 border-b border-slate-200" data-testid="org-tabs">
      <nav
        ref={bar}
        onScroll={measure}
        className="flex gap-1 overflow-x-auto [scrollbar-width:none] [&::-webkit-scrollbar]:hidden"
        aria-label={t('org.sections')}
      >
        {tabs.map((tab) => {
          const active = tab.key === current;
          return (
            <Link
              key={tab.key}
              to={tab.href(slug)}
              aria-current={active ? 'page' : undefined}
              data-testid={`org-tab-${tab.key}`}
              className={cn(
                '-mb-px inline-flex min-h-11 shrink-0 items-center gap-1 whitespace-nowrap border-b-2 px-3 text-sm font-medium transition-colors',
                active
                  ? 'border-brand-700 text-brand-800'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
              )}
            >
              {term(tab.label)}
              {tab.key === 'reviewQueue' ? <QueueCountBadge slug={slug} /> : null}
            </Link>
          );
        })}
      </nav>
      {edges.start ? (
        <div
          className="pointer-events-none absolute inset-y-0 start-0 w-8 bg-gradient-to-r from-slate-50 to-transparent rtl:bg-gradient-to-l"
          aria-hidden
          data-testid="tabs-more-start"
        />
      ) : null}
      {edges.end ? (
        <div
          className="pointer-events-none absolute inset-y-0 end-0 flex w-10 items-center justify-end bg-gradient-to-l from-slate-50 via-slate-50/80 to-transparent rtl:bg-gradient-to-r"
          aria-hidden
          data-testid="tabs-more-end"
        >
          <ChevronRight className="size-4 text-slate-500 rtl:rotate-180" />
        </div>
      ) : null}
    </div>
  );
}
