import { describe, expect, it } from 'vitest';
import { CATALOG, documentTypeSpec } from '../../src/domain/catalog.js';
import { checkDeaNumber } from '../../src/domain/dea-number.js';
import { GENESIS_HASH, chainAuditEvent, firstBrokenSequence, type AuditEventInput } from '../../src/domain/audit.js';
import { REFERENCE_ALPHABET, REFERENCE_PATTERN, generateReferenceNumber, normalizeReferenceNumber, referenceNumberProblem } from '../../src/domain/reference-number.js';
import { addBusinessDays, isBusinessDay } from '../../src/domain/review-timeline.js';
import { resubmitAt, resubmitDue, statusPollDelay } from '../../src/domain/status-polling.js';

describe('catalog', () => {
  it('lists the five credentialing documents with their categories, expiration rules and formats', () => {
    expect(CATALOG.map((s) => [s.type, s.category, s.expiration])).toEqual([
      ['MEDICAL_LICENSE', 'LICENSE', 'required'],
      ['BOARD_CERTIFICATION', 'CERTIFICATION', 'optional'],
      ['DEA_REGISTRATION', 'REGISTRATION', 'required'],
      ['CURRICULUM_VITAE', 'CV', 'none'],
      ['MALPRACTICE_INSURANCE', 'INSURANCE', 'required'],
    ]);
    expect(documentTypeSpec('CURRICULUM_VITAE').formats).toEqual(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    expect(documentTypeSpec('DEA_REGISTRATION').formats).not.toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
});

describe('DEA check digit', () => {
  it.each([
    ['AB1234563', 'ok'],
    ['FM1234563', 'ok'],
    ['BJ6125341', 'ok'],
    ['AB1234560', 'checkDigit'],
    ['BJ6125342', 'checkDigit'],
    ['ab1234563', 'shape'],
    ['A1234563', 'shape'],
    ['AB12345631', 'shape'],
  ])('%s → %s', (value, expected) => {
    expect(checkDeaNumber(value)).toBe(expected);
  });
});

describe('reference numbers', () => {
  it('use 12 symbols from an alphabet without look-alikes, grouped for reading aloud', () => {
    // Prepare: a deterministic byte source
    let counter = 0;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => (counter += 37) % 256);
    // Act
    const reference = generateReferenceNumber(bytes);
    // Assess
    expect(reference).toMatch(REFERENCE_PATTERN);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', 'U']) expect(REFERENCE_ALPHABET).not.toContain(ambiguous);
  });

  it('are unpredictable: 1,000 draws from the real random source never repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateReferenceNumber((n) => crypto.getRandomValues(new Uint8Array(n)))));
    expect(seen.size).toBe(1000);
  });

  it('accept what a person types', () => {
    expect(normalizeReferenceNumber(' crd 7k4m 9qxp h3tw ')).toBe('CRD-7K4M-9QXP-H3TW');
    expect(normalizeReferenceNumber('7K4M9QXPH3TW')).toBe('CRD-7K4M-9QXP-H3TW');
    expect(normalizeReferenceNumber('CRD-0000-0000-0000')).toBeNull();
    expect(normalizeReferenceNumber('../../etc')).toBeNull();
  });

  it("accept what a person pastes: dashes a word processor made, a sentence's period, quotes, a hash, full-width letters", () => {
    for (const pasted of ['CRD\u20137K4M\u20139QXP\u2013H3TW', 'CRD\u20147K4M\u20149QXP\u2014H3TW', 'CRD-7K4M-9QXP-H3TW.', '\u201cCRD-7K4M-9QXP-H3TW\u201d', '#CRD-7K4M-9QXP-H3TW', '(CRD-7K4M-9QXP-H3TW)', 'crd_7k4m_9qxp_h3tw', '\uff23\uff32\uff24-7K4M-9QXP-H3TW', 'CRD\u00a07K4M\u00a09QXP\u00a0H3TW']) {
      expect({ pasted, reference: normalizeReferenceNumber(pasted) }).toEqual({ pasted, reference: 'CRD-7K4M-9QXP-H3TW' });
    }
  });

  it('say what is wrong with one that cannot be a reference: a character references never use, or too few or too many', () => {
    expect(referenceNumberProblem('CRD-7K4M-9QXP-H3TW')).toBeNull();
    expect(referenceNumberProblem('crd 7k4m 9qxp h3tw')).toBeNull();
    expect(referenceNumberProblem('CRD-7K4M-9QXP-H3T0')).toBe('A reference number never contains 0. Ask for that character again: references use the digits 2–9 and the letters A–Z except I, L, O and U.');
    expect(referenceNumberProblem('CRD-7K4M-0QXP-HOTW')).toBe('A reference number never contains 0 or O. Ask for those characters again: references use the digits 2–9 and the letters A–Z except I, L, O and U.');
    expect(referenceNumberProblem('CRD-7K4M-9QXP-H3T')).toBe('A reference number has 12 letters and digits after CRD, like CRD-7K4M-9QXP-H3TW; this has 11.');
    expect(referenceNumberProblem('')).toBe('Enter a reference number like CRD-7K4M-9QXP-H3TW.');
  });
});

describe('estimated review completion', () => {
  it('skips weekends', () => {
    expect(addBusinessDays('2026-11-06', 1)).toBe('2026-11-09'); // Friday → Monday
  });

  it('skips Thanksgiving and the weekend after it', () => {
    // Wednesday 25 Nov 2026: Thu 26 is Thanksgiving, Fri 27 counts, then Mon 30.
    expect(addBusinessDays('2026-11-25', 1)).toBe('2026-11-27');
    expect(addBusinessDays('2026-11-25', 2)).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-25', 10)).toBe('2026-12-10');
  });

  it('skips observed holidays and crosses the year end', () => {
    expect(isBusinessDay('2026-07-03')).toBe(false); // Independence Day observed (the 4th is a Saturday)
    expect(addBusinessDays('2026-12-24', 2)).toBe('2026-12-29'); // Christmas Friday, weekend
    expect(addBusinessDays('2026-12-31', 1)).toBe('2027-01-04'); // New Year's Day, weekend
  });
});

describe('audit chain', () => {
  const event = (type: AuditEventInput['type'], n: number): AuditEventInput => ({
    submissionId: 's-1', type, factKey: type, actor: { type: 'system', id: 'test' }, occurredAt: `2026-11-25T10:00:0${n}Z`, requestId: `r-${n}`, sourceIp: null, details: { n },
  });

  it('links each event to the previous one, and any edit breaks the chain from there', () => {
    // Prepare
    const first = chainAuditEvent(event('SUBMISSION_CREATED', 1), 1, GENESIS_HASH);
    const second = chainAuditEvent(event('SUBMISSION_SUBMITTED', 2), 2, first.hash);
    const third = chainAuditEvent(event('SUBMISSION_RECEIVED', 3), 3, second.hash);
    const anchored = new Map([first, second, third].map((e) => [e.sequence, e.hash]));
    // Act / Assess
    expect(firstBrokenSequence([first, second, third], anchored)).toBeNull();
    expect(firstBrokenSequence([first, { ...second, details: { n: 99 } }, third], anchored)).toBe(2);
    expect(firstBrokenSequence([first, third], anchored)).toBe(2);
  });
});

describe('status polling after submit', () => {
  it('asks again after 300 ms, then waits a quarter longer each time, up to one request every 1.5 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30].map(statusPollDelay);

    expect(delays).toEqual([300, 375, 469, 586, 732, 916, 1144, 1431, 1500, 1500]);
  });

  it('costs at most five requests more than a flat 1.5 s poll over a minute', () => {
    const minute = 60_000;
    let elapsed = 0;
    let requests = 0;
    while (elapsed < minute) elapsed += statusPollDelay((requests += 1));

    expect(requests).toBeLessThanOrEqual(minute / 1500 + 5);
  });
});

describe('a submission still validating long after its submit', () => {
  const submittedAt = '2026-11-27T10:00:00.000Z';
  const at = (seconds: number) => Date.parse(submittedAt) + seconds * 1000;

  it('is submitted again by her page once 30 s have passed, then once a minute while it waits', () => {
    expect(resubmitDue(submittedAt, null, at(29))).toBe(false);
    expect(resubmitDue(submittedAt, null, at(30))).toBe(true);
    expect(resubmitDue(submittedAt, at(30), at(89))).toBe(false);
    expect(resubmitDue(submittedAt, at(30), at(90))).toBe(true);
  });

  it('is never submitted again without a submission time', () => {
    expect(resubmitDue(null, null, at(600))).toBe(false);
    expect(resubmitAt(null, null)).toBeNull();
  });

  it('names when the page sends it next, so a page opened earlier wakes up for it', () => {
    expect(resubmitAt(submittedAt, null)).toBe(at(30));
    expect(resubmitAt(submittedAt, at(45))).toBe(at(105));
  });
});
