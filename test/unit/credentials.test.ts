/**
 * Credentials over time: which documents can be replaced or renewed (and the sentence a provider
 * reads when one cannot), and how her documents read as credentials.
 */
import { describe, expect, it } from 'vitest';
import { credentialIdentity } from '../../src/domain/credential-identity.js';
import { credentialVersionsOf, impliedReplacements, replacementKind, replacementProblem, sentBefore, sentTwice, settling, toCredential, toCredentials, type VersionRecord } from '../../src/domain/credentials.js';
import { createSubmissionRequestSchema, toFieldProblems } from '../../src/domain/metadata-schema.js';
import { testId, versionRecord } from '../../testkit/version-records.js';

const TODAY = '2027-03-01';
const id = testId;
const version = versionRecord;

describe('what can be replaced or renewed', () => {
  it.each([
    ['a document refused by the checks', { status: 'INVALID', storedKey: null }, 'REJECTED', 'REPLACE'],
    ['a passing document of a refused submission (never stored)', { status: 'PENDING_REVIEW', storedKey: null }, 'REJECTED', 'REPLACE'],
    ['a document rejected in review', { status: 'REJECTED' }, 'ACTION_REQUIRED', 'REPLACE'],
    ['an expired document', { status: 'EXPIRED' }, 'VERIFIED', 'RENEW'],
    ['a verified license (it expires)', { status: 'VERIFIED' }, 'VERIFIED', 'RENEW'],
    ['a license in review (it expires)', { status: 'PENDING_REVIEW' }, 'RECEIVED', 'RENEW'],
    ['a verified CV (it does not expire)', { status: 'VERIFIED', documentType: 'CURRICULUM_VITAE', expirationDate: null }, 'VERIFIED', null],
    ['a lifetime board certification in review', { status: 'PENDING_REVIEW', documentType: 'BOARD_CERTIFICATION', expirationDate: null }, 'RECEIVED', null],
    ['a document still being checked', { status: 'VALIDATING', storedKey: null }, 'VALIDATING', null],
    ['a document already replaced', { status: 'SUPERSEDED', supersededBy: { submissionId: 's', documentId: 'd' } }, 'VERIFIED', null],
  ] as const)('%s → %s', (_name, overrides, submissionStatus, expected) => {
    expect(replacementKind(version(overrides as Partial<VersionRecord>), submissionStatus)).toBe(expected);
  });

  it('tells the provider why a replacement cannot be made, in words she can act on', () => {
    expect(replacementProblem(version({ status: 'SUPERSEDED', supersededBy: { submissionId: 's', documentId: 'd' } }), 'VERIFIED', 'MEDICAL_LICENSE')).toMatch(/already replaced by a newer version/);
    expect(replacementProblem(version({ status: 'VALIDATING' }), 'VALIDATING', 'MEDICAL_LICENSE')).toMatch(/still being checked/);
    expect(replacementProblem(version({ documentType: 'CURRICULUM_VITAE', expirationDate: null }), 'VERIFIED', 'CURRICULUM_VITAE')).toMatch(/no expiration date, so there is nothing to renew/);
    expect(replacementProblem(version({ status: 'REJECTED' }), 'ACTION_REQUIRED', 'DEA_REGISTRATION')).toBe('This replaces your Medical License: the new document must be a Medical License too.');
    expect(replacementProblem(version({ status: 'REJECTED' }), 'ACTION_REQUIRED', 'MEDICAL_LICENSE')).toBeNull();
  });

  it('refuses two documents of one submission replacing the same document, naming the second', () => {
    const doc = { documentType: 'MEDICAL_LICENSE', fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1, sha256: 'a'.repeat(64), issueDate: '2026-01-01', expirationDate: '2028-01-01', issuingAuthority: 'Board', details: { licenseNumber: 'A1', jurisdiction: 'CA' } };
    const replaced = '11111111-2222-4333-8444-555555555555';
    const result = createSubmissionRequestSchema(TODAY).safeParse({ documents: [{ ...doc, replacesDocumentId: replaced }, { ...doc, replacesDocumentId: replaced }] });
    expect(result.success).toBe(false);
    expect(toFieldProblems(result.error!)).toEqual([{ path: 'documents.1.replacesDocumentId', message: expect.stringMatching(/already replaces that document/) }]);
    const malformed = createSubmissionRequestSchema(TODAY).safeParse({ documents: [{ ...doc, replacesDocumentId: 'license-1' }] });
    expect(toFieldProblems(malformed.error!)).toEqual([{ path: 'documents.0.replacesDocumentId', message: expect.stringMatching(/not a document id/) }]);
  });

  it('refuses the same credential twice in one submission, at the later card\'s number, however it is written', () => {
    // Prepare: her NY license on two cards (front and back), a DEA registration twice, and two legacy duplicates each renewed by name
    const doc = { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1, sha256: 'a'.repeat(64), issueDate: '2026-01-01', expirationDate: '2028-01-01', issuingAuthority: 'Board' };
    const license = (licenseNumber: string, jurisdiction: string, extra = {}) => ({ ...doc, documentType: 'MEDICAL_LICENSE', details: { licenseNumber, jurisdiction }, ...extra });
    const dea = { ...doc, documentType: 'DEA_REGISTRATION', details: { deaNumber: 'AB1234563', jurisdiction: 'NY' } };
    const renews = (id: string) => ({ replacesDocumentId: `11111111-2222-4333-8444-55555555555${id}` });

    // Act
    const twice = createSubmissionRequestSchema(TODAY).safeParse({ documents: [license('298765', 'NY'), dea, license('298-765', 'ny'), { ...dea, details: { deaNumber: 'ab1234563', jurisdiction: 'CA' } }] });
    const otherState = createSubmissionRequestSchema(TODAY).safeParse({ documents: [license('298765', 'NY'), license('298765', 'NJ')] });
    const bothNamed = createSubmissionRequestSchema(TODAY).safeParse({ documents: [license('298765', 'NY', renews('1')), license('298765', 'NY', renews('2'))] });
    const oneNamed = createSubmissionRequestSchema(TODAY).safeParse({ documents: [license('298765', 'NY', renews('1')), license('298765', 'NY')] });

    // Assess
    expect(toFieldProblems(twice.error!)).toEqual([
      { path: 'documents.2.details.licenseNumber', message: 'Another document of this submission is this Medical License, with the same state and license number. Send each credential once: put all its pages or sides in one file.' },
      { path: 'documents.3.details.deaNumber', message: 'Another document of this submission is this DEA Registration, with the same DEA number. Send each credential once: put all its pages or sides in one file.' },
    ]);
    expect([otherState.success, bothNamed.success]).toEqual([true, true]);
    expect(toFieldProblems(oneNamed.error!).map((problem) => problem.path)).toEqual(['documents.1.details.licenseNumber']);
  });
});

