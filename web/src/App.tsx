import { createBrowserRouter, RouterProvider } from 'react-router';
import { HeaderNav } from './components/HeaderNav';
import { Layout } from './components/Layout';
import { NotFoundPage } from './components/NotFoundPage';
import { RequireAuth } from './components/RequireAuth';
import { RouteError } from './components/RouteError';
import { Spinner } from './components/ui/spinner';
import { HomePage } from './features/landing/HomePage';

// Pages other than the start page load on demand (forms, zod and tables stay out of the first bundle).
const router = createBrowserRouter([
  {
    element: <Layout nav={<HeaderNav />} />,
    errorElement: <RouteError />,
    hydrateFallbackElement: (
      <div className="flex min-h-screen items-center justify-center">
        <Spinner className="size-6 text-brand-700" />
      </div>
    ),
    children: [
      {
        // Errors in a page render inside the layout, with the header still there.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'login', lazy: async () => ({ Component: (await import('./features/auth/AuthPages')).LogInPage }) },
          { path: 'signup', lazy: async () => ({ Component: (await import('./features/auth/AuthPages')).SignUpPage }) },
          {
            path: 'invite/:token',
            lazy: async () => ({
              Component: (await import('./features/invitations/AcceptInvitationPage')).AcceptInvitationPage,
            }),
          },
          {
            // a learner's public portfolio: outside the logged-in area on purpose
            path: 'p/:token',
            lazy: async () => ({
              Component: (await import('./features/portfolios/PublicPortfolioPage')).PublicPortfolioPage,
            }),
          },
          {
            element: <RequireAuth />,
            children: [
              {
                path: 'orgs/new',
                lazy: async () => ({ Component: (await import('./features/org/CreateOrgPage')).CreateOrgPage }),
              },
              {
                path: 'account',
                lazy: async () => ({ Component: (await import('./features/auth/AccountPage')).AccountPage }),
              },
              {
                path: 'o/:slug',
                lazy: async () => ({ Component: (await import('./features/org/OrgLayout')).OrgLayout }),
                children: [
                  {
                    // a read-only manager's home is the hires table, a learner's My roadmap; staff's the overview
                    index: true,
                    lazy: async () => ({ Component: (await import('./features/readiness/HiresPage')).OrgHomePage }),
                  },
                  {
                    path: 'about',
                    lazy: async () => ({ Component: (await import('./features/org/OrgOverviewPage')).OrgOverviewPage }),
                  },
                  {
                    path: 'hires',
                    lazy: async () => ({ Component: (await import('./features/readiness/HiresPage')).HiresPage }),
                  },
                  {
                    path: 'members',
                    lazy: async () => ({ Component: (await import('./features/members/MembersPage')).MembersPage }),
                  },
                  {
                    path: 'invitations',
                    lazy: async () => ({
                      Component: (await import('./features/invitations/InvitationsPage')).InvitationsPage,
                    }),
                  },
                  {
                    path: 'roadmaps',
                    lazy: async () => ({ Component: (await import('./features/roadmaps/RoadmapsPage')).RoadmapsPage }),
                  },
                  {
                    path: 'roadmaps/:roadmapId',
                    lazy: async () => ({ Component: (await import('./features/roadmaps/RoadmapPage')).RoadmapPage }),
                  },
                  {
                    path: 'cohorts',
                    lazy: async () => ({ Component: (await import('./features/cohorts/CohortsPage')).CohortsPage }),
                  },
                  {
                    path: 'cohorts/:cohortId',
                    lazy: async () => ({ Component: (await import('./features/cohorts/CohortPage')).CohortPage }),
                  },
                  {
                    path: 'cohorts/:cohortId/dashboard',
                    lazy: async () => ({
                      Component: (await import('./features/dashboards/CohortDashboardPage')).CohortDashboardPage,
                    }),
                  },
                  {
                    path: 'cohorts/:cohortId/learners/:learnerId',
                    lazy: async () => ({
                      Component: (await import('./features/dashboards/LearnerProgressPage')).LearnerProgressPage,
                    }),
                  },
                  {
                    path: 'cohorts/:cohortId/learners/:learnerId/readiness',
                    lazy: async () => ({
                      Component: (await import('./features/readiness/ReadinessPage')).ReadinessPage,
                    }),
                  },
                  {
                    path: 'overview',
                    lazy: async () => ({
                      Component: (await import('./features/dashboards/OrgCohortsOverviewPage')).OrgCohortsOverviewPage,
                    }),
                  },
                  {
                    path: 'my-roadmap',
                    lazy: async () => ({
                      Component: (await import('./features/progress/MyRoadmapPage')).MyRoadmapPage,
                    }),
                  },
                  {
                    path: 'audit',
                    lazy: async () => ({ Component: (await import('./features/org/AuditPage')).AuditPage }),
                  },
                  {
                    path: 'submit',
                    lazy: async () => ({ Component: (await import('./features/submissions/SubmitPage')).SubmitPage }),
                  },
                  {
                    path: 'submissions',
                    lazy: async () => ({
                      Component: (await import('./features/submissions/MySubmissionsPage')).MySubmissionsPage,
                    }),
                  },
                  {
                    path: 'submissions/:submissionId',
                    lazy: async () => ({
                      Component: (await import('./features/submissions/SubmissionPage')).SubmissionPage,
                    }),
                  },
                  {
                    path: 'review-queue',
                    lazy: async () => ({
                      Component: (await import('./features/submissions/ReviewQueuePage')).ReviewQueuePage,
                    }),
                  },
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
