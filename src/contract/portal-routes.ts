/**
 * The portal's pages that something outside the portal links to (emails, staff digests), and the
 * staff directory: the portal's router declares these patterns and links build with `portalPaths`.
 */
export const PORTAL_ROUTES = {
  submission: '/submissions/:submissionId',
  /** `?replaces={documentId}` opens the form prefilled to replace (or renew) exactly that document. */
  upload: '/upload',
  /** The staff directory of providers; `?q=` holds the search. */
  staffProviders: '/staff/providers',
  staffProvider: '/staff/providers/:providerId',
  review: '/review/:submissionId',
  /** Her own account's sign-in settings (two-step sign-in), for providers and staff alike. */
  accountSecurity: '/account/security',
} as const;

/** The query parameter of `/upload` naming the document a new upload replaces. */
export const REPLACES_PARAMETER = 'replaces';

export const portalPaths = {
  submission: (submissionId: string) => `/submissions/${encodeURIComponent(submissionId)}`,
  replaceDocument: (documentId: string) => `${PORTAL_ROUTES.upload}?${REPLACES_PARAMETER}=${encodeURIComponent(documentId)}`,
  staffProviders: (q?: string) => (q ? `${PORTAL_ROUTES.staffProviders}?q=${encodeURIComponent(q)}` : PORTAL_ROUTES.staffProviders),
  staffProvider: (providerId: string) => `/staff/providers/${encodeURIComponent(providerId)}`,
  review: (submissionId: string) => `/review/${encodeURIComponent(submissionId)}`,
};

/**
 * Which request paths are the portal's pages rather than files: those whose last segment has no
 * dot (`/`, `/review/queue`, `/submissions/abc-123`, a trailing slash). A page is answered with
 * index.html (200) and the router decides what it shows; any other path is a file, served if it
 * exists and 404 if not, so a missing chunk never arrives as HTML. CloudFront's viewer-request
 * function is built from this expression (`infra/constructs/portal-pages.ts`) and the local
 * server tests it (`local/static-site.ts`): matched against the path alone, never the query.
 */
export const PORTAL_PAGE_PATH = /\/[^/.]*$/;

export const isPortalPagePath = (pathname: string): boolean => PORTAL_PAGE_PATH.test(pathname);

/** The page a missing file is answered with, still 404 (`web/public/404.html`, no script: never a chunk's stand-in). */
export const PORTAL_NOT_FOUND_PAGE = '/404.html';