describe('documents read as credentials', () => {
  it('shows the version received last as current, with every version newest first', () => {
    const first = version({ status: 'SUPERSEDED', supersededBy: { submissionId: 's2', documentId: 'd2' }, uploadedAt: '2025-01-01T00:00:00Z', expirationDate: '2026-01-31' });
    const renewal = version({ lineageId: first.documentId, status: 'PENDING_REVIEW', replacesDocumentId: first.documentId, uploadedAt: '2026-01-10T00:00:00Z' });
    const credential = toCredential([first, renewal], TODAY, false);
    expect(credential).toMatchObject({ credentialId: first.documentId, standing: 'IN_REVIEW', action: 'RENEW', daysToExpiry: 336 });
    expect(credential.current.documentId).toBe(renewal.documentId);
    expect(credential.versions.map((v) => [v.documentId, v.status])).toEqual([[renewal.documentId, 'PENDING_REVIEW'], [first.documentId, 'SUPERSEDED']]);
  });

  it('lists versions in the order they took their place, not the order their uploads began (two replacements of one rejected license)', () => {
    // Prepare: the first replacement began uploading first but was received last, so it replaced the second
    const rejected = version({ status: 'SUPERSEDED', uploadedAt: '2027-02-01T09:00:00Z', received: { at: '2027-02-01T09:01:00Z', referenceNumber: 'CR-1', owner: { name: 'E', email: 'e@x' } } });
    const slow = version({ lineageId: rejected.documentId, status: 'PENDING_REVIEW', replacesDocumentId: rejected.documentId, uploadedAt: '2027-02-20T10:00:00Z', received: { at: '2027-02-20T10:09:00Z', referenceNumber: 'CR-3', owner: { name: 'E', email: 'e@x' } } });
    const quick = version({ lineageId: rejected.documentId, status: 'SUPERSEDED', replacesDocumentId: rejected.documentId, supersededBy: { submissionId: slow.submissionId, documentId: slow.documentId }, uploadedAt: '2027-02-20T10:02:00Z', received: { at: '2027-02-20T10:03:00Z', referenceNumber: 'CR-2', owner: { name: 'E', email: 'e@x' } } });
    const checking = version({ lineageId: rejected.documentId, status: 'VALIDATING', storedKey: null, replacesDocumentId: slow.documentId, uploadedAt: '2027-02-21T08:00:00Z' });

    // Act
    const credential = toCredential([quick, rejected, checking, slow], TODAY, false);

    // Assess: newest first, the current version above the one it replaced
    expect(credential.current.documentId).toBe(slow.documentId);
    expect(credential.versions.map((v) => v.referenceNumber ?? v.status)).toEqual(['VALIDATING', 'CR-3', 'CR-2', 'CR-1']);
  });

  it('keeps the version in force current while a renewal is checked or after it was refused', () => {
    const verified = version({ uploadedAt: '2025-01-01T00:00:00Z', expirationDate: '2027-03-21' });
    const checking = version({ lineageId: verified.documentId, status: 'VALIDATING', storedKey: null, uploadedAt: '2027-02-27T00:00:00Z' });
    const refused = version({ lineageId: verified.documentId, status: 'INVALID', storedKey: null, uploadedAt: '2027-02-26T00:00:00Z' });
    const credential = toCredential([verified, checking, refused], TODAY, false);
    expect(credential).toMatchObject({ standing: 'EXPIRING', daysToExpiry: 20, action: 'RENEW' });
    expect(credential.current.documentId).toBe(verified.documentId);
  });

  it.each([
    [{ status: 'VERIFIED', expirationDate: '2027-06-01' }, 'VERIFIED', 'RENEW'],
    [{ status: 'VERIFIED', expirationDate: '2027-05-30' }, 'EXPIRING', 'RENEW'],
    [{ status: 'VERIFIED', expirationDate: '2027-03-01' }, 'EXPIRED', 'RENEW'],
    [{ status: 'EXPIRED', expirationDate: '2027-02-01' }, 'EXPIRED', 'RENEW'],
    [{ status: 'REJECTED' }, 'REJECTED', 'REPLACE'],
    [{ status: 'INVALID', storedKey: null }, 'NOT_ACCEPTED', 'REPLACE'],
    [{ status: 'VALIDATING', storedKey: null }, 'CHECKING', null],
    [{ status: 'VERIFIED', documentType: 'CURRICULUM_VITAE', expirationDate: null }, 'VERIFIED', null],
  ] as const)('%o stands %s with action %s', (overrides, standing, action) => {
    expect(toCredential([version(overrides as Partial<VersionRecord>)], TODAY, false)).toMatchObject({ standing, action });
  });

  it('lists credentials in catalog order, leaves out drafts, and a refused upload sent again as a new document', () => {
    const refusedLicense = version({ status: 'INVALID', storedKey: null, uploadedAt: '2026-05-01T00:00:00Z' });
    const license = version({ uploadedAt: '2026-05-02T00:00:00Z' });
    const dea = version({ documentType: 'DEA_REGISTRATION', uploadedAt: '2026-04-01T00:00:00Z' });
    const draft = version({ documentType: 'CURRICULUM_VITAE', status: 'PENDING_UPLOAD', storedKey: null });
    const refusedCv = version({ documentType: 'CURRICULUM_VITAE', expirationDate: null, status: 'INVALID', storedKey: null });
    const credentials = toCredentials([dea, draft, refusedLicense, license, refusedCv], TODAY, false);
    expect(credentials.map((c) => [c.documentType, c.current.documentId])).toEqual([
      ['MEDICAL_LICENSE', license.documentId],
      ['DEA_REGISTRATION', dea.documentId],
      ['CURRICULUM_VITAE', refusedCv.documentId],
    ]);
  });

  it('shows staff the whole cross-check and who decided, as the review screen does; the provider her warning only', () => {
    // Prepare: a verified license whose number the file shows differently, and whose issue date OCR read as printed
    const license = version({
      crossCheck: {
        status: 'MISMATCH',
        checkedAt: '2026-05-03T00:00:00Z',
        fields: [
          { field: 'licenseNumber', status: 'MISMATCH', expected: 'A1', found: 'A7' },
          { field: 'issueDate', status: 'MATCH', expected: '2026-01-01', found: 'January 1, 2026' },
        ],
      },
      review: { decision: 'VERIFIED', reason: null, reasonCode: null, reviewedAt: '2026-05-04T00:00:00Z', reviewedBy: { userId: 'u-staff', name: 'Sarah Lee', email: 'sarah.lee@example.org' }, requestId: 'r-1', sourceIp: null },
    });

    // Act
    const forStaff = toCredential([license], TODAY, true).current;
    const forProvider = toCredential([license], TODAY, false).current;

    // Assess
    expect(forStaff.crossCheck?.fields).toEqual([
      { field: 'licenseNumber', status: 'MISMATCH', expected: 'A1', found: 'A7' },
      { field: 'issueDate', status: 'MATCH', expected: '2026-01-01', found: 'January 1, 2026' },
    ]);
    expect(forStaff.review?.reviewedBy).toEqual({ name: 'Sarah Lee', email: 'sarah.lee@example.org' });
    expect(forProvider.crossCheck?.fields).toEqual([{ field: 'licenseNumber', status: 'MISMATCH', expected: 'A1' }]);
    expect(forProvider.review).not.toHaveProperty('reviewedBy');
  });
});

