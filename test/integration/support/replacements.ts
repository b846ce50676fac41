/**
 * Replacements driven step by step: the credentials step (the one that supersedes) with its real
 * adapters, and a replacement received by the commit point of its own intake whose credentials
 * step has not run yet, so a test decides when (and how) it lands.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDbAuditLog } from '../../../src/adapters/dynamodb-audit-log.js';
import { DynamoDbDocumentVersions } from '../../../src/adapters/dynamodb-document-versions.js';
import { DynamoDbSubmissionRepository } from '../../../src/adapters/dynamodb-submission-repository.js';
import { S3AuditAnchors } from '../../../src/adapters/s3-audit-anchors.js';
import { systemClock } from '../../../src/adapters/system-clock.js';
import { lineageOf } from '../../../src/domain/submission.js';
import type { DocumentVersions } from '../../../src/ports/document-versions.js';
import { recordCredentials, type RecordCredentialsDeps } from '../../../src/use-cases/record-credentials.js';
import type { RuntimeFixture } from './runtime.js';
import { daysFromToday, submissionRecord } from './submissions.js';

export function replacementSteps(local: RuntimeFixture) {
  /** Real adapters against the emulators, as the step's handler wires them; `versions` may wrap the real one to inject a fault. */
  function adapters(versions?: (real: DocumentVersions) => DocumentVersions): RecordCredentialsDeps {
    const repository = new DynamoDbSubmissionRepository(local.db, local.stack.tables.intake);
    const real = new DynamoDbDocumentVersions(local.db, local.stack.tables.intake);
    const audit = new DynamoDbAuditLog(local.db, local.stack.tables.audit, new S3AuditAnchors(local.s3, local.stack.auditAnchorBucketName));
    return { repository, audit, versions: versions ? versions(real) : real, clock: systemClock };
  }

  /** A received replacement of `replaced` (same type and details); `land` runs its credentials step. */
  async function replacementNotYetRecorded(replaced: { submissionId: string; documentId: string }, referenceNumber: string) {
    const { repository } = adapters();
    const { submission: owner, documents } = (await repository.get(replaced.submissionId))!;
    const old = documents.find((doc) => doc.documentId === replaced.documentId)!;
    const { received: _received, notices: _notices, review: _review, supersededBy: _by, supersededAt: _at, ...fields } = old;
    const [submissionId, documentId] = [randomUUID(), randomUUID()];
    const now = new Date().toISOString();
    await repository.create(
      submissionRecord({
        submissionId,
        provider: owner.provider,
        referenceNumber,
        status: 'RECEIVED',
        createdAt: now,
        submittedAt: now,
        estimatedReviewCompletionDate: daysFromToday(14),
        reviewDueDate: daysFromToday(30),
        documentIds: [documentId],
        documentTypes: [old.documentType],
        attemptStartedAt: now,
      }),
      [{ ...fields, documentId, submissionId, status: 'PENDING_REVIEW', storedKey: `documents/x/${submissionId}/${documentId}`, replacesDocumentId: old.documentId, lineageId: lineageOf(old), uploadedAt: now }],
    );
    const land = (versions?: (real: DocumentVersions) => DocumentVersions, executionId = `intake-${submissionId}`) => recordCredentials(adapters(versions), submissionId, executionId);
    return { submissionId, documentId, land };
  }

  return { adapters, replacementNotYetRecorded };
}
