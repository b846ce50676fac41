/** Review rules: decisions, completion, NCQA dates, download headers, and what each side sees. */
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/domain/content-disposition.js';
import { calendarDaysBetween, daysSinceSubmission, reviewDueDate, reviewOutcome, reviewProgress, type DocumentReview } from '../../src/domain/review.js';
import { toFieldProblems } from '../../src/domain/metadata-schema.js';
import { reviewRequestSchema } from '../../src/domain/review-schema.js';
import { toSubmissionView, type Submission, type SubmissionDocument } from '../../src/domain/submission.js';

const reviewer = { userId: 'staff-1', name: 'Casey Reviewer', email: 'credentialing@example.org' };
const review = (decision: 'VERIFIED' | 'REJECTED', reviewedAt = '2026-12-01T15:00:00Z', reason: string | null = decision === 'REJECTED' ? 'The scan is unreadable.' : null): DocumentReview => ({
  decision,
  reason,
  reasonCode: decision === 'REJECTED' ? 'ILLEGIBLE' : null,
  reviewedAt,
  reviewedBy: reviewer,
  requestId: `req-${decision}`,
  sourceIp: '127.0.0.1',
});

function problemsOf(body: unknown) {
  const result = reviewRequestSchema.safeParse(body);
  return result.success ? [] : toFieldProblems(result.error);
}

describe('a decision on a document', () => {
  it('accepts a verification alone and a rejection with its reason and code', () => {
    // Act / Assess
    expect(reviewRequestSchema.parse({ decision: 'VERIFIED' })).toEqual({ decision: 'VERIFIED' });
    expect(reviewRequestSchema.parse({ decision: 'REJECTED', reason: '  Expired in 2024.  ', reasonCode: 'EXPIRED' })).toEqual({ decision: 'REJECTED', reason: 'Expired in 2024.', reasonCode: 'EXPIRED' });
    expect(reviewRequestSchema.parse({ decision: 'REJECTED', reason: 'Line one\nLine two' }).reason).toBe('Line one\nLine two');
  });

  it('names the field and what to fix for every refused decision', () => {
    // Act / Assess
    expect(problemsOf({ decision: 'REJECTED' })).toEqual([{ path: 'reason', message: 'Write the reason the provider will read: a rejection needs one.' }]);
    expect(problemsOf({ decision: 'REJECTED', reason: '   ' })).toEqual([{ path: 'reason', message: 'Write the reason the provider will read.' }]);
    expect(problemsOf({ decision: 'REJECTED', reason: 'x'.repeat(1001) })).toEqual([{ path: 'reason', message: 'The reason must be at most 1000 characters.' }]);
    expect(problemsOf({ decision: 'REJECTED', reason: 'x'.repeat(1000) })).toEqual([]);
    expect(problemsOf({ decision: 'REJECTED', reason: 'see \u202Efdp.exe' })[0]?.path).toBe('reason');
    expect(problemsOf({ decision: 'REJECTED', reason: 'bell\u0007' })[0]?.path).toBe('reason');
    expect(problemsOf({ decision: 'MAYBE' })[0]).toEqual({ path: 'decision', message: 'Decision must be VERIFIED or REJECTED.' });
    expect(problemsOf({ decision: 'REJECTED', reason: 'r', reasonCode: 'BLURRY' })[0]?.path).toBe('reasonCode');
    expect(problemsOf({ decision: 'VERIFIED', reasonCode: 'OTHER' })[0]?.path).toBe('reasonCode');
    expect(problemsOf({ decision: 'VERIFIED', reviewer: 'me' })[0]).toEqual({ path: 'reviewer', message: '"reviewer" is not a field of this request. Remove it.' });
    expect(problemsOf(null)[0]?.path).toBe('(body)');
    const replacesProblem = { path: 'replaces', message: 'Replaces must be the decisionId of the decision the page shows, or null when it shows none.' };
    for (const replaces of [7, '', 'x'.repeat(201)]) expect(problemsOf({ decision: 'VERIFIED', replaces })).toEqual([replacesProblem]);
    expect(problemsOf({ decision: 'VERIFIED', replaces: null })).toEqual([]);
    expect(problemsOf({ decision: 'VERIFIED', replaces: 'a-decision-id' })).toEqual([]);
  });

  it('refuses a reason with characters that have no place in text she will read, with the same words as the provider\'s fields', () => {
    // Prepare: a line break and a tab are text; a lone half of a UTF-16 pair, a control and a direction mark are not
    const reason = (text: string) => problemsOf({ decision: 'REJECTED', reason: text, reasonCode: 'OTHER' });

    // Act / Assess
    expect(reason('Page 2 is missing.\n\tSend both pages.')).toEqual([]);
    expect(reason('Smile \u{1F600} is a whole pair')).toEqual([]);
    expect(reason('broken \uD83D here')).toEqual([{ path: 'reason', message: 'The reason contains characters that are not valid text. Retype it as plain text.' }]);
    expect(reason('\uDE00 trailing half first')).toEqual([{ path: 'reason', message: 'The reason contains characters that are not valid text. Retype it as plain text.' }]);
    expect(reason('see \u202Efdp.exe')).toEqual([{ path: 'reason', message: 'The reason contains hidden text-direction characters. Retype it as plain text.' }]);
    expect(reason('bell\u0007')).toEqual([{ path: 'reason', message: 'The reason contains control characters. Retype it as plain text.' }]);
    expect(reason('nul\u0000')).toEqual([{ path: 'reason', message: 'The reason contains control characters. Retype it as plain text.' }]);
  });
});

