import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Navigate, Route, RouterProvider, createBrowserRouter, createRoutesFromElements, useLocation } from 'react-router';
import { SessionExpired, useAuth } from './auth/AuthProvider.js';
import { Layout } from './components/Layout.js';
import { RouteError } from './components/PartNotLoaded.js';
import { AdminPage } from './pages/AdminPage.js';
import { AllSubmissionsPage } from './pages/AllSubmissionsPage.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage, StaffOnlyPage } from './pages/NotFoundPage.js';
import { ProvidersPage } from './pages/ProvidersPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { StaffProviderPage } from './pages/StaffProviderPage.js';
import { PORTAL_ROUTES } from '../../src/contract/portal-routes.js';
import { ReferencePage, SubmissionPage } from './pages/SubmissionPage.js';
import { lazy, Suspense, useState, type ReactNode } from 'react';

// The upload form and the review screens (and the shared zod schemas they validate with) load only when opened.
const UploadPage = lazy(() => import('./upload/UploadPage.js').then((module) => ({ default: module.UploadPage })));
const ReviewQueuePage = lazy(() => import('./review/ReviewQueuePage.js').then((module) => ({ default: module.ReviewQueuePage })));
// Two-step sign-in brings the QR encoder, needed once per account.
const TwoStepPage = lazy(() => import('./account/TwoStepPage.js').then((module) => ({ default: module.TwoStepPage })));
const ReviewPage = lazy(() => import('./review/ReviewPage.js').then((module) => ({ default: module.ReviewPage })));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !(error instanceof SessionExpired) && count < 2,
      },
    },
  });
}

/** Signed-in pages; otherwise sign-in, coming back here afterwards. Each role gets a plain answer on the other's pages. */
function RequireAuth({ children, only }: { children: ReactNode; only?: 'provider' | 'staff' }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (only === 'provider' && session.role !== 'provider') return <Navigate to="/review" replace />;
  if (only === 'staff' && session.role !== 'staff') return <StaffOnlyPage />;
  return <Suspense fallback={<p className="loading" role="status">Loading…</p>}>{children}</Suspense>;
}

function Home() {
  const { session } = useAuth();
  // Staff land on the queue's own address, so the navigation shows where they are.
  return session?.role === 'provider' ? <HomePage /> : <Navigate to="/review" replace />;
}

// A data router, so a page can ask before she leaves it inside the portal (useBlocker mid-upload).
const routes = createRoutesFromElements(
  <Route element={<Layout />}>
    {/* Inside the frame: a page whose part could not load says so under the header (PartNotLoaded). */}
    <Route errorElement={<RouteError />}>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/" element={<RequireAuth><Home /></RequireAuth>} />
      <Route path={PORTAL_ROUTES.upload} element={<RequireAuth only="provider"><UploadPage /></RequireAuth>} />
      <Route path="/review" element={<RequireAuth only="staff"><ReviewQueuePage /></RequireAuth>} />
      <Route path={PORTAL_ROUTES.review} element={<RequireAuth only="staff"><ReviewPage /></RequireAuth>} />
      <Route path="/staff" element={<RequireAuth only="staff"><AllSubmissionsPage /></RequireAuth>} />
      <Route path="/admin" element={<RequireAuth only="staff"><AdminPage /></RequireAuth>} />
      <Route path={PORTAL_ROUTES.submission} element={<RequireAuth><SubmissionPage /></RequireAuth>} />
      <Route path={PORTAL_ROUTES.staffProviders} element={<RequireAuth only="staff"><ProvidersPage /></RequireAuth>} />
      <Route path={PORTAL_ROUTES.staffProvider} element={<RequireAuth only="staff"><StaffProviderPage /></RequireAuth>} />
      <Route path={PORTAL_ROUTES.accountSecurity} element={<RequireAuth><TwoStepPage /></RequireAuth>} />
      <Route path="/reference/:referenceNumber" element={<RequireAuth><ReferencePage /></RequireAuth>} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  </Route>,
);

export function App({ queryClient }: { queryClient: QueryClient }) {
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
