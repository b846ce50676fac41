/** The review outcome email when the provider replaced documents while they were in review. */
import { describe, expect, it } from 'vitest';
import { reviewOutcomeEmail } from '../../src/emails/index.js';
import * as samples from '../../testkit/email-samples.js';

const { branding, license, dea, cv } = samples;
const PORTAL = 'https://portal.example.org';
const NEWER = 'CRD-9ZZZ-8YYY-7XXX';
const replacedLicense = { ...license, replacedByReference: NEWER };

describe('review outcome with a document replaced during the review', () => {
  it('verified: lists the replaced document as reviewed with the newer submission and asks for nothing', () => {
    // Prepare
    const input = { ...samples.verified, documents: samples.verified.documents.filter((doc) => doc.documentId !== license.documentId), replaced: [replacedLicense] };

    // Act
    const email = reviewOutcomeEmail(input, branding);

    // Assess
    expect(email.subject).toBe('Your credentialing documents are verified — CRD-7K4M-9QXP-H3TW');
    expect(email.text).toContain('except those you replaced with a newer version meanwhile: we review those with the submission you sent them in. There is nothing more you need to send.');
    const [verified, replaced] = email.text.split('\nReplaced by a newer version\n');
    expect(verified).toContain('- DEA Registration (CA) [Verified]');
    expect(verified).not.toContain('Medical License');
    expect(replaced).toContain(`- Medical License (CA) [Replaced]\n  File: ${license.fileName}`);
    expect(replaced).toContain(`Replaced by the newer version you sent (reference ${NEWER}) — reviewed with that submission.`);
    expect(email.text).not.toMatch(/replacement|upload\?replaces=/i);
    expect(email.html).not.toContain('upload?replaces=');
  });

  it('action required: asks only for the rejected document, never for the one already replaced', () => {
    // Prepare
    const input = { ...samples.actionRequired, documents: samples.actionRequired.documents.filter((doc) => doc.documentId !== license.documentId), replaced: [replacedLicense] };

    // Act
    const email = reviewOutcomeEmail(input, branding);

    // Assess
    expect(email.subject).toBe('Action needed: a document needs to be replaced — CRD-7K4M-9QXP-H3TW');
    expect(email.text).toContain(`Upload a replacement DEA Registration (CA): ${PORTAL}/upload?replaces=${dea.documentId}`);
    expect(email.text).not.toContain(`upload?replaces=${license.documentId}`);
    expect(email.text).toContain('- Medical License (CA) [Replaced]');
    expect(email.text).toContain(`Replaced by the newer version you sent (reference ${NEWER}) — reviewed with that submission.`);
  });

  it('every document replaced: nothing was decided here and nothing is asked; it says where the newer versions are reviewed', () => {
    // Prepare
    const input = { ...samples.verified, documents: [], replaced: [replacedLicense, { ...cv, replacedByReference: null }] };

    // Act
    const email = reviewOutcomeEmail(input, branding);

    // Assess
    expect(email.subject).toBe('Nothing more is needed for submission CRD-7K4M-9QXP-H3TW — you sent newer versions');
    expect(email.text).toContain('you sent a newer version of every document in it. We review the newer versions with the submissions you sent them in');
    expect(email.text).not.toMatch(/\[Verified\]|verified every|replacement/i);
    expect(email.text).toContain(`Replaced by the newer version you sent (reference ${NEWER}) — reviewed with that submission.`);
    expect(email.text).toContain('- Curriculum Vitae [Replaced]');
    expect(email.text).toContain('Replaced by the newer version you sent — reviewed with that submission.');
    expect(email.text).toContain(`View your submission: ${PORTAL}/submissions/${samples.verified.submissionId}`);
  });
});
