/**
 * The portal's pages that something outside the portal links to (emails, staff digests): the
 * portal's router declares these patterns and the emails build their links with `portalPaths`.
 */
export const PORTAL_ROUTES = {
  submission: '/submissions/:submissionId',
  /** `?replaces={documentId}` opens the form prefilled to replace (or renew) exactly that document. */
  upload: '/upload',
  staffProvider: '/staff/providers/:providerId',
  review: '/review/:submissionId',
} as const;

/** The query parameter of `/upload` naming the document a new upload replaces. */
export const REPLACES_PARAMETER = 'replaces';

export const portalPaths = {
  submission: (submissionId: string) => `/submissions/${encodeURIComponent(submissionId)}`,
  replaceDocument: (documentId: string) => `${PORTAL_ROUTES.upload}?${REPLACES_PARAMETER}=${encodeURIComponent(documentId)}`,
  staffProvider: (providerId: string) => `/staff/providers/${encodeURIComponent(providerId)}`,
  review: (submissionId: string) => `/review/${encodeURIComponent(submissionId)}`,
};
