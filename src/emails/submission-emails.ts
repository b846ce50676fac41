/** The outcome of the intake workflow: received (with a reference) or not accepted. */
import { writtenDate, writtenDeadline } from '../domain/dates.js';
import type { EmailMessage } from '../domain/email-message.js';
import { DRAFT_LIFETIME_HOURS } from '../domain/status.js';
import { greeting, PROVIDER_FOOTER } from './common.js';
import { documentLines, documentTitle } from './documents.js';
import { portalLinks } from './links.js';
import { renderEmail, type EmailItem } from './render.js';
import type { Branding, EmailDocument, SubmissionReceivedInput, SubmissionRejectedInput } from './types.js';

export function submissionReceivedEmail(input: SubmissionReceivedInput, branding: Branding): EmailMessage {
  const reviewBy = writtenDeadline(input.estimatedReviewCompletionDate);
  const count = input.documents.length;
  return renderEmail(
    {
      to: input.provider.email,
      subject: `We received your credentialing documents — ${input.referenceNumber}`,
      preheader: `Reference ${input.referenceNumber}. We expect to finish reviewing by ${reviewBy}.`,
      heading: 'We received your credentialing documents',
      greeting: greeting(input.provider.name),
      intro: [`Thank you. Your ${count === 1 ? 'document passed' : `${count} documents passed`} our automated checks and ${count === 1 ? 'is' : 'are'} now stored securely with the ${branding.officeName}.`],
      facts: [
        { label: 'Reference number', value: input.referenceNumber },
        { label: 'Estimated review completion', value: reviewBy },
      ],
      sections: [{ heading: 'Documents received', items: input.documents.map((doc) => receivedItem(doc, input.estimatedReviewCompletionDate, branding)) }],
      nextSteps: {
        heading: 'What happens next',
        paragraphs: [
          `A credentialing specialist reviews each document and verifies it with its issuer. We expect to finish by ${reviewBy}.`,
          'We will email you when the review is complete. If a document needs to be replaced, that email tells you which one and why.',
        ],
      },
      action: { label: 'Track your submission', url: portalLinks(branding.portalUrl).submission(input.submissionId) },
      reference: input.referenceNumber,
      footerNote: PROVIDER_FOOTER,
    },
    branding,
  );
}

/** A document that expires by the review date would be verified already out of date: ask for the renewal now. */
function receivedItem(doc: EmailDocument, reviewBy: string, branding: Branding): EmailItem {
  const item = { title: documentTitle(doc), lines: documentLines(doc) };
  if (!doc.expirationDate || doc.expirationDate > reviewBy) return item;
  return {
    ...item,
    badge: { text: 'Renewal needed', tone: 'attention' },
    note: { label: 'Expires before our review ends', text: `This ${item.title} expires on ${writtenDate(doc.expirationDate)}, before we expect to finish reviewing it. Upload the renewal as soon as you have it.` },
    link: { label: `Upload the renewal of your ${item.title}`, url: portalLinks(branding.portalUrl).replaceDocument(doc.documentId) },
  };
}

export function submissionRejectedEmail(input: SubmissionRejectedInput, branding: Branding): EmailMessage {
  const failing = input.documents.filter((doc) => doc.issues.length > 0);
  const passing = input.documents.filter((doc) => doc.issues.length === 0);
  const oneFailing = failing.length === 1;
  return renderEmail(
    {
      to: input.provider.email,
      subject: oneFailing ? 'Action needed: a credentialing document could not be accepted' : `Action needed: ${failing.length} credentialing documents could not be accepted`,
      preheader: `Please replace ${oneFailing ? 'one file' : `${failing.length} files`} so we can start your review.`,
      heading: oneFailing ? 'One document needs to be replaced' : `${failing.length} documents need to be replaced`,
      greeting: greeting(input.provider.name),
      intro: [
        `We could not accept your credentialing documents: ${oneFailing ? 'one file did' : `${failing.length} files did`} not pass our automated checks. Nothing has been sent for review yet.`,
      ],
      sections: [
        {
          heading: 'Needs a new file',
          items: failing.map((doc) => ({
            title: documentTitle(doc),
            badge: { text: 'Replace', tone: 'attention' as const },
            lines: [`File: ${doc.fileName}`],
            note: { label: 'Problem', text: doc.issues.map((issue) => issue.message).join(' ') },
          })),
        },
        ...(passing.length > 0
          ? [
              {
                heading: 'Passed our checks',
                // Nothing of a refused submission is stored: the portal re-sends these from the device that uploaded them.
                description: `They will be sent for review together with your replacement, with the details you entered. The device you uploaded from still has these files for ${DRAFT_LIFETIME_HOURS} hours unless you sign out; anywhere else, the portal asks you to choose them again.`,
                items: passing.map((doc) => ({ title: documentTitle(doc), badge: { text: 'Passed checks', tone: 'positive' as const }, lines: documentLines(doc) })),
              },
            ]
          : []),
      ],
      nextSteps: {
        heading: 'What happens next',
        paragraphs: [
          `Open your submission and choose a new file for ${oneFailing ? 'this document' : 'each of these documents'}; everything else you entered is kept. We check the new ${oneFailing ? 'file' : 'files'} within minutes and email you a reference number once your documents are accepted.`,
        ],
      },
      action: { label: oneFailing ? 'Replace the file' : 'Replace the files', url: portalLinks(branding.portalUrl).submission(input.submissionId) },
      footerNote: PROVIDER_FOOTER,
    },
    branding,
  );
}
