import type { VersionRecord } from '../domain/credentials.js';
import type { SubmissionDocument } from '../domain/submission.js';

/** Documents stored before versions were recorded have no upload time: they sort first. */
export const versionRecords = (documents: SubmissionDocument[]): VersionRecord[] => documents.map((doc) => ({ ...doc, uploadedAt: doc.uploadedAt ?? '' }));
