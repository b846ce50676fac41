/**
 * The upload form's model: one draft per provider. Its File objects live in memory, keyed by
 * card, for the form's checks; `device-store.ts` keeps the draft and the files on this device
 * (IndexedDB) so a reload loses nothing. A card whose file the browser no longer has says so.
 */
import { DOCUMENT_TYPES, FILE_FORMATS, documentTypeSpec, isDocumentType, normalizedDetails, type ContentType, type DocumentType } from '../../../src/domain/catalog.js';
import { crossCheckWarnings } from '../../../src/domain/cross-check/views.js';
import { portalPaths } from '../../../src/contract/portal-routes.js';
import type { CreateDocumentBody, CredentialVersionView, DocumentHistory, SubmissionView } from '../api/types.js';
import { HEIC_ACCEPT } from './heic.js';
import type { SentDocument } from './resume.js';

export interface FileMeta {
  name: string;
  size: number;
  /** From the extension (browsers often leave `type` empty for DOCX/TIFF); null if unknown. */
  contentType: ContentType | null;
  /** Set while an iPhone photo (HEIC) is being converted to JPEG. */
  converting?: boolean;
  /** The file she chose was converted (HEIC → JPEG) before upload. */
  convertedFrom?: 'HEIC';
  /** Why the chosen file cannot be used, found while preparing it (e.g. an unreadable photo). */
  problem?: string;
}

export interface DraftDocument {
  key: string;
  documentType: DocumentType;
  issueDate: string;
  expirationDate: string;
  issuingAuthority: string;
  details: Record<string, string>;
  file: FileMeta | null;
  /** A file she chose earlier that this browser no longer has (another device, signed out, or kept too long). */
  lostFile: FileMeta | null;
  /** Why the previous attempt's file was refused (resubmission after REJECTED, or the reviewer's reason). */
  previousIssues: string[];
  /** The earlier version this document replaces or renews, and what the card says about it. */
  replacesDocumentId?: string;
  replacing?: { title: string; fileName: string; expirationDate: string | null; renewal: boolean; warnings?: string[] };
}

export interface DraftForm {
  documents: DraftDocument[];
  /** The REJECTED submission this draft fixes, or the document it replaces (`/upload?replaces=`). */
  origin?: { submissionId?: string; referenceNumber?: string | null; replaces?: string; correcting?: boolean };
  /**
   * A submission created for this draft whose upload never finished: sent on with its missing
   * files when she submits it unchanged, otherwise discarded (`resume.ts`).
   */
  pendingSubmissionId?: string;
  /** What that submission was created with, document by document (its files' SHA-256 included). */
  pendingSent?: { submissionId: string; documents: SentDocument[] };
  /**
   * The `clientToken` of a create whose answer has not come back, with what it sent: a Submit of
   * the same documents after a reload sends it again, and gets the submission that create made.
   */
  pendingCreate?: { clientToken: string; sent: string };
}

/** The token for creating a submission of `bodies`: the one kept, when it was for these same bodies, else a new one to keep. */
export function pendingCreateFor(kept: DraftForm['pendingCreate'], bodies: CreateDocumentBody[]): NonNullable<DraftForm['pendingCreate']> {
  const sent = JSON.stringify(bodies);
  return kept?.sent === sent ? kept : { clientToken: crypto.randomUUID(), sent };
}

const files = new Map<string, File>();

export function rememberFile(key: string, file: File | null): void {
  if (file) files.set(key, file);
  else files.delete(key);
}

export function fileFor(key: string): File | undefined {
  return files.get(key);
}

export function forgetFiles(keys: string[]): void {
  for (const key of keys) files.delete(key);
}

export function newKey(): string {
  return crypto.randomUUID();
}

