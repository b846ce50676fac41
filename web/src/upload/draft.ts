/**
 * The upload form's model: one draft per provider, its metadata kept in sessionStorage so an
 * expired session or a reload loses nothing she typed. File objects cannot be serialized; they
 * live in memory (kept across in-app navigation, e.g. a trip to sign-in) keyed by card.
 */
import { CATALOG, DOCUMENT_TYPES, FILE_FORMATS, type ContentType, type DocumentType } from '../../../src/domain/catalog.js';
import type { CreateDocumentBody, CredentialVersionView, DocumentHistory, SubmissionView } from '../api/types.js';

export interface FileMeta {
  name: string;
  size: number;
  /** From the extension (browsers often leave `type` empty for DOCX/TIFF); null if unknown. */
  contentType: ContentType | null;
}

export interface DraftDocument {
  key: string;
  documentType: DocumentType;
  issueDate: string;
  expirationDate: string;
  issuingAuthority: string;
  details: Record<string, string>;
  file: FileMeta | null;
  /** Why the previous attempt's file was refused (resubmission after REJECTED). */
  previousIssues: string[];
  /** The earlier version this document replaces or renews, and what the card says about it. */
  replacesDocumentId?: string;
  replacing?: { title: string; fileName: string; expirationDate: string | null; renewal: boolean };
}

export interface DraftForm {
  documents: DraftDocument[];
  /** The REJECTED submission this draft fixes, or the document it replaces (`/upload?replaces=`). */
  origin?: { submissionId?: string; referenceNumber?: string | null; replaces?: string };
}

const files = new Map<string, File>();

export function rememberFile(key: string, file: File | null): void {
  if (file) files.set(key, file);
  else files.delete(key);
}

export function fileFor(key: string): File | undefined {
  return files.get(key);
}

/** Files of a created submission, in document order, so a REJECTED one can be resent. */
const submissionFiles = new Map<string, (File | undefined)[]>();

export function rememberSubmissionFiles(submissionId: string, keys: string[]): void {
  submissionFiles.set(submissionId, keys.map((key) => files.get(key)));
}

export function newKey(): string {
  return crypto.randomUUID();
}

export function emptyDocument(documentType: DocumentType): DraftDocument {
  return {
    key: newKey(),
    documentType,
    issueDate: '',
    expirationDate: '',
    issuingAuthority: '',
    details: {},
    file: null,
    previousIssues: [],
  };
}

export function freshDraft(): DraftForm {
  return { documents: DOCUMENT_TYPES.map(emptyDocument) };
}

export function contentTypeOf(fileName: string): ContentType | null {
  const lower = fileName.toLowerCase();
  for (const [contentType, format] of Object.entries(FILE_FORMATS)) {
    if (format.extensions.some((extension) => lower.endsWith(extension))) return contentType as ContentType;
  }
  return null;
}

export function describeFile(file: File): FileMeta {
  return { name: file.name, size: file.size, contentType: contentTypeOf(file.name) };
}

/** The picker's accept attribute for a type: extensions and media types from the catalog. */
export function acceptAttribute(type: DocumentType): string {
  const spec = CATALOG.find((entry) => entry.type === type);
  return (spec?.formats ?? []).flatMap((contentType) => [...FILE_FORMATS[contentType].extensions, contentType]).join(',');
}

const draftKey = (username: string) => `credentialing.draft.${username}`;

export function loadDraft(username: string): DraftForm | null {
  try {
    const raw = sessionStorage.getItem(draftKey(username));
    if (!raw) return null;
    const draft = JSON.parse(raw) as DraftForm;
    return Array.isArray(draft.documents) && draft.documents.length > 0 ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(username: string, draft: DraftForm): void {
  try {
    sessionStorage.setItem(draftKey(username), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it just will not survive a reload.
  }
}

export function clearDraft(username: string, draft?: DraftForm): void {
  sessionStorage.removeItem(draftKey(username));
  for (const doc of draft?.documents ?? []) files.delete(doc.key);
}

/**
 * A draft rebuilt from a REJECTED submission: every document's metadata is kept; files the
 * browser still holds are reused, the refused ones are cleared with the reason beside them.
 */
export function draftFromRejected(submission: SubmissionView): DraftForm {
  const kept = submissionFiles.get(submission.submissionId) ?? [];
  return {
    origin: { submissionId: submission.submissionId, referenceNumber: submission.referenceNumber },
    documents: submission.documents.map((doc, index) => {
      const key = newKey();
      const refused = doc.issues.length > 0 || doc.status === 'INVALID';
      const file = refused ? undefined : kept[index];
      if (file) files.set(key, file);
      return {
        key,
        documentType: doc.documentType,
        issueDate: doc.issueDate,
        expirationDate: doc.expirationDate ?? '',
        issuingAuthority: doc.issuingAuthority,
        details: { ...doc.details },
        file: file ? describeFile(file) : refused ? null : { name: doc.fileName, size: doc.sizeBytes, contentType: doc.contentType },
        previousIssues: doc.issues.map((issue) => issue.message),
        // Every document is sent again as the next version of its counterpart (nothing of a refused submission was stored).
        replacesDocumentId: doc.documentId,
      };
    }),
  };
}

const titleOf = (doc: Pick<CredentialVersionView, 'documentType' | 'details'>) => {
  const label = CATALOG.find((spec) => spec.type === doc.documentType)?.label ?? doc.documentType;
  return doc.details.jurisdiction ? `${label} (${doc.details.jurisdiction})` : label;
};

/**
 * A draft for one new version of `version` (`/upload?replaces={documentId}`): its type, authority
 * and numbers kept; the dates kept for a corrected file (replace), left to fill for a renewal.
 */
export function draftForReplacement(history: DocumentHistory, version: CredentialVersionView): DraftForm {
  const renewal = history.credential.action === 'RENEW';
  return {
    origin: { replaces: version.documentId },
    documents: [
      {
        ...emptyDocument(version.documentType),
        issuingAuthority: version.issuingAuthority,
        details: { ...version.details },
        ...(renewal ? {} : { issueDate: version.issueDate, expirationDate: version.expirationDate ?? '' }),
        previousIssues: version.issues.map((issue) => issue.message),
        replacesDocumentId: version.documentId,
        replacing: { title: titleOf(version), fileName: version.fileName, expirationDate: version.expirationDate, renewal },
      },
    ],
  };
}

export function toCreateDocument(doc: DraftDocument, file: File, sha256: string): CreateDocumentBody {
  const spec = CATALOG.find((entry) => entry.type === doc.documentType)!;
  const details: Record<string, string> = {};
  for (const field of spec.fields) {
    const value = normalizeDetail(field.kind, doc.details[field.name] ?? '');
    if (value) details[field.name] = value;
  }
  return {
    documentType: doc.documentType,
    fileName: file.name,
    contentType: contentTypeOf(file.name)!,
    sizeBytes: file.size,
    sha256,
    issueDate: doc.issueDate,
    ...(spec.expiration !== 'none' && doc.expirationDate ? { expirationDate: doc.expirationDate } : {}),
    issuingAuthority: doc.issuingAuthority.trim(),
    details,
    ...(doc.replacesDocumentId ? { replacesDocumentId: doc.replacesDocumentId } : {}),
  };
}

export function normalizeDetail(kind: string, value: string): string {
  const trimmed = value.trim();
  if (kind === 'deaNumber' || kind === 'jurisdiction') return trimmed.toUpperCase();
  if (kind === 'money') return trimmed.replace(/[$,\s]/g, '');
  return trimmed;
}
