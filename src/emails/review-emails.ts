/** The outcome of a staff review: everything verified, or some documents to replace. */
import type { EmailMessage } from '../domain/email-message.js';
import { greeting, PROVIDER_FOOTER } from './common.js';
import { documentLines, documentTitle } from './documents.js';
import { portalLinks } from './links.js';
import { renderEmail, type EmailItem } from './render.js';
import type { Branding, ReviewedDocument, ReviewOutcomeInput } from './types.js';

const verifiedItem = (doc: ReviewedDocument): EmailItem => ({ title: documentTitle(doc), badge: { text: 'Verified', tone: 'positive' }, lines: documentLines(doc) });

export function reviewVerifiedEmail(input: ReviewOutcomeInput, branding: Branding): EmailMessage {
  return renderEmail(
    {
      to: input.provider.email,
      subject: `Your credentialing documents are verified — ${input.referenceNumber}`,
      preheader: 'Every document you sent has been verified. Your file now goes to the credentialing committee.',
      heading: 'Your documents are verified',
      greeting: greeting(input.provider.name),
      intro: [`We have reviewed and verified every document of submission ${input.referenceNumber}. There is nothing more you need to send.`],
      facts: [{ label: 'Reference number', value: input.referenceNumber }],
      sections: [{ heading: 'Documents verified', items: input.documents.map(verifiedItem) }],
      nextSteps: {
        heading: 'What happens next',
        paragraphs: [
          'Your credentialing file now goes to the credentialing committee for approval, and then to enrollment with the health plans. We will contact you if they need anything else.',
          'We will also remind you by email well before any of these documents expires.',
        ],
      },
      action: { label: 'View your submission', url: portalLinks(branding.portalUrl).submission(input.submissionId) },
      reference: input.referenceNumber,
      footerNote: PROVIDER_FOOTER,
    },
    branding,
  );
}

export function reviewActionRequiredEmail(input: ReviewOutcomeInput, branding: Branding): EmailMessage {
  const links = portalLinks(branding.portalUrl);
  const rejected = input.documents.filter((doc) => doc.decision === 'REJECTED');
  const verified = input.documents.filter((doc) => doc.decision === 'VERIFIED');
  const one = rejected.length === 1;
  return renderEmail(
    {
      to: input.provider.email,
      subject: `Action needed: ${one ? 'a document needs' : `${rejected.length} documents need`} to be replaced — ${input.referenceNumber}`,
      preheader: `We reviewed your documents. Please send a replacement for ${one ? 'one of them' : `${rejected.length} of them`}.`,
      heading: one ? 'One document needs to be replaced' : `${rejected.length} documents need to be replaced`,
      greeting: greeting(input.provider.name),
      intro: [
        `We have reviewed the documents of submission ${input.referenceNumber}. We could not verify ${one ? 'one of them; the reviewer\'s reason is below it' : `${rejected.length} of them; the reviewer's reason is below each`}.`,
      ],
      facts: [{ label: 'Reference number', value: input.referenceNumber }],
      sections: [
        {
          heading: 'Needs a replacement',
          items: rejected.map((doc) => ({
            title: documentTitle(doc),
            badge: { text: 'Not verified', tone: 'attention' },
            lines: documentLines(doc),
            note: { label: 'Reason', text: doc.reason ?? 'No reason was given; please contact us.' },
            link: { label: `Upload a replacement ${documentTitle(doc)}`, url: links.replaceDocument(doc.documentId) },
          })),
        },
        ...(verified.length > 0 ? [{ heading: 'Verified', description: 'Nothing more is needed for these.', items: verified.map(verifiedItem) }] : []),
      ],
      nextSteps: {
        heading: 'What happens next',
        paragraphs: [
          `Use the link under ${one ? 'the document' : 'each document'} to upload a replacement: the form opens ready for exactly that document. We check the new file within minutes, review it, and email you the outcome.`,
          'Your verified documents stay on file; you do not need to send them again.',
        ],
      },
      action: one ? { label: 'Upload the replacement', url: links.replaceDocument(rejected[0]!.documentId) } : { label: 'View your submission', url: links.submission(input.submissionId) },
      reference: input.referenceNumber,
      footerNote: PROVIDER_FOOTER,
    },
    branding,
  );
}

/** VERIFIED when every document is verified, else ACTION_REQUIRED: the email for either. */
export function reviewOutcomeEmail(input: ReviewOutcomeInput, branding: Branding): EmailMessage {
  return input.documents.some((doc) => doc.decision === 'REJECTED') ? reviewActionRequiredEmail(input, branding) : reviewVerifiedEmail(input, branding);
}