export function emptyDocument(documentType: DocumentType): DraftDocument {
  return { key: newKey(), documentType, issueDate: '', expirationDate: '', issuingAuthority: '', details: {}, file: null, lostFile: null, previousIssues: [] };
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

export function describeFile(file: File, extra: Partial<FileMeta> = {}): FileMeta {
  return { name: file.name, size: file.size, contentType: contentTypeOf(file.name), ...extra };
}

/** The picker's accept attribute for a type: extensions and media types from the catalog (and iPhone photos where JPEG is taken). */
export function acceptAttribute(type: DocumentType): string {
  const formats = documentTypeSpec(type).formats;
  return [...formats.flatMap((contentType) => [...FILE_FORMATS[contentType].extensions, contentType]), ...(formats.includes('image/jpeg') ? HEIC_ACCEPT : [])].join(',');
}

/** The card's own file against what this browser holds: a card only claims a file it can send. */
export function withHeldFiles(form: DraftForm, held: ReadonlyMap<string, File>): DraftForm {
  return {
    ...form,
    documents: form.documents.map((doc) => {
      const file = held.get(doc.key);
      if (file && doc.file) rememberFile(doc.key, file);
      // A refusal is kept as it was; anything else is claimed only with its bytes.
      if (!doc.file || file || doc.file.problem) return doc;
      return { ...doc, file: null, lostFile: { name: doc.file.name, size: doc.file.size, contentType: doc.file.contentType } };
    }),
  };
}

/**
 * A draft rebuilt from a REJECTED submission: every document's metadata is kept; the files that
 * passed are reused when this device still has them (`sent`, in document order), otherwise she
 * is told to choose them again; the refused ones are cleared with the reason beside them.
 */
export function draftFromRejected(submission: SubmissionView, sent: readonly (File | null)[]): DraftForm {
  const documents = submission.documents.map((doc, index): DraftDocument => {
    const refused = doc.issues.length > 0 || doc.status === 'INVALID';
    const held = refused ? null : (sent[index] ?? null);
    const key = newKey();
    if (held) rememberFile(key, held);
    return {
      key,
      documentType: doc.documentType,
      issueDate: doc.issueDate,
      expirationDate: doc.expirationDate ?? '',
      issuingAuthority: doc.issuingAuthority,
      details: { ...doc.details },
      file: held ? describeFile(held) : null,
      lostFile: held || refused ? null : { name: doc.fileName, size: doc.sizeBytes, contentType: doc.contentType },
      previousIssues: doc.issues.map((issue) => issue.message),
      // Every document is sent again as the next version of its counterpart (nothing of a refused submission was stored).
      replacesDocumentId: doc.documentId,
    };
  });
  return { origin: { submissionId: submission.submissionId, referenceNumber: submission.referenceNumber }, documents };
}

export const titleOf = (doc: Pick<CredentialVersionView, 'documentType' | 'details'>) => {
  const label = documentTypeSpec(doc.documentType).label;
  return doc.details.jurisdiction ? `${label} (${doc.details.jurisdiction})` : label;
};

/** `/upload?replaces={documentId}&correct=1`: the provider sends the right file for a document in review (the cross-check warned her). */
export const CORRECT_PARAMETER = 'correct';
export const correctFilePath = (documentId: string) => `${portalPaths.replaceDocument(documentId)}&${CORRECT_PARAMETER}=1`;

/**
 * A draft for one new version of `version` (`/upload?replaces={documentId}`): its type, authority
 * and numbers kept; the dates kept for a corrected file (replace), left to fill for a renewal.
 * `correcting`: the right file for a document in review, whose warning the card repeats.
 */
export function draftForReplacement(history: DocumentHistory, version: CredentialVersionView, correcting = false): DraftForm {
  const warnings = correcting && isDocumentType(version.documentType) ? crossCheckWarnings(version.documentType, version.crossCheck) : [];
  const renewal = history.credential.action === 'RENEW' && !correcting;
  return {
    origin: { replaces: version.documentId, ...(correcting ? { correcting } : {}) },
    documents: [
      {
        ...emptyDocument(version.documentType),
        issuingAuthority: version.issuingAuthority,
        details: { ...version.details },
        ...(renewal ? {} : { issueDate: version.issueDate, expirationDate: version.expirationDate ?? '' }),
        previousIssues: [
          ...version.issues.map((issue) => issue.message),
          ...(version.review?.decision === 'REJECTED' && version.review.reason ? [`The credentialing team's reason: ${version.review.reason}`] : []),
        ],
        replacesDocumentId: version.documentId,
        replacing: { title: titleOf(version), fileName: version.fileName, expirationDate: version.expirationDate, renewal, ...(warnings.length ? { warnings } : {}) },
      },
    ],
  };
}

export function toCreateDocument(doc: DraftDocument, file: File, sha256: string): CreateDocumentBody {
  const spec = documentTypeSpec(doc.documentType);
  const details = normalizedDetails(doc.documentType, doc.details);
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

/** Card headings: the type's label, numbered when there are several of one type. */
export function cardTitles(documents: Pick<DraftDocument, 'documentType'>[]): string[] {
  return documents.map((doc, index) => {
    const label = documentTypeSpec(doc.documentType).label;
    const same = documents.filter((other) => other.documentType === doc.documentType).length;
    const position = documents.slice(0, index + 1).filter((other) => other.documentType === doc.documentType).length;
    return same > 1 ? `${label} ${position}` : label;
  });
}
