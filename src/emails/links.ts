/** The portal pages an email links to; the portal's router answers each of these paths. */
export interface PortalLinks {
  submission(submissionId: string): string;
  /** Upload form prefilled to replace (or renew) exactly this document. */
  replaceDocument(documentId: string): string;
  staffProvider(providerId: string): string;
}

export function portalLinks(portalUrl: string): PortalLinks {
  const base = portalUrl.replace(/\/+$/, '');
  return {
    submission: (submissionId) => `${base}/submissions/${encodeURIComponent(submissionId)}`,
    replaceDocument: (documentId) => `${base}/upload?replaces=${encodeURIComponent(documentId)}`,
    staffProvider: (providerId) => `${base}/staff/providers/${encodeURIComponent(providerId)}`,
  };
}