describe('completing a review', () => {
  const now = new Date('2026-12-10T12:00:00Z');

  it('is VERIFIED when every document is verified and ACTION_REQUIRED when any is rejected', () => {
    expect(reviewOutcome(['a', 'b'], { a: review('VERIFIED'), b: review('VERIFIED') }, now)).toEqual({ outcome: 'VERIFIED' });
    expect(reviewOutcome(['a', 'b'], { a: review('VERIFIED'), b: review('REJECTED') }, now)).toEqual({ outcome: 'ACTION_REQUIRED' });
  });

  it('names undecided documents by position, and decisions older than 120 days', () => {
    expect(reviewOutcome(['a', 'b', 'c'], { b: review('VERIFIED') }, now)).toEqual({ undecided: [0, 2], stale: [] });
    expect(reviewOutcome(['a', 'b'], { a: review('VERIFIED', '2026-08-01T00:00:00Z'), b: review('VERIFIED', '2026-08-13T00:00:00Z') }, now)).toEqual({ undecided: [], stale: [0] });
  });
});

describe('completing a review with a document replaced by a newer version', () => {
  const now = new Date('2026-12-10T12:00:00Z');
  const replaced = (...ids: string[]) => new Set(ids);

  it('never names a replaced document as undecided or stale', () => {
    // Act / Assess
    expect(reviewOutcome(['a', 'b', 'c'], { b: review('VERIFIED') }, now, replaced('a'))).toEqual({ undecided: [2], stale: [] });
    expect(reviewOutcome(['a', 'b'], { a: review('VERIFIED', '2026-08-01T00:00:00Z'), b: review('VERIFIED', '2026-08-13T00:00:00Z') }, now, replaced('a'))).toEqual({ outcome: 'VERIFIED' });
    expect(reviewOutcome(['a', 'b'], { b: review('VERIFIED') }, now, replaced('a'))).toEqual({ outcome: 'VERIFIED' });
  });

  it('does not count a rejection recorded before the replacement arrived', () => {
    // Act / Assess
    expect(reviewOutcome(['a', 'b'], { a: review('REJECTED'), b: review('VERIFIED') }, now, replaced('a'))).toEqual({ outcome: 'VERIFIED' });
    expect(reviewOutcome(['a', 'b', 'c'], { a: review('REJECTED'), b: review('VERIFIED'), c: review('REJECTED') }, now, replaced('a'))).toEqual({ outcome: 'ACTION_REQUIRED' });
  });

  it('is VERIFIED when every document was replaced, with or without decisions: nothing more is needed from it', () => {
    // Act / Assess
    expect(reviewOutcome(['a', 'b'], {}, now, replaced('a', 'b'))).toEqual({ outcome: 'VERIFIED' });
    expect(reviewOutcome(['a', 'b'], { a: review('REJECTED') }, now, replaced('a', 'b'))).toEqual({ outcome: 'VERIFIED' });
  });

  it('ignores replaced ids that are not documents of the submission', () => {
    // Act / Assess
    expect(reviewOutcome(['a'], {}, now, replaced('elsewhere'))).toEqual({ undecided: [0], stale: [] });
  });
});

