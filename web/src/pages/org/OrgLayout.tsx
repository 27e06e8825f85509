import { type Permission, zSlug } from '@masar/shared';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { AccessDenied, OrgNotFound } from '../../components/StateMessage';
import { QueueCountBadge } from '../../components/submissions/QueueCountBadge';
import { Badge } from '../../components/ui/badge';
import { OrgContext, type OrgContextValue, useOrg } from '../../lib/org';
import { useTerms } from '../../lib/terms';
import { cn } from '../../lib/utils';
import { errorData, useTRPC } from '../../trpc';

const TABS: { to: string; key: string; permission: Permission; end?: boolean; label?: string }[] = [
  { to: '', key: 'overview', permission: 'org.read', end: true },
  { to: 'my-roadmap', key: 'myRoadmap', permission: 'progress.self' },
  { to: 'roadmaps', key: 'roadmaps', permission: 'roadmaps.read' },
  { to: 'overview', key: 'cohortsOverview', permission: 'org.overview', label: 'dashboards.org.tab' },
  { to: 'cohorts', key: 'cohorts', permission: 'cohorts.read' },
  { to: 'members', key: 'members', permission: 'members.read' },
  { to: 'invitations', key: 'invitations', permission: 'invitations.manage' },
  { to: 'submissions', key: 'submissions', permission: 'progress.self', label: 'submissions.tab' },
  { to: 'review-queue', key: 'reviewQueue', permission: 'submissions.review', label: 'queue.tab' },
  { to: 'audit', key: 'audit', permission: 'audit.read' },
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
                    value.org.kind === 'company'
                      ? [`company.terms.roles.${value.org.role}`, `roles.${value.org.role}`]
                      : `roles.${value.org.role}`,
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

/** The organisation's section tabs (their labels follow the organisation's kind). */
function OrgTabs() {
  const { t } = useTranslation();
  const { term } = useTerms();
  const { slug, can } = useOrg();
  return (
    <nav className="mt-4 flex gap-1 overflow-x-auto border-b border-slate-200" aria-label={t('org.sections')}>
      {TABS.filter((tab) => can(tab.permission)).map((tab) => (
        <NavLink
          key={tab.key}
          to={tab.to ? `/o/${slug}/${tab.to}` : `/o/${slug}`}
          end={tab.end}
          data-testid={`org-tab-${tab.key}`}
          className={({ isActive }) =>
            cn(
              '-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium transition-colors',
              isActive
                ? 'border-brand-700 text-brand-800'
                : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
            )
          }
        >
          {term(tab.label ?? `org.tabs.${tab.key}`)}
          {tab.key === 'reviewQueue' ? <QueueCountBadge slug={slug} /> : null}
        </NavLink>
      ))}
    </nav>
  );
}

/** Renders the page only with `permission`; otherwise a "no access" state (the server would refuse too). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useOrg();
  return can(permission) ? children : <AccessDenied />;
}
