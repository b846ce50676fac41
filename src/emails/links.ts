/** The portal pages an email links to: the contract's paths (`src/contract/portal-routes.ts`), which the portal's router answers. */
import { portalPaths } from '../contract/portal-routes.js';

export interface PortalLinks {
  submission(submissionId: string): string;
  /** Upload form prefilled to replace (or renew) exactly this document. */
  replaceDocument(documentId: string): string;
  staffProvider(providerId: string): string;
  /** Staff: the review screen of one submission. */
  review(submissionId: string): string;
}

export function portalLinks(portalUrl: string): PortalLinks {
  const base = portalUrl.replace(/\/+$/, '');
  return {
    submission: (submissionId) => `${base}${portalPaths.submission(submissionId)}`,
    replaceDocument: (documentId) => `${base}${portalPaths.replaceDocument(documentId)}`,
    staffProvider: (providerId) => `${base}${portalPaths.staffProvider(providerId)}`,
    review: (submissionId) => `${base}${portalPaths.review(submissionId)}`,
  };
}
