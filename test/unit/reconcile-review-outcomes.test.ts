/**
 * The reconciler's half for completed reviews whose outcome email is not audited as sent, against in-memory
 * ports: which execution name it asks about and starts, however long the email has kept failing.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/audit.js';
import type { Submission } from '../../src/domain/submission.js';
import type { ExecutionStatus } from '../../src/ports/workflow-starter.js';
import { reviewOutcomeExecutionName } from '../../src/use-cases/complete-review.js';
import { reconcileReviewOutcomes } from '../../src/use-cases/reconcile-review-outcomes.js';
import { RECONCILE_SETTINGS } from '../../src/use-cases/reconcile-submissions.js';

const DECIDED_AT = '2026-01-05T15:00:00.000Z';
const reviewer = { userId: 'staff-1', name: 'Casey Reviewer', email: 'credentialing@example.org' };

const decided: Submission = {
  submissionId: 'sub-1',
  provider: { providerId: 'p', email: 'emily@example.org', name: 'Emily Johnson' },
  referenceNumber: 'CRD-7K4M-9QXP-H3TW',
  status: 'VERIFIED',
  createdAt: '2026-01-02T10:00:00Z',
  submittedAt: '2026-01-02T10:01:00Z',
  estimatedReviewCompletionDate: '2026-01-16',
  reviewDueDate: '2026-01-31',
  documentIds: ['a'],
  documentTypes: ['MEDICAL_LICENSE'],
  emailsSent: {},
  reviews: {},
  reviewRevision: 1,
  reviewCompletion: { outcome: 'VERIFIED', decidedAt: DECIDED_AT, daysToDecision: 3, decidedBy: reviewer, requestId: 'req-complete', sourceIp: null },
  replacedDocuments: [],
  attempt: 1,
  attemptStartedAt: '2026-01-02T10:01:00Z',
  failedAt: null,
  pendingReference: null,
};

/** Step Functions as the reconciler sees it: every name in `ran` ended FAILED, any other was never used. */
function outcomeWorkflow(ran: (name: string) => boolean) {
  const asked: string[] = [];
  const started: string[] = [];
  return {
    asked,
    started,
    async status(name: string): Promise<ExecutionStatus> {
      asked.push(name);
      return ran(name) ? 'FAILED' : 'NOT_FOUND';
    },
    async start(name: string) {
      started.push(name);
      return 'STARTED' as const;
    },
  };
}

function reconcile(workflow: ReturnType<typeof outcomeWorkflow>, now: string) {
  const deps = {
    repository: {
      listUnsentOutcomes: async () => ({ items: [{ submissionId: decided.submissionId, reviewCompletion: decided.reviewCompletion! }] }),
      get: async (id: string) => (id === decided.submissionId ? { submission: decided, documents: [] } : null),
    },
    audit: { record: async () => ({}) as AuditEvent, list: async () => [], anchors: async () => new Map<number, string>() },
    outcomeWorkflow: workflow,
  };
  return reconcileReviewOutcomes(deps, new Date(now), RECONCILE_SETTINGS);
}

const name = (attempt: number) => reviewOutcomeExecutionName(decided.submissionId, attempt);

describe('a completed review whose outcome email is not sent', () => {
  it('is carried out in its first execution name a few minutes after the decision', async () => {
    // Prepare
    const workflow = outcomeWorkflow(() => false);
    // Act
    const actions = await reconcile(workflow, '2026-01-05T15:03:00.000Z');
    // Assess
    expect(actions).toEqual({ started: ['sub-1'] });
    expect(workflow.started).toEqual([name(1)]);
  });

  it('waits out the back-off after a failed execution, then starts the next name', async () => {
    // Prepare: `review-sub-1` ran and failed
    const workflow = outcomeWorkflow((n) => n === name(1));
    // Act: 6 minutes after the decision (attempt 2 is due at 2 + 5 minutes), then 8
    const early = await reconcile(workflow, '2026-01-05T15:06:00.000Z');
    const due = await reconcile(workflow, '2026-01-05T15:08:00.000Z');
    // Assess
    expect(early).toEqual({ waiting: ['sub-1'] });
    expect(due).toEqual({ started: ['sub-1'] });
    expect(workflow.started).toEqual([name(2)]);
  });

  it('asks about two execution names, not every attempt, when the email has failed for a year', async () => {
    // Prepare: every attempt so far ran and failed (an address SES keeps refusing); the due one is not yet started
    const year = Date.parse('2027-01-05T15:00:00.000Z');
    let due = 0;
    for (let at = Date.parse(DECIDED_AT) + RECONCILE_SETTINGS.minimumAgeMs, attempt = 1; at <= year; attempt += 1) {
      due = attempt;
      at += Math.min(5 * 60_000 * 2 ** (attempt - 1), 4 * 3_600_000);
    }
    const workflow = outcomeWorkflow((n) => n !== name(due));
    // Act
    const actions = await reconcile(workflow, '2027-01-05T15:00:00.000Z');
    // Assess
    expect(due).toBeGreaterThan(2000);
    expect(actions).toEqual({ started: ['sub-1'] });
    expect(workflow.asked).toEqual([name(due - 1), name(due)]);
    expect(workflow.started).toEqual([name(due)]);
  });

  it('reads every page of the index, past the intake half\'s bound, so one owed outcome is never hidden behind others', async () => {
    // Prepare: 130 outcomes still owed, every one but the last already running; the index answers 25 at a time
    const owed = Array.from({ length: 130 }, (_, i) => ({ submissionId: i === 129 ? decided.submissionId : `running-${i}`, reviewCompletion: decided.reviewCompletion! }));
    const workflow = outcomeWorkflow(() => false);
    const deps = {
      repository: {
        listUnsentOutcomes: async ({ limit, nextToken }: { limit: number; nextToken?: string }) => {
          const from = Number(nextToken ?? 0);
          return { items: owed.slice(from, from + limit), ...(from + limit < owed.length ? { nextToken: String(from + limit) } : {}) };
        },
        get: async (id: string) => (id === decided.submissionId ? { submission: decided, documents: [] } : null),
      },
      audit: { record: async () => ({}) as AuditEvent, list: async () => [], anchors: async () => new Map<number, string>() },
      outcomeWorkflow: { ...workflow, status: async (n: string) => (n.startsWith('review-running-') ? ('RUNNING' as const) : workflow.status(n)) },
    };

    // Act
    const actions = await reconcileReviewOutcomes(deps, new Date('2026-01-05T15:03:00.000Z'), RECONCILE_SETTINGS);

    // Assess
    expect(RECONCILE_SETTINGS.pageSize * RECONCILE_SETTINGS.maxPages).toBeLessThan(owed.length);
    expect(actions.running).toHaveLength(129);
    expect(actions.started).toEqual(['sub-1']);
    expect(workflow.started).toEqual([name(1)]);
  });
});
