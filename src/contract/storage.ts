/**
 * Where objects live in the documents bucket and the audit anchor bucket. The stack scopes IAM
 * grants and lifecycle rules by these prefixes; the use cases build keys with them.
 *
 * - `staging/` receives the browser's presigned POST (the provider can write it while her form
 *   is valid);
 * - `intake/` holds the workflow's server-side snapshot of each upload — no presigned form can
 *   target it, only workflow roles write it — and is what gets scanned, validated and stored;
 * - `documents/` keeps accepted files for good.
 */
export const STORAGE_PREFIXES = { staging: 'staging/', intake: 'intake/', documents: 'documents/' } as const;

export const stagingPrefix = (submissionId: string) => `${STORAGE_PREFIXES.staging}${submissionId}/`;
export const stagingKey = (submissionId: string, documentId: string) => `${stagingPrefix(submissionId)}${documentId}`;
export const intakeKey = (submissionId: string, documentId: string) => `${STORAGE_PREFIXES.intake}${submissionId}/${documentId}`;
export const documentKey = (providerId: string, submissionId: string, documentId: string) => `${STORAGE_PREFIXES.documents}${providerId}/${submissionId}/${documentId}`;

/**
 * One write-once object per audit event in the anchor bucket: `{chain}/{sequence}`, the
 * sequence zero-padded so keys sort in chain order. A chain is an audit table partition.
 */
export const auditAnchorKey = (chain: string, sequence: number) => `${chain}/${String(sequence).padStart(10, '0')}`;
