import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { daysBetween, writtenDate, writtenDeadline } from '../../src/domain/dates.js';
import type { SubmissionDocument } from '../../src/domain/submission.js';
import { foldLine } from '../../src/emails/calendar.js';
import {
  documentExpiredEmail,
  emailDocument,
  expiryReminderEmail,
  reviewActionRequiredEmail,
  reviewOutcomeEmail,
  reviewVerifiedEmail,
  staffDigestEmail,
  submissionReceivedEmail,
  submissionRejectedEmail,
  type EmailMessage,
} from '../../src/emails/index.js';
import { compileEmailLayout, GENERATED_LAYOUT } from '../../scripts/email-layout.js';
import * as samples from '../../testkit/email-samples.js';

const { branding, license, dea, cv, insurance, HOSTILE_REASON } = samples;
const PORTAL = 'https://portal.example.org';
const HOSTILE_FILE = '<img src=x onerror=alert(1)>.pdf';
const NUMBERS = [license, dea, insurance].map((doc) => doc.number!.value);

/** Asserts a link is in both parts: as the href of an anchor in HTML and as the address in text. */
function expectLink(email: EmailMessage, url: string) {
  expect(email.html).toContain(`href="${url}"`);
  expect(email.text).toContain(url);
}

/** The office's name and contact details close every email a provider receives. */
function expectSignedByOffice(email: EmailMessage) {
  for (const part of [email.html, email.text]) {
    expect(part).toContain('Riverside Medical Group');
    expect(part).toContain('Credentialing Office');
    expect(part).toContain('credentialing@example.org');
    expect(part).toContain('+1 (555) 010-0123');
  }
  expect(email.html).toContain('href="mailto:credentialing@example.org"');
  expect(email.html).toContain('href="tel:+15550100123"');
}

