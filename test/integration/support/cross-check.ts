/** What the cross-check tests share: corpus documents as the API takes them, the step's function, its results as the API shows them. */
import type { StackInfo } from '../../../local/runtime.js';
import { synthesizeTemplate, resourcesOfType } from '../../../local/template.js';
import { localFunctionName } from '../../../local/local-values.js';
import type { CrossCheck } from '../../../src/contract/cross-check.js';
import { ENTRY_METADATA_KEY } from '../../../src/contract/service.js';
import type { CorpusDocument } from '../../../testkit/cross-check-corpus.js';
import { testDocument, type TestDocument } from '../../../testkit/intake-documents.js';
import { invokeFunction } from './intake.js';

export const CROSS_CHECK_ENTRY = 'src/handlers/steps/cross-check-document.ts';

export interface DocumentWithCheck {
  documentId: string;
  crossCheck?: CrossCheck;
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/tiff': 'tif' };

/** A corpus document with the details she typed, ready for `POST /submissions`. */
export async function asSubmitted(doc: CorpusDocument): Promise<TestDocument> {
  const { documentType, ...facts } = doc.facts;
  return testDocument(documentType, `${doc.id}.${EXTENSIONS[doc.contentType] ?? 'docx'}`, doc.contentType, await doc.build(), facts);
}

export const checkOf = (documents: DocumentWithCheck[], documentId: string) => documents.find((doc) => doc.documentId === documentId)?.crossCheck;

/** `{field: status}` of a result, for asserting a few fields. */
export const fieldStatuses = (check: CrossCheck | undefined) => Object.fromEntries((check?.fields ?? []).map((f) => [f.field, f.status]));

/** Runs the template's cross-check function once, as the workflow's task does. */
export async function invokeCrossCheck(stack: StackInfo, payload: { submissionId: string; documentId: string; mode: 'CHECK' | 'RECORD_FAILURE' }) {
  const [logicalId] = resourcesOfType(await synthesizeTemplate(), 'AWS::Lambda::Function').find(([, fn]) => fn.Metadata?.[ENTRY_METADATA_KEY] === CROSS_CHECK_ENTRY)!;
  return invokeFunction<{ outcome: string; status: string | null }>(stack, localFunctionName(logicalId), payload);
}

/** The same document typed as another credential of hers (one submission carries each credential once). */
export const typedAs = (doc: TestDocument, details: Record<string, string>): TestDocument => ({ ...doc, metadata: { ...doc.metadata, details: { ...(doc.metadata.details as Record<string, string>), ...details } } });
