/**
 * Inspects a stored file in one streaming pass: size, SHA-256, and the format detected from its
 * bytes, against what the provider declared. Never trusts the upload layer: the local S3
 * emulator enforces no presigned-POST policy, and in AWS the policy covers size only.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { LIMITS, documentTypeSpec, formatLabel, acceptedFormatsText, type ContentType, type DocumentType } from '../catalog.js';
import { documentIssue, type DocumentIssue } from '../document-issues.js';

export interface DeclaredFile {
  documentType: DocumentType;
  contentType: ContentType;
  sizeBytes: number;
  sha256: string;
}

export interface InspectionResult {
  sizeBytes: number;
  sha256: string;
  detectedContentType: string | null;
  issues: DocumentIssue[];
}

const HEAD_BYTES = 64 * 1024;

export async function inspectDocument(body: AsyncIterable<Uint8Array>, declared: DeclaredFile): Promise<InspectionResult> {
  const hash = createHash('sha256');
  const headChunks: Uint8Array[] = [];
  let headLength = 0;
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    size += chunk.byteLength;
    if (headLength < HEAD_BYTES) {
      const take = chunk.subarray(0, HEAD_BYTES - headLength);
      headChunks.push(take);
      headLength += take.byteLength;
    }
  }
  const sha256 = hash.digest('hex');
  const head = Buffer.concat(headChunks);
  const issues: DocumentIssue[] = [];

  if (size === 0) {
    issues.push(documentIssue('EMPTY_FILE', 'The uploaded file is empty. Choose the file again.'));
    return { sizeBytes: 0, sha256, detectedContentType: null, issues };
  }
  if (size > LIMITS.maxFileBytes) {
    issues.push(documentIssue('SIZE_LIMIT_EXCEEDED', `The file is larger than ${LIMITS.maxFileBytes / 1024 / 1024} MB. Upload a smaller scan or PDF.`));
  } else if (size !== declared.sizeBytes) {
    issues.push(documentIssue('SIZE_MISMATCH', 'The uploaded file is not the size that was announced; it may have been cut off. Upload it again.'));
  }

  const detected = (await fileTypeFromBuffer(head))?.mime ?? null;
  const spec = documentTypeSpec(declared.documentType);
  const label = (mime: string) => formatLabel(mime);
  if (detected === null || !(detected in FORMAT_NAMES)) {
    issues.push(documentIssue('UNSUPPORTED_FORMAT', `This file is not a format we accept. Accepted formats for a ${spec.label}: ${acceptedFormatsText(declared.documentType)}.`));
  } else if (detected !== declared.contentType) {
    issues.push(documentIssue('FORMAT_MISMATCH', `This file is really a ${label(detected)}, not the ${label(declared.contentType)} its name says. Choose the right file or save it as ${label(declared.contentType)}.`));
  } else if (!spec.formats.includes(detected as ContentType)) {
    issues.push(documentIssue('FORMAT_NOT_ALLOWED', `${label(detected)} files are not accepted for a ${spec.label}. Accepted formats: ${acceptedFormatsText(declared.documentType)}.`));
  }

  if (issues.length === 0 && sha256 !== declared.sha256.toLowerCase()) {
    issues.push(documentIssue('CHECKSUM_MISMATCH', 'The file changed or was damaged during upload (its checksum does not match). Upload it again.'));
  }
  return { sizeBytes: size, sha256, detectedContentType: detected, issues };
}

const FORMAT_NAMES: Record<string, true> = {
  'application/pdf': true,
  'image/jpeg': true,
  'image/png': true,
  'image/tiff': true,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': true,
};
