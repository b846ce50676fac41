import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { SessionExpired, useAuth } from './auth/AuthProvider.js';
import { Layout } from './components/Layout.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { StaffHomePage } from './pages/StaffHomePage.js';
import { StaffProviderPage } from './pages/StaffProviderPage.js';
import { PORTAL_ROUTES } from '../../src/contract/portal-routes.js';
import { ReferencePage, SubmissionPage } from './pages/SubmissionPage.js';
import { lazy, Suspense, type ReactNode } from 'react';

// The upload form (and the shared zod schemas it validates with) loads only when she opens it.
const UploadPage = lazy(() => import('./upload/UploadPage.js').then((module) => ({ default: module.UploadPage })));

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

/** Signed-in pages; otherwise sign-in, coming back here afterwards. */
function RequireAuth({ children, only }: { children: ReactNode; only?: 'provider' | 'staff' }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (only && session.role !== only) return <Home />;
  return children;
}

function Home() {
  const { session } = useAuth();
  return session?.role === 'provider' ? <HomePage /> : <StaffHomePage />;
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/" element={<RequireAuth><Home /></RequireAuth>} />
            <Route path={PORTAL_ROUTES.upload} element={<RequireAuth only="provider"><Suspense fallback={<p className="loading" role="status">Loading the upload form…</p>}><UploadPage /></Suspense></RequireAuth>} />
            <Route path={PORTAL_ROUTES.submission} element={<RequireAuth><SubmissionPage /></RequireAuth>} />
            <Route path={PORTAL_ROUTES.staffProvider} element={<RequireAuth only="staff"><StaffProviderPage /></RequireAuth>} />
            <Route path="/reference/:referenceNumber" element={<RequireAuth><ReferencePage /></RequireAuth>} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