describe('what the review queue counts', () => {
  const replaced = (...ids: string[]) => new Set(ids);

  it('counts a replaced document as replaced, never as undecided, and a decision on it not at all', () => {
    // Act / Assess: one decided, one replaced — nothing is left to decide
    expect(reviewProgress(['a', 'b'], { b: review('VERIFIED') }, replaced('a'))).toEqual({ documentCount: 2, decidedCount: 1, replacedCount: 1, reviewers: [reviewer.name] });
    expect(reviewProgress(['a', 'b'], { a: review('REJECTED'), b: review('VERIFIED') }, replaced('a'))).toEqual({ documentCount: 2, decidedCount: 1, replacedCount: 1, reviewers: [reviewer.name] });
    expect(reviewProgress(['a', 'b', 'c'], { a: review('REJECTED') }, replaced('a'))).toEqual({ documentCount: 3, decidedCount: 0, replacedCount: 1, reviewers: [] });
    expect(reviewProgress(['a', 'b'], { a: review('VERIFIED') }, replaced('a', 'b'))).toEqual({ documentCount: 2, decidedCount: 0, replacedCount: 2, reviewers: [] });
  });

  it('counts every decision when nothing was replaced, and ignores ids that are not its documents', () => {
    // Act / Assess
    expect(reviewProgress(['a', 'b'], { a: review('VERIFIED'), b: review('REJECTED') }, replaced())).toEqual({ documentCount: 2, decidedCount: 2, replacedCount: 0, reviewers: [reviewer.name] });
    expect(reviewProgress(['a', 'b'], { a: review('VERIFIED') }, replaced('elsewhere'))).toEqual({ documentCount: 2, decidedCount: 1, replacedCount: 0, reviewers: [reviewer.name] });
  });
});

describe('who is working on a submission', () => {
  const dana = { userId: 'u-dana', name: 'Dana Whitfield', email: 'dana@example.org' };
  const omar = { userId: 'u-omar', name: '', email: 'omar@example.org' };
  const by = (who: typeof dana, reviewedAt: string) => ({ ...review('VERIFIED', reviewedAt), reviewedBy: who });

  it('names each reviewer once, in the order they first decided, by email when the name is missing', () => {
    // Act
    const progress = reviewProgress(['a', 'b', 'c'], { c: by(dana, '2026-12-01T16:00:00Z'), a: by(omar, '2026-12-01T15:00:00Z'), b: by(dana, '2026-12-01T14:00:00Z') }, new Set());

    // Assess
    expect(progress.reviewers).toEqual(['Dana Whitfield', 'omar@example.org']);
  });

  it('leaves out a reviewer whose only decision was on a document replaced since', () => {
    // Act / Assess
    expect(reviewProgress(['a', 'b'], { a: by(omar, '2026-12-01T15:00:00Z'), b: by(dana, '2026-12-01T16:00:00Z') }, new Set(['a'])).reviewers).toEqual(['Dana Whitfield']);
  });
});

describe('NCQA dates', () => {
  it('makes the decision due 30 calendar days after the submission date in the organisation\'s time zone', () => {
    // 03:00 UTC on Dec 1 is still Nov 30 in New York.
    expect(reviewDueDate('2026-12-01T03:00:00Z', 'America/New_York')).toBe('2026-12-30');
    expect(reviewDueDate('2026-12-01T15:00:00Z', 'America/New_York')).toBe('2026-12-31');
    expect(reviewDueDate('2027-02-10T15:00:00Z', 'America/New_York')).toBe('2027-03-12');
  });

  it('counts calendar days across month ends and daylight-saving changes', () => {
    expect(calendarDaysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysSinceSubmission('2026-03-07T16:00:00Z', new Date('2026-03-09T16:00:00Z'), 'America/New_York')).toBe(2);
    expect(daysSinceSubmission('2026-12-01T15:00:00Z', new Date('2026-12-01T23:00:00Z'), 'America/New_York')).toBe(0);
  });
});