/** What a provider or reviewer typed shows as text: escaped in HTML, as typed in the text part. */
function expectShownAsText(email: EmailMessage, typed: string) {
  expect(email.text).toContain(typed);
  expect(email.html).toContain(typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  expect(email.html).not.toMatch(/<img|onerror=alert\(1\)>/);
}

const ALL = {
  received: () => submissionReceivedEmail(samples.received, branding),
  rejected: () => submissionRejectedEmail(samples.rejected, branding),
  verified: () => reviewVerifiedEmail(samples.verified, branding),
  actionRequired: () => reviewActionRequiredEmail(samples.actionRequired, branding),
  expiryReminder: () => expiryReminderEmail(samples.expiryReminder, branding),
  expired: () => documentExpiredEmail(samples.documentExpired, branding),
  staffDigest: () => staffDigestEmail(samples.staffDigest, branding),
};

describe('every email', () => {
  it.each(Object.entries(ALL))('%s has both parts filled, no template tag left, and no license, DEA or policy number in its subject', (_name, render) => {
    // Act
    const email = render();
    // Assess
    expect(email.html).toMatch(/^<!doctype html>/i);
    expect(`${email.html}${email.text}`).not.toMatch(/\{\{|\}\}/);
    expect(email.text.length).toBeGreaterThan(200);
    for (const number of NUMBERS) expect(email.subject).not.toContain(number);
    expect(email.subject).not.toMatch(/license number|DEA number|policy number/i);
    expect(email.html).toContain(`<title>${email.subject.replace(/'/g, '&#39;')}</title>`);
  });

  it('never treats typed text as a template: braces in a reason stay as typed', () => {
    // Prepare
    const reason = '{{organizationName}} {{{heading}}} {{#action}}x{{/action}}';
    // Act
    const email = reviewActionRequiredEmail({ ...samples.actionRequired, documents: [{ ...dea, decision: 'REJECTED', reason }] }, branding);
    // Assess
    expect(email.text).toContain(reason);
    expect(email.html).toContain(reason);
  });

  it('is built from the committed layout, which matches its MJML source', async () => {
    // Act
    const compiled = await compileEmailLayout();
    // Assess
    expect(readFileSync(GENERATED_LAYOUT, 'utf8'), 'run `npm run emails:build` and commit the result').toBe(compiled);
  });
});

describe('dates and documents as emails write them', () => {
  it('writes dates out, with the weekday for deadlines', () => {
    expect(writtenDate('2027-06-30')).toBe('June 30, 2027');
    expect(writtenDeadline('2026-12-10')).toBe('Thursday, December 10, 2026');
    expect(daysBetween('2027-05-31', '2027-06-30')).toBe(30);
    expect(daysBetween('2027-03-14', '2027-03-13')).toBe(-1);
  });

  it('maps a stored document: its number is the type\'s number field, its state the jurisdiction', () => {
    // Prepare
    const stored = (documentType: string, details: Record<string, string>) =>
      ({ documentId: 'd', documentType, fileName: 'f.pdf', issuingAuthority: 'A', issueDate: '2025-01-01', expirationDate: null, details }) as unknown as SubmissionDocument;
    // Act / Assess
    expect(emailDocument(stored('DEA_REGISTRATION', { deaNumber: 'BJ6125341', jurisdiction: 'TX' }))).toMatchObject({ number: { label: 'DEA number', value: 'BJ6125341' }, jurisdiction: 'TX' });
    expect(emailDocument(stored('MALPRACTICE_INSURANCE', { policyNumber: 'PL-1', perClaimLimit: '1000000' }))).toMatchObject({ number: { label: 'Policy number', value: 'PL-1' }, jurisdiction: null });
    expect(emailDocument(stored('CURRICULUM_VITAE', {}))).toMatchObject({ number: null, jurisdiction: null });
  });
});

describe('submission received', () => {
  it('gives the reference, the review date written out, each document and the submission page', () => {
    // Act
    const email = submissionReceivedEmail(samples.received, branding);
    // Assess
    expect(email.to).toBe('emily.johnson@example.org');
    expect(email.subject).toBe('We received your credentialing documents — CRD-7K4M-9QXP-H3TW');
    expect(email.text).toContain('Reference number: CRD-7K4M-9QXP-H3TW');
    expect(email.text).toContain('Estimated review completion: Thursday, December 10, 2026');
    expect(email.html).toContain('Thursday, December 10, 2026');
    for (const title of ['Medical License (CA)', 'DEA Registration (CA)', 'Curriculum Vitae']) {
      expect(email.text).toContain(`- ${title}`);
      expect(email.html).toContain(title);
    }
    expect(email.text).toContain('File: ca-medical-license.pdf');
    expect(email.text).toContain('Issued by Medical Board of California');
    expect(email.text).toContain('Expires June 30, 2027');
    expect(email.text).toMatch(/What happens next\n.*Thursday, December 10, 2026/);
    expectLink(email, `${PORTAL}/submissions/${samples.received.submissionId}`);
    expectShownAsText(email, HOSTILE_FILE);
    expectSignedByOffice(email);
    expect(email.text).toContain('quote reference CRD-7K4M-9QXP-H3TW');
    // She knows her numbers; a confirmation does not need to repeat them.
    for (const number of NUMBERS) expect(`${email.html}${email.text}`).not.toContain(number);
  });
});

describe('submission received with a document expiring before the review ends', () => {
  it('asks for its renewal with a link to renew exactly that document, and only for that one', () => {
    // Prepare: the license expires on December 5, the review is expected by December 10
    const input = { ...samples.received, documents: [{ ...license, expirationDate: '2026-12-05' }, dea, cv] };
    // Act
    const email = submissionReceivedEmail(input, branding);
    // Assess
    expect(email.text).toContain('- Medical License (CA) [Renewal needed]');
    expect(email.text).toContain('Expires before our review ends: This Medical License (CA) expires on December 5, 2026, before we expect to finish reviewing it. Upload the renewal as soon as you have it.');
    expect(email.html).toContain('Expires before our review ends');
    expectLink(email, `${PORTAL}/upload?replaces=${license.documentId}`);
    expect(email.text.match(/Renewal needed/g)).toHaveLength(1);
    // A document expiring on the review date itself is asked for too; the day after is not.
    const onTheDay = submissionReceivedEmail({ ...samples.received, documents: [{ ...license, expirationDate: '2026-12-10' }] }, branding);
    const dayAfter = submissionReceivedEmail({ ...samples.received, documents: [{ ...license, expirationDate: '2026-12-11' }] }, branding);
    expect(onTheDay.text).toContain('[Renewal needed]');
    expect(dayAfter.text).not.toContain('Renewal needed');
    expect(submissionReceivedEmail(samples.received, branding).text).not.toContain('Renewal needed');
  });
});

describe('submission could not be accepted', () => {
  it('names each failing document with its message, keeps the others, and links to the submission', () => {
    // Act
    const email = submissionRejectedEmail(samples.rejected, branding);
    // Assess
    expect(email.subject).toBe('Action needed: a credentialing document could not be accepted');
    const [needs, passed] = email.text.split('Passed our checks');
    expect(needs).toContain('- DEA Registration (CA) [Replace]');
    expect(needs).toContain('Problem: This file is not a PDF: its content is a PNG image.');
    expect(needs).not.toContain('Medical License');
    expect(passed).toContain('- Medical License (CA) [Passed checks]');
    expect(passed).toContain(`- Curriculum Vitae [Passed checks]`);
    expect(passed).toContain('They will be sent for review together with your replacement');
    // Nothing of a refused submission is stored: the email must not promise the files are kept.
    expect(email.text).not.toMatch(/we keep|do not need to upload/i);
    expect(passed).toContain('The device you uploaded from still has these files for 24 hours unless you sign out; anywhere else, the portal asks you to choose them again.');
    expectLink(email, `${PORTAL}/submissions/${samples.rejected.submissionId}`);
    expectShownAsText(email, HOSTILE_FILE);
    expectSignedByOffice(email);
  });

  it('counts several failing documents and leaves out the kept section when nothing passed', () => {
    // Prepare
    const issue = [{ message: 'The file is empty.' }];
    // Act
    const email = submissionRejectedEmail({ ...samples.rejected, documents: [{ ...license, issues: issue }, { ...dea, issues: issue }] }, branding);
    // Assess
    expect(email.subject).toBe('Action needed: 2 credentialing documents could not be accepted');
    expect(email.text).not.toContain('Passed our checks');
    expect(email.text.match(/Problem: The file is empty\./g)).toHaveLength(2);
  });
});

describe('review outcome', () => {
  it('verified: every document verified, the committee next, the reference in the subject', () => {
    // Act
    const email = reviewOutcomeEmail(samples.verified, branding);
    // Assess
    expect(email.subject).toBe('Your credentialing documents are verified — CRD-7K4M-9QXP-H3TW');
    expect(email.text.match(/\[Verified\]/g)).toHaveLength(3);
    expect(email.text).toContain('credentialing committee');
    expectLink(email, `${PORTAL}/submissions/${samples.verified.submissionId}`);
    expectSignedByOffice(email);
  });

  it('action required: the reviewer\'s reason as text and a replacement link for exactly that document', () => {
    // Act
    const email = reviewOutcomeEmail(samples.actionRequired, branding);
    // Assess
    expect(email.subject).toBe('Action needed: a document needs to be replaced — CRD-7K4M-9QXP-H3TW');
    const [needs, verified] = email.text.split('\nVerified\n');
    expect(needs).toContain('- DEA Registration (CA) [Not verified]');
    expect(needs).toContain(`Reason: ${HOSTILE_REASON}`);
    expect(needs).toContain(`Upload a replacement DEA Registration (CA): ${PORTAL}/upload?replaces=${dea.documentId}`);
    expect(verified).toContain('- Medical License (CA) [Verified]');
    expect(verified).toContain('- Curriculum Vitae [Verified]');
    expectShownAsText(email, HOSTILE_REASON);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; The scan is cut off &amp; the seal is unreadable');
    expectLink(email, `${PORTAL}/upload?replaces=${dea.documentId}`);
    expect(email.html.match(new RegExp(`href="${PORTAL}/upload\\?replaces=${dea.documentId}"`, 'g'))).toHaveLength(3); // item link, button, fallback address
    expectSignedByOffice(email);
  });

  it('action required for several documents: a link under each, the button opens the submission', () => {
    // Prepare
    const documents = [
      { ...license, decision: 'REJECTED' as const, reason: 'Expired on the scan' },
      { ...dea, decision: 'REJECTED' as const, reason: 'Wrong document' },
    ];
    // Act
    const email = reviewActionRequiredEmail({ ...samples.actionRequired, documents }, branding);
    // Assess
    expect(email.subject).toBe('Action needed: 2 documents need to be replaced — CRD-7K4M-9QXP-H3TW');
    expectLink(email, `${PORTAL}/upload?replaces=${license.documentId}`);
    expectLink(email, `${PORTAL}/upload?replaces=${dea.documentId}`);
    expect(email.text).toContain(`View your submission: ${PORTAL}/submissions/${samples.actionRequired.submissionId}`);
    expect(email.text).not.toContain('\nVerified\n');
  });
});

describe('expiry reminder', () => {
  it('names the document in full, the date written out, the days left and the renewal link', () => {
    // Act
    const email = expiryReminderEmail(samples.expiryReminder, branding);
    // Assess
    expect(email.subject).toBe('Reminder: your Medical License (CA) expires in 30 days — June 30, 2027');
    expect(email.text).toContain('Document: Medical License (CA)');
    expect(email.text).toContain('Issued by: Medical Board of California');
    expect(email.text).toContain('License number: A123456');
    expect(email.html).toContain('A123456');
    expect(email.text).toContain('Expires: Wednesday, June 30, 2027');
    expect(email.text).toContain('Days left: 30');
    expectLink(email, `${PORTAL}/upload?replaces=${license.documentId}`);
    expectSignedByOffice(email);
  });

  it.each([
    ['2027-06-29', 'expires tomorrow'],
    ['2027-06-23', 'expires in 7 days'],
  ])('on %s the subject says it %s', (today, words) => {
    expect(expiryReminderEmail({ ...samples.expiryReminder, today }, branding).subject).toContain(words);
  });

  it('attaches an all-day calendar event on the expiration date that a calendar parser reads', () => {
    // Act
    const [attachment] = expiryReminderEmail(samples.expiryReminder, branding).attachments ?? [];
    // Assess
    expect(attachment).toMatchObject({ fileName: 'medical-license-expires-2027-06-30.ics', contentType: 'text/calendar' });
    const ics = new TextDecoder().decode(attachment!.content);
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]!);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-06-30');
    expect(event.endDate.toString()).toBe('2027-07-01');
    expect(event.uid).toBe(`${license.documentId}-expiration@portal.example.org`);
    expect(event.summary).toBe('Medical License (CA) expires');
    expect(event.description).toContain(`${PORTAL}/upload?replaces=${license.documentId}`);
    expect(events[0]!.getFirstPropertyValue('dtstamp')!.toString()).toBe('2027-05-31T13:00:00Z');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Riverside Medical Group//Credentialing//EN');
    // A calendar keeps more than an inbox: it carries no license number.
    expect(ics).not.toContain('A123456');
  });

  it("a renewal's reminder moves the event her first reminder added: same UID (the credential's), a higher SEQUENCE, the new date", () => {
    // Prepare
    const event = (input: typeof samples.expiryReminder) => {
      const [attachment] = expiryReminderEmail(input, branding).attachments!;
      return new ICAL.Event(new ICAL.Component(ICAL.parse(new TextDecoder().decode(attachment!.content))).getFirstSubcomponent('vevent')!);
    };
    const renewal = { ...license, documentId: '0c9e3a57-6f1d-4b8e-9a42-7d3f5e2c1b60', expirationDate: '2029-06-30' };
    // Act
    const first = event(samples.expiryReminder);
    const weekLater = event({ ...samples.expiryReminder, today: '2027-06-23' });
    const renewed = event({ ...samples.expiryReminder, document: renewal, today: '2029-05-31', generatedAt: '2029-05-31T13:00:00Z' });
    const otherCredential = event({ ...samples.expiryReminder, document: renewal, credentialId: renewal.documentId });
    // Assess
    expect(renewed.uid).toBe(first.uid);
    expect(renewed.startDate.toString()).toBe('2029-06-30');
    expect(first.sequence).toBeLessThan(weekLater.sequence);
    expect(weekLater.sequence).toBeLessThan(renewed.sequence);
    expect(otherCredential.uid).not.toBe(first.uid);
  });

  it('escapes and folds calendar text so a parser reads back exactly what was written', () => {
    // Prepare
    const organizationName = 'Smith, Jones; & Partners \\ Clinic — Ärztehaus Zürich 医療グループ';
    // Act
    const [attachment] = expiryReminderEmail(samples.expiryReminder, { ...branding, organizationName }).attachments!;
    // Assess
    const calendar = new ICAL.Component(ICAL.parse(new TextDecoder().decode(attachment!.content)));
    expect(new ICAL.Event(calendar.getFirstSubcomponent('vevent')!).description).toContain(`on file with ${organizationName} expires`);
    expect(foldLine('x'.repeat(200)).split('\r\n ').map((part) => part.length)).toEqual([75, 74, 51]);
    const folded = foldLine(`SUMMARY:${'é'.repeat(100)}`);
    expect(folded.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(100)}`);
  });
});

describe('document expired', () => {
  it('says it expired on that date and links to the renewal of that document', () => {
    // Act
    const email = documentExpiredEmail(samples.documentExpired, branding);
    // Assess
    expect(email.subject).toBe('Your DEA Registration (CA) expired on January 31, 2027 — please upload the renewal');
    expect(email.text).toContain('DEA number: BJ6125341');
    expect(email.text).toContain('Expired: January 31, 2027');
    expectLink(email, `${PORTAL}/upload?replaces=${dea.documentId}`);
    expect(email.attachments).toBeUndefined();
    expectSignedByOffice(email);
  });
});

/** The text from `start` to `end`, both present in that order. */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + 1);
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return text.slice(from, to);
}

describe('weekly staff digest', () => {
  it('goes to the office and lists, by provider, what expires within 30 days and what expired, with staff links', () => {
    // Act
    const email = staffDigestEmail(samples.staffDigest, branding);
    // Assess
    expect(email.to).toBe('credentialing@example.org');
    expect(email.subject).toBe('Weekly credentialing digest: 2 reviews due, 2 documents expire within 30 days, 1 expired');
    expect(email.text).toContain('Expiring within 30 days: 2');
    expect(email.text).toContain('Expired since December 28, 2026: 1');
    const emilySection = between(email.text, '\nEmily Johnson\n', '\nMichael Chen\n');
    expect(emilySection.indexOf('Medical License (CA) [In 16 days]')).toBeLessThan(emilySection.indexOf('DEA Registration (CA) [In 27 days]'));
    expect(emilySection).toContain('Expires January 20, 2027');
    expect(emilySection).toContain('License number: A123456');
    expect(email.text.slice(email.text.indexOf('\nMichael Chen\n'))).toContain('- Malpractice Insurance [Expired]\n  Expired January 1, 2027');
    expectLink(email, `${PORTAL}/staff/providers/${samples.staffDigest.providers[1]!.providerId}`);
    expectLink(email, `${PORTAL}/staff/providers/${samples.staffDigest.providers[0]!.providerId}`);
    expect(email.text).not.toContain('Questions? Contact');
  });

  it('lists the reviews due within 7 days or overdue before the expirations, soonest due first, each linking to its review screen', () => {
    // Act
    const email = staffDigestEmail(samples.staffDigest, branding);
    // Assess
    expect(email.text).toContain('Reviews due within 7 days or overdue: 2');
    const section = between(email.text, 'Reviews due within 7 days or overdue (NCQA: a decision within 30 days of submission)', '\nEmily Johnson\n');
    expect(section).toContain('- CRD-9PXR-2KDF-7TLB · Michael Chen [Overdue by 2 days]\n  Submitted December 3, 2026\n  Decision due Saturday, January 2, 2027');
    expect(section).toContain('- CRD-4HQ2-M8ZT-N6WC · Emily Johnson [Due in 4 days]\n  Submitted December 9, 2026\n  Decision due Friday, January 8, 2027');
    expect(section.indexOf('CRD-9PXR-2KDF-7TLB')).toBeLessThan(section.indexOf('CRD-4HQ2-M8ZT-N6WC'));
    for (const review of samples.staffDigest.reviewsDue) expectLink(email, `${PORTAL}/review/${review.submissionId}`);
    // Due today is neither overdue nor "in 0 days".
    const today = staffDigestEmail({ ...samples.staffDigest, reviewsDue: [{ ...samples.staffDigest.reviewsDue[0]!, dueDate: '2027-01-04' }] }, branding);
    expect(today.text).toContain('Emily Johnson [Due today]');
  });

  it('tells two providers of the same name apart by their addresses, and no one else', () => {
    // Prepare: a second Emily Johnson at another address
    const [michael, emily] = samples.staffDigest.providers;
    const namesake = { ...emily!, providerId: 'a9b8c7d6-e5f4-4321-8765-43210fedcba9', email: 'ejohnson@clinic.example.org' };

    // Act
    const email = staffDigestEmail({ ...samples.staffDigest, providers: [michael!, emily!, namesake] }, branding);

    // Assess
    expect(email.text).toContain("Open Emily Johnson (emily.johnson@example.org)'s file");
    expect(email.text).toContain("Open Emily Johnson (ejohnson@clinic.example.org)'s file");
    expect(email.text).toContain("Open Michael Chen's file");
    expect(email.text).not.toContain('michael.chen@example.org');
  });

  it('shows provider names as text and says so when nothing expires', () => {
    // Prepare
    const name = '<b>Dr. "Evil"</b>';
    // Act
    const busy = staffDigestEmail({ ...samples.staffDigest, providers: [{ providerId: 'p', name, email: null, documents: [{ ...cv, expirationDate: '2027-01-10' }] }] }, branding);
    const quiet = staffDigestEmail({ ...samples.staffDigest, providers: [], reviewsDue: [] }, branding);
    // Assess
    expect(busy.html).toContain('&lt;b&gt;Dr. &quot;Evil&quot;&lt;/b&gt;');
    expect(busy.html).not.toContain('<b>Dr.');
    expect(busy.text).toContain(`Open ${name}'s file`);
    expect(quiet.subject).toBe('Weekly credentialing digest: 0 reviews due, 0 documents expire within 30 days, 0 expired');
    expect(quiet.text).not.toContain('Reviews due within 7 days or overdue (');
    expect(quiet.text).toContain('No provider document expires within the next 30 days');
  });
});
