/**
 * A draft whose upload did not finish (the page was reloaded, the session ran out, she pressed
 * "Edit documents") is sent on, not created again, when she submits exactly what it holds: its
 * files that already arrived are not uploaded again (on hospital Wi-Fi or her phone's data every
 * megabyte counts). Exactly means the same documents with the same details, and each file's
 * SHA-256 the one its upload link is pinned to, so a file she chose again that differs is never
 * taken for the one that arrived: then the draft is replaced by a new submission, as before.
 */
import { ApiError, type Api } from '../api/client.js';
import type { CreateDocumentBody, PresignedUpload } from '../api/types.js';

/** A document of the draft as it was created from this device. */
export interface SentDocument {
  documentId: string;
  body: CreateDocumentBody;
}

/** The draft a Submit of this form created, and what it was created with. */
export interface UnfinishedDraft {
  submissionId: string;
  /** Absent when this device does not know (a draft saved before it kept them): the draft is then replaced. */
  sent?: SentDocument[];
}

export interface ResumedDraft {
  /** Each document's fresh upload link, by document id. */
  links: Map<string, PresignedUpload>;
  /** Which documents' files already arrived whole, by index in the form. */
  arrived: boolean[];
}

/** The same value, whatever order its keys were written in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );

/**
 * New links for the draft and which of its files arrived, when `bodies` (the form now, files
 * hashed) are exactly what it was created with and it is still a draft; null when it cannot be
 * resumed (changed since, submitted or discarded meanwhile: the caller tells which).
 */
export async function resumeDraft(api: Api, draft: UnfinishedDraft, bodies: CreateDocumentBody[]): Promise<ResumedDraft | null> {
  const sent = draft.sent;
  if (!sent || sent.length !== bodies.length || sent.some((doc, index) => canonical(doc.body) !== canonical(bodies[index]))) return null;
  const renewed = await api.renewUploadLinks(draft.submissionId).catch((error: unknown) => {
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) return null;
    throw error;
  });
  if (!renewed) return null;
  const byId = new Map(renewed.documents.map((doc) => [doc.documentId, doc]));
  const current = sent.map((doc, index) => {
    const link = byId.get(doc.documentId);
    return link && link.sha256 === bodies[index]!.sha256 ? link : null;
  });
  if (renewed.documents.length !== sent.length || current.some((link) => link === null)) return null;
  return {
    links: new Map(current.map((link) => [link!.documentId, link!.upload])),
    arrived: current.map((link) => link!.received),
  };
}