describe('her credential uploaded again as a new document', () => {
  const upload = (documentType: VersionRecord['documentType'], details: Record<string, string>, replacesDocumentId?: string) => ({ documentType, details, ...(replacesDocumentId ? { replacesDocumentId } : {}) });

  it('is named by state and number, DEA number, policy number or specialty, whatever the case, spaces and punctuation', () => {
    expect(credentialIdentity(upload('MEDICAL_LICENSE', { jurisdiction: 'CA', licenseNumber: 'A-123 456' }))).toBe(credentialIdentity(upload('MEDICAL_LICENSE', { jurisdiction: 'ca', licenseNumber: 'a123456' })));
    expect(credentialIdentity(upload('MEDICAL_LICENSE', { jurisdiction: 'NY', licenseNumber: 'A123456' }))).not.toBe(credentialIdentity(upload('MEDICAL_LICENSE', { jurisdiction: 'CA', licenseNumber: 'A123456' })));
    expect(credentialIdentity(upload('DEA_REGISTRATION', { deaNumber: 'AB1234563', jurisdiction: 'CA' }))).toBe(credentialIdentity(upload('DEA_REGISTRATION', { deaNumber: 'AB1234563', jurisdiction: 'NV' })));
    expect(credentialIdentity(upload('MALPRACTICE_INSURANCE', { policyNumber: 'TDC-2026-1' }))).toBe('MALPRACTICE_INSURANCE:tdc20261');
    expect(credentialIdentity(upload('BOARD_CERTIFICATION', { specialty: 'Internal Medicine' }))).toBe('BOARD_CERTIFICATION:internalmedicine');
    expect(credentialIdentity(upload('CURRICULUM_VITAE', {}))).toBeNull();
    expect(credentialIdentity(upload('MALPRACTICE_INSURANCE', { policyNumber: ' - ' }))).toBeNull();
  });

  it('continues the credential of the same identity that can be renewed or replaced, the newest of several, once per submission', () => {
    // Prepare: a verified CA license, an older duplicate of it, a rejected DEA, a NY license, a lifetime certificate
    const olderDuplicate = version({ uploadedAt: '2026-01-01T00:00:00Z', details: { licenseNumber: 'A1', jurisdiction: 'CA' } });
    const license = version({ uploadedAt: '2026-02-01T00:00:00Z', details: { licenseNumber: 'A1', jurisdiction: 'CA' } });
    const renewedEarlier = version({ uploadedAt: '2025-01-01T00:00:00Z', status: 'SUPERSEDED', supersededBy: { submissionId: license.submissionId, documentId: license.documentId }, lineageId: undefined });
    const dea = version({ documentType: 'DEA_REGISTRATION', status: 'REJECTED', details: { deaNumber: 'AB1234563', jurisdiction: 'CA' } });
    const newYork = version({ details: { licenseNumber: 'A1', jurisdiction: 'NY' }, status: 'VALIDATING', storedKey: null });
    const lifetime = version({ documentType: 'BOARD_CERTIFICATION', expirationDate: null, details: { specialty: 'Internal Medicine' } });
    const owned = [olderDuplicate, license, renewedEarlier, dea, newYork, lifetime];

    // Act
    const implied = impliedReplacements(owned, [
      upload('MEDICAL_LICENSE', { licenseNumber: 'a-1', jurisdiction: 'ca' }),
      upload('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }),
      upload('DEA_REGISTRATION', { deaNumber: 'AB1234563', jurisdiction: 'CA' }),
      upload('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'NY' }),
      upload('BOARD_CERTIFICATION', { specialty: 'Internal Medicine' }),
      upload('CURRICULUM_VITAE', {}),
    ]);

    // Assess: the newest CA license, then the older duplicate; the rejected DEA; nothing in flight, lifetime or without a name
    expect(implied).toEqual([
      { documentId: license.documentId, lineageId: license.documentId },
      { documentId: olderDuplicate.documentId, lineageId: olderDuplicate.documentId },
      { documentId: dea.documentId, lineageId: dea.documentId },
      null,
      null,
      null,
    ]);
  });

  it('leaves a credential she named herself to that document, and a document naming one keeps it', () => {
    const license = version();
    const explicit = upload('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }, license.documentId);
    expect(impliedReplacements([license], [upload('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }), explicit])).toEqual([null, null]);
  });
});

describe('one credential sent twice by submissions made before either was received', () => {
  const received = (at: string, overrides: Partial<VersionRecord> = {}) =>
    version({ status: 'PENDING_REVIEW', uploadedAt: '2026-05-01T09:00:00Z', received: { at, referenceNumber: 'CRD-TEST-TEST-TEST', owner: { name: 'Emily', email: 'e@example.org' } }, ...overrides });

  it('gives way to the version received last, whichever is asked first; the same time falls to the document id', () => {
    const [first, last] = [received('2026-05-01T09:05:00Z'), received('2026-05-01T09:06:00Z')];
    expect(sentTwice(first, last)).toEqual({ givesWay: first, to: last });
    expect(sentTwice(last, first)).toEqual({ givesWay: first, to: last });
    const [a, b] = [received('2026-05-01T09:05:00Z', { documentId: id() }), received('2026-05-01T09:05:00Z', { documentId: id() })];
    expect(sentTwice(b, a)).toEqual({ givesWay: a, to: b });
  });

  it('leaves alone versions that are not such a pair', () => {
    const base = received('2026-05-01T09:05:00Z');
    const later = (overrides: Partial<VersionRecord>) => received('2026-05-01T09:06:00Z', overrides);
    // begun after the other was received: continuing it was decided at upload
    expect(sentTwice(base, later({ uploadedAt: '2026-05-01T09:05:30Z' }))).toBeNull();
    // each continues a credential of its own, as two cards of one submission may
    expect(sentTwice(received('2026-05-01T09:05:00Z', { replacesDocumentId: id() }), later({ replacesDocumentId: id() }))).toBeNull();
    expect(sentTwice(base, later({ submissionId: base.submissionId }))).toBeNull();
    expect(sentTwice(base, later({ lineageId: base.documentId }))).toBeNull();
    expect(sentTwice(base, later({ details: { licenseNumber: 'A1', jurisdiction: 'NY' } }))).toBeNull();
    expect(sentTwice(base, later({ received: null }))).toBeNull();
    expect(sentTwice(base, later({ status: 'INVALID', storedKey: null }))).toBeNull();
    expect(sentTwice(base, later({ status: 'SUPERSEDED', supersededBy: { submissionId: id(), documentId: id() } }))).toBeNull();
  });

  it('reads as one credential once superseded, the history of any of its versions included', () => {
    // Prepare: three drafts received one after another; the last superseded the other two, one of them through the second
    const [a, b, c] = ['09:05', '09:06', '09:07'].map((time) => received(`2026-05-01T${time}:00Z`));
    const by = (doc: VersionRecord) => ({ status: 'SUPERSEDED' as const, supersededBy: { submissionId: doc.submissionId, documentId: doc.documentId } });
    const documents = [{ ...a!, ...by(b!) }, { ...b!, ...by(c!) }, c!, received('2026-05-01T09:08:00Z', { details: { licenseNumber: 'B2', jurisdiction: 'CA' } })];

    // Act
    const licenses = toCredentials(documents, TODAY, false);

    // Assess
    expect(licenses.map((credential) => [credential.current.documentId, credential.versions.map((v) => v.documentId)])).toEqual([
      [c!.documentId, [c!.documentId, b!.documentId, a!.documentId]],
      [documents[3]!.documentId, [documents[3]!.documentId]],
    ]);
    expect(credentialVersionsOf(documents, a!.documentId).map((doc) => doc.documentId).sort()).toEqual([a!.documentId, b!.documentId, c!.documentId].sort());
  });
});

describe('what she is told at a card of a credential she sent before', () => {
  const inReview = (overrides: Partial<VersionRecord> = {}) =>
    version({ status: 'PENDING_REVIEW', uploadedAt: '2026-05-01T09:00:00Z', received: { at: '2026-05-01T09:00:05Z', referenceNumber: 'CRD-AAAA-BBBB-CCCC', owner: { name: 'Emily', email: 'e@example.org' } }, ...overrides });
  const card = (documentType: VersionRecord['documentType'], details: Record<string, string>) => ({ documentType, details });
  const told = (documents: VersionRecord[], doc: ReturnType<typeof card>) => {
    const found = sentBefore(toCredentials(documents, TODAY, false), doc);
    return found && { ...found, version: found.version.documentId };
  };

  it('names the version still on its way, however the number is written: being checked, or received and waiting for review', () => {
    const checking = version({ status: 'VALIDATING', storedKey: null });
    const received = inReview();
    expect(told([checking], card('MEDICAL_LICENSE', { licenseNumber: 'a-1', jurisdiction: 'ca' }))).toEqual({ kind: 'ON_ITS_WAY', version: checking.documentId, takesItsPlace: true });
    expect(told([received], card('MEDICAL_LICENSE', { licenseNumber: ' A 1', jurisdiction: 'CA' }))).toEqual({ kind: 'ON_ITS_WAY', version: received.documentId, takesItsPlace: true });
    expect(told([received], card('MEDICAL_LICENSE', { licenseNumber: 'A2', jurisdiction: 'CA' }))).toBeNull();
    expect(told([received], card('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'NY' }))).toBeNull();
  });

  it('says a lifetime document in review is kept beside a new one, and one being checked gives way whatever its type', () => {
    const lifetime = inReview({ documentType: 'BOARD_CERTIFICATION', expirationDate: null, details: { specialty: 'Internal Medicine' } });
    expect(told([lifetime], card('BOARD_CERTIFICATION', { specialty: 'internal medicine' }))).toMatchObject({ kind: 'ON_ITS_WAY', takesItsPlace: false });
    const checking = version({ documentType: 'BOARD_CERTIFICATION', expirationDate: null, details: { specialty: 'Internal Medicine' }, status: 'VALIDATING', storedKey: null });
    expect(told([checking], card('BOARD_CERTIFICATION', { specialty: 'Internal Medicine' }))).toMatchObject({ kind: 'ON_ITS_WAY', takesItsPlace: true });
  });

  it('names the renewal being checked rather than the verified version it will replace, and the version in force once nothing is on its way', () => {
    const verified = version({ uploadedAt: '2026-01-01T10:00:00Z', received: { at: '2026-01-01T10:00:05Z', referenceNumber: 'CRD-OLD', owner: { name: 'Emily', email: 'e@example.org' } } });
    const renewal = version({ status: 'VALIDATING', storedKey: null, replacesDocumentId: verified.documentId, lineageId: verified.documentId, uploadedAt: '2026-05-01T09:00:00Z' });
    expect(told([verified, renewal], card('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }))).toEqual({ kind: 'ON_ITS_WAY', version: renewal.documentId, takesItsPlace: true });
    expect(told([verified], card('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }))).toEqual({ kind: 'RENEW', version: verified.documentId });
  });

  it('does not count what is decided, replaced or never accepted as on its way', () => {
    const replaced = inReview({ status: 'SUPERSEDED', supersededBy: { submissionId: id(), documentId: id() } });
    const passedInRefused = version({ status: 'PENDING_REVIEW', storedKey: null, received: null });
    const rejected = inReview({ status: 'REJECTED' });
    expect(told([replaced], card('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }))).toBeNull();
    expect(told([passedInRefused], card('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }))).toEqual({ kind: 'REPLACE', version: passedInRefused.documentId });
    expect(told([rejected], card('MEDICAL_LICENSE', { licenseNumber: 'A1', jurisdiction: 'CA' }))).toEqual({ kind: 'REPLACE', version: rejected.documentId });
  });

  it('is read again while a version is being checked or stored and not yet recorded as received', () => {
    const soon = new Date('2026-01-01T10:05:00Z');
    expect(settling(toCredentials([version({ status: 'VALIDATING', storedKey: null })], TODAY, false), soon)).toBe(true);
    expect(settling(toCredentials([version({ status: 'PENDING_REVIEW', received: null })], TODAY, false), soon)).toBe(true);
    expect(settling(toCredentials([inReview()], TODAY, false), soon)).toBe(false);
    expect(settling(toCredentials([version({ status: 'PENDING_REVIEW', storedKey: null, received: null })], TODAY, false), soon)).toBe(false);
  });

  it('is not read again for a version stored before receipts were recorded: none is coming', () => {
    // Prepare: created on 1 March 2027 at 09:00, stored, no receipt
    const stored = toCredentials([version({ status: 'PENDING_REVIEW', received: null, uploadedAt: '2027-03-01T09:00:00Z' })], TODAY, false);
    // Act / Assess: its submit could come until the draft's 24 hours end; its receipt minutes later
    expect(settling(stored, new Date('2027-03-02T08:59:00Z'))).toBe(true);
    expect(settling(stored, new Date('2027-03-02T10:01:00Z'))).toBe(false);
    expect(settling(toCredentials([version({ status: 'VALIDATING', storedKey: null, uploadedAt: '2027-03-01T09:00:00Z' })], TODAY, false), new Date('2027-03-09T00:00:00Z'))).toBe(true);
  });
});
