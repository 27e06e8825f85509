import { createBrowserRouter, RouterProvider } from 'react-router';
import { HeaderNav } from './components/HeaderNav';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { RouteError } from './components/RouteError';
import { Spinner } from './components/ui/spinner';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';

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
          { path: 'login', lazy: async () => ({ Component: (await import('./pages/AuthPages')).LogInPage }) },
          { path: 'signup', lazy: async () => ({ Component: (await import('./pages/AuthPages')).SignUpPage }) },
          {
            path: 'invite/:token',
            lazy: async () => ({ Component: (await import('./pages/AcceptInvitationPage')).AcceptInvitationPage }),
          },
          {
            // a learner's public portfolio: outside the logged-in area on purpose
            path: 'p/:token',
            lazy: async () => ({
              Component: (await import('./pages/company/PublicPortfolioPage')).PublicPortfolioPage,
            }),
          },
          {
            element: <RequireAuth />,
            children: [
              {
                path: 'orgs/new',
                lazy: async () => ({ Component: (await import('./pages/CreateOrgPage')).CreateOrgPage }),
              },
              { path: 'account', lazy: async () => ({ Component: (await import('./pages/AccountPage')).AccountPage }) },
              {
                path: 'o/:slug',
                lazy: async () => ({ Component: (await import('./pages/org/OrgLayout')).OrgLayout }),
                children: [
                  {
                    // a read-only manager's home is the hires table; everyone else's the overview
                    index: true,
                    lazy: async () => ({ Component: (await import('./pages/company/HiresPage')).OrgHomePage }),
                  },
                  {
                    path: 'hires',
                    lazy: async () => ({ Component: (await import('./pages/company/HiresPage')).HiresPage }),
                  },
                  {
                    path: 'members',
                    lazy: async () => ({ Component: (await import('./pages/org/MembersPage')).MembersPage }),
                  },
                  {
                    path: 'invitations',
                    lazy: async () => ({ Component: (await import('./pages/org/InvitationsPage')).InvitationsPage }),
                  },
                  {
                    path: 'roadmaps',
                    lazy: async () => ({ Component: (await import('./pages/org/RoadmapsPage')).RoadmapsPage }),
                  },
                  {
                    path: 'roadmaps/:roadmapId',
                    lazy: async () => ({ Component: (await import('./pages/org/RoadmapPage')).RoadmapPage }),
                  },
                  {
                    path: 'cohorts',
                    lazy: async () => ({ Component: (await import('./pages/org/CohortsPage')).CohortsPage }),
                  },
                  {
                    path: 'cohorts/:cohortId',
                    lazy: async () => ({ Component: (await import('./pages/org/CohortPage')).CohortPage }),
                  },
                  {
                    path: 'cohorts/:cohortId/dashboard',
                    lazy: async () => ({
                      Component: (await import('./pages/dashboards/CohortDashboardPage')).CohortDashboardPage,
                    }),
                  },
                  {
                    path: 'cohorts/:cohortId/learners/:learnerId',
                    lazy: async () => ({
                      Component: (await import('./pages/dashboards/LearnerProgressPage')).LearnerProgressPage,
                    }),
                  },
                  {
                    path: 'cohorts/:cohortId/learners/:learnerId/readiness',
                    lazy: async () => ({ Component: (await import('./pages/company/ReadinessPage')).ReadinessPage }),
                  },
                  {
                    path: 'overview',
                    lazy: async () => ({
                      Component: (await import('./pages/dashboards/OrgCohortsOverviewPage')).OrgCohortsOverviewPage,
                    }),
                  },
                  {
                    path: 'my-roadmap',
                    lazy: async () => ({ Component: (await import('./pages/org/MyRoadmapPage')).MyRoadmapPage }),
                  },
                  {
                    path: 'audit',
                    lazy: async () => ({ Component: (await import('./pages/org/AuditPage')).AuditPage }),
                  },
                  {
                    path: 'submit',
                    lazy: async () => ({ Component: (await import('./pages/submissions/SubmitPage')).SubmitPage }),
                  },
                  {
                    path: 'submissions',
                    lazy: async () => ({
                      Component: (await import('./pages/submissions/MySubmissionsPage')).MySubmissionsPage,
                    }),
                  },
                  {
                    path: 'submissions/:submissionId',
                    lazy: async () => ({
                      Component: (await import('./pages/submissions/SubmissionPage')).SubmissionPage,
                    }),
                  },
                  {
                    path: 'review-queue',
                    lazy: async () => ({
                      Component: (await import('./pages/submissions/ReviewQueuePage')).ReviewQueuePage,
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