describe('Content-Disposition of a download', () => {
  it('quotes a plain name and adds an RFC 8187 UTF-8 name when it is not plain ASCII', () => {
    expect(contentDisposition('attachment', 'license.pdf')).toBe('attachment; filename="license.pdf"');
    expect(contentDisposition('inline', 'Zulassung Ärztin – München.pdf')).toBe(
      `inline; filename="Zulassung _rztin _ M_nchen.pdf"; filename*=UTF-8''Zulassung%20%C3%84rztin%20%E2%80%93%20M%C3%BCnchen.pdf`,
    );
  });

  it('never lets quotes, backslashes, percent signs or line breaks end the header or add a parameter', () => {
    const header = contentDisposition('attachment', 'a"; filename=evil.exe; x=\\%41\r\nSet-Cookie: y.pdf');
    expect(header).toBe(`attachment; filename="a_; filename=evil.exe; x=__41__Set-Cookie: y.pdf"; filename*=UTF-8''a%22%3B%20filename%3Devil.exe%3B%20x%3D%5C%2541%0D%0ASet-Cookie%3A%20y.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
    expect(contentDisposition('attachment', "it's (final)*.pdf")).toBe(`attachment; filename="it's (final)*.pdf"`);
    expect(contentDisposition('attachment', "café's (final)*.pdf")).toContain("filename*=UTF-8''caf%C3%A9%27s%20%28final%29%2A.pdf");
  });
});

function fixture(status: Submission['status'], reviews: Record<string, DocumentReview>) {
  const submission: Submission = {
    submissionId: 'sub-1',
    provider: { providerId: 'p', email: 'emily@example.org', name: 'Emily Johnson' },
    referenceNumber: 'CRD-7K4M-9QXP-H3TW',
    status,
    createdAt: '2026-11-25T10:00:00Z',
    submittedAt: '2026-11-25T10:01:00Z',
    estimatedReviewCompletionDate: '2026-12-10',
    reviewDueDate: '2026-12-25',
    documentIds: ['a', 'b'],
    documentTypes: ['MEDICAL_LICENSE', 'CURRICULUM_VITAE'],
    emailsSent: {},
    reviews,
    reviewRevision: Object.keys(reviews).length,
    reviewCompletion: null,
    replacedDocuments: [],
    attempt: 1,
    attemptStartedAt: '2026-11-25T10:01:00Z',
    failedAt: null,
    pendingReference: null,
  };
  const doc = (documentId: string, documentType: string, fileName: string) =>
    ({ documentId, documentType, fileName, issuingAuthority: 'Medical Board of California', status: 'PENDING_REVIEW', issues: [], details: {} }) as unknown as SubmissionDocument;
  return { submission, documents: [doc('a', 'MEDICAL_LICENSE', 'license.pdf'), doc('b', 'CURRICULUM_VITAE', 'cv.docx')] };
}

describe('who sees a decision', () => {
  it('shows staff each decision as it is made, with who made it', () => {
    const { submission, documents } = fixture('IN_REVIEW', { a: review('REJECTED') });
    const view = toSubmissionView(submission, documents, true);
    expect(view.documents[0]!.review).toEqual({ decision: 'REJECTED', reason: 'The scan is unreadable.', reasonCode: 'ILLEGIBLE', reviewedAt: '2026-12-01T15:00:00Z', reviewedBy: { name: 'Casey Reviewer', email: 'credentialing@example.org' }, decisionId: 'req-REJECTED' });
    expect(view.documents[0]!.status).toBe('PENDING_REVIEW');
    expect(view.documents[1]!.review).toBeUndefined();
  });

  it('shows the provider decisions only once the review is complete, without the reviewer, as document statuses', () => {
    const inReview = fixture('IN_REVIEW', { a: review('REJECTED') });
    expect(toSubmissionView(inReview.submission, inReview.documents, false).documents[0]!.review).toBeUndefined();
    const done = fixture('ACTION_REQUIRED', { a: review('REJECTED'), b: review('VERIFIED') });
    const view = toSubmissionView(done.submission, done.documents, false);
    expect(view.documents.map((d) => [d.status, d.review?.decision, d.review?.reviewedBy])).toEqual([
      ['REJECTED', 'REJECTED', undefined],
      ['VERIFIED', 'VERIFIED', undefined],
    ]);
  });

  it('never shows the provider a decision the outcome was made without (its document was replaced); staff still see it', () => {
    // Prepare: 'a' was rejected, then replaced by a newer version before the review was completed
    const done = fixture('VERIFIED', { a: review('REJECTED'), b: review('VERIFIED') });
    done.submission.reviewCompletion = { outcome: 'VERIFIED', replacedDocuments: ['a'], decidedAt: '2026-12-05T10:00:00Z', daysToDecision: 10, decidedBy: reviewer, requestId: 'r', sourceIp: null };
    done.documents[0] = { ...done.documents[0]!, status: 'SUPERSEDED', supersededBy: { submissionId: 'sub-2', documentId: 'a2' } };

    // Act
    const forProvider = toSubmissionView(done.submission, done.documents, false);
    const forStaff = toSubmissionView(done.submission, done.documents, true);

    // Assess
    expect(forProvider.documents.map((d) => [d.status, d.review?.decision])).toEqual([
      ['SUPERSEDED', undefined],
      ['VERIFIED', 'VERIFIED'],
    ]);
    expect(forProvider.documents[0]!.supersededBy).toEqual({ submissionId: 'sub-2', documentId: 'a2' });
    expect(forStaff.documents.map((d) => [d.status, d.review?.decision])).toEqual([
      ['SUPERSEDED', 'REJECTED'],
      ['VERIFIED', 'VERIFIED'],
    ]);
  });
});
