/**
 * The review outcome workflow's last step failing past its retries after the email went out
 * (test/integration/fixtures/faulty-record-review-outcome.ts: the audit table throttles the first
 * execution's OUTCOME_EMAIL_SENT): the scheduled reconciler finishes it in a new execution, whose
 * email step sends nothing again — one email, one OUTCOME_EMAIL_SENT, nothing left to do after.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { StepFunctionsWorkflowStarter } from '../../src/adapters/sfn-workflow-starter.js';
import { INTAKE_INDEXES } from '../../src/contract/tables.js';
import { reviewOutcomeExecutionName } from '../../src/use-cases/complete-review.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { fiveDocuments } from '../../testkit/intake-documents.js';
import { callApi } from '../../testkit/local-api.js';
import { runReconciler } from './support/intake.js';
import { reviewCalls } from './support/review.js';
import { EMILY, STAFF, useLocalRuntime } from './support/runtime.js';

const local = useLocalRuntime('review-outcome-faults', {
  functionEntryOverrides: { 'src/handlers/steps/record-review-outcome.ts': 'test/integration/fixtures/faulty-record-review-outcome.ts' },
  // The definition's retries (4 attempts), without their seconds of waiting.
  retryIntervalOverrides: { RecordReviewOutcome: [100, 200, 400] },
});
const { received, review, complete, emailsAbout, item } = reviewCalls(local);
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/** Decided and completed through the API; the outcome execution emails, then its audit step fails. */
async function outcomeWhoseAuditStepFailed(documents = fiveDocuments().slice(0, 2)) {
  const submission = await received(EMILY, documents);
  for (const { documentId } of submission.documents) expect((await review(documentId, { decision: 'VERIFIED' })).status).toBe(200);
  expect(await complete(submission.submissionId)).toEqual({ status: 200, body: { submissionId: submission.submissionId, status: 'VERIFIED' } });
  await local.runtime.workflowsIdle();
  return submission;
}

describe('a review outcome whose audit step fails past its retries after the email went out', () => {
  it('is finished by the reconciler: one email, one OUTCOME_EMAIL_SENT naming it, then nothing left to do', async () => {
    // Prepare
    const { submissionId, referenceNumber } = await outcomeWhoseAuditStepFailed();
    const sfn = new SFNClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: local.stack.endpoints.stepfunctions });
    const reviewMachine = Object.entries(local.stack.stateMachines).find(([id]) => id.startsWith('ReviewWorkflow'))![1];
    const outcomeWorkflow = new StepFunctionsWorkflowStarter<{ submissionId: string }>(sfn, reviewMachine);
    const firstExecution = await outcomeWorkflow.status(reviewOutcomeExecutionName(submissionId));
    const emailsAfterFailure = await emailsAbout(referenceNumber);
    const auditAfterFailure = await auditEvents(submissionId);

    // Act: the scheduled reconciler, as its schedule runs it: soon after, after the back-off, hours later
    const soon = await runReconciler(local.stack, minutesFromNow(3), `soon-${submissionId}`);
    await local.runtime.workflowsIdle();
    const afterBackOff = await runReconciler(local.stack, minutesFromNow(8), `after-back-off-${submissionId}`);
    await local.runtime.workflowsIdle();
    const later = await runReconciler(local.stack, minutesFromNow(300), `later-${submissionId}`);
    await local.runtime.workflowsIdle();
    const secondExecution = await outcomeWorkflow.status(reviewOutcomeExecutionName(submissionId, 2));
    sfn.destroy();

    // Assess: the failure as it was left — emailed, recorded as sent on the submission, not in the audit trail
    expect(firstExecution).toBe('FAILED');
    expect(emailsAfterFailure).toHaveLength(1);
    expect(auditAfterFailure.map((e) => e.type)).not.toContain('OUTCOME_EMAIL_SENT');
    // Assess: the reconciler waited out the failed execution's back-off, started the next name once, then had nothing to do
    expect(soon.reviewOutcomes).toEqual({ waiting: [submissionId] });
    expect(afterBackOff.reviewOutcomes).toEqual({ started: [submissionId] });
    expect(later.reviewOutcomes).toEqual({});
    expect(secondExecution).toBe('SUCCEEDED');
    // Assess: one email, one OUTCOME_EMAIL_SENT naming that email, the chain intact, the index entry gone
    const emails = await emailsAbout(referenceNumber);
    expect(emails).toHaveLength(1);
    const events = await auditEvents(submissionId);
    const sent = events.filter((e) => e.type === 'OUTCOME_EMAIL_SENT');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.details).toEqual({ outcome: 'VERIFIED', emailMessageId: emails[0]!.messageId });
    expect(events.filter((e) => e.type === 'SUBMISSION_VERIFIED')).toHaveLength(1);
    const stored = await item(submissionId);
    expect(stored.emailsSent.VERIFIED).toBe(emails[0]!.messageId);
    expect(stored[INTAKE_INDEXES.unsentOutcomes.partitionKey]).toBeUndefined();
  });

  it('is finished once when two reconciler runs overlap: one new execution, one email, one OUTCOME_EMAIL_SENT', async () => {
    // Prepare
    const { submissionId, referenceNumber } = await outcomeWhoseAuditStepFailed(fiveDocuments().slice(2, 3));

    // Act: a run still going when the next one starts, both after the failed execution's back-off
    const runs = await Promise.all(['a', 'b'].map((run) => runReconciler(local.stack, minutesFromNow(8), `overlap-${run}-${submissionId}`)));
    await local.runtime.workflowsIdle();
    const after = await runReconciler(local.stack, minutesFromNow(300), `after-overlap-${submissionId}`);
    await local.runtime.workflowsIdle();

    // Assess: each run acted on it once (both may say "started": Step Functions answers a start of
    // the running execution's name and input as a start); one new execution, one email, one OUTCOME_EMAIL_SENT
    expect(runs.map((run) => Object.values(run.reviewOutcomes).flat())).toEqual([[submissionId], [submissionId]]);
    expect(after.reviewOutcomes).toEqual({});
    const sfn = new SFNClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: local.stack.endpoints.stepfunctions });
    const reviewMachine = Object.entries(local.stack.stateMachines).find(([id]) => id.startsWith('ReviewWorkflow'))![1];
    const outcomeWorkflow = new StepFunctionsWorkflowStarter<{ submissionId: string }>(sfn, reviewMachine);
    const executions = await Promise.all([2, 3].map((attempt) => outcomeWorkflow.status(reviewOutcomeExecutionName(submissionId, attempt))));
    sfn.destroy();
    expect(executions).toEqual(['SUCCEEDED', 'NOT_FOUND']);
    const emails = await emailsAbout(referenceNumber);
    expect(emails).toHaveLength(1);
    const events = await auditEvents(submissionId);
    expect(events.filter((e) => e.type === 'OUTCOME_EMAIL_SENT').map((e) => e.details)).toEqual([{ outcome: 'VERIFIED', emailMessageId: emails[0]!.messageId }]);
    expect(events.filter((e) => e.type === 'SUBMISSION_VERIFIED')).toHaveLength(1);
  });
});

async function auditEvents(submissionId: string): Promise<{ type: string; details: Record<string, unknown> }[]> {
  const audit = await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!);
  expect(audit.body.chainIntact).toBe(true);
  return audit.body.events;
}
