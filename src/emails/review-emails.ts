/**
 * The outcome of a staff review: everything verified, or some documents to replace. A document
 * she replaced with a newer version during the review is listed as replaced — reviewed with the
 * submission that carried it — and never asked for again.
 */
import type { EmailMessage } from '../domain/email-message.js';
import { greeting, PROVIDER_FOOTER } from './common.js';
import { documentLines, documentTitle } from './documents.js';
import { portalLinks } from './links.js';
import { renderEmail, type EmailItem } from './render.js';
import type { Branding, ReplacedDocument, ReviewedDocument, ReviewOutcomeInput } from './types.js';

const verifiedItem = (doc: ReviewedDocument): EmailItem => ({ title: documentTitle(doc), badge: { text: 'Verified', tone: 'positive' }, lines: documentLines(doc) });

const replacedItem = (doc: ReplacedDocument): EmailItem => ({
  title: documentTitle(doc),
  badge: { text: 'Replaced', tone: 'neutral' },
  lines: [
    ...documentLines(doc),
    `Replaced by the newer version you sent${doc.replacedByReference ? ` (reference ${doc.replacedByReference})` : ''} — reviewed with that submission.`,
  ],
});

function replacedSections(input: ReviewOutcomeInput) {
  const replaced = input.replaced ?? [];
  if (replaced.length === 0) return [];
  return [
    {
      heading: 'Replaced by a newer version',
      description: 'You sent a newer version of these while we were reviewing this submission. We review each newer version with the submission you sent it in and email you that outcome; nothing more is needed for these here.',
      items: replaced.map(replacedItem),
    },
  ];
}

/** Every document was replaced during the review: nothing was decided here, and nothing is asked. */
function everythingReplacedEmail(input: ReviewOutcomeInput, branding: Branding): EmailMessage {
  return renderEmail(
    {
      to: input.provider.email,
      subject: `Nothing more is needed for submission ${input.referenceNumber} — you sent newer versions`,
      preheader: 'You replaced every document of this submission while we were reviewing it. We review the newer versions instead.',
      heading: 'Nothing more is needed for this submission',
      greeting: greeting(input.provider.name),
      intro: [
        `While we were reviewing submission ${input.referenceNumber}, you sent a newer version of every document in it. We review the newer versions with the submissions you sent them in, so there is nothing to decide here and nothing more you need to send for this submission.`,
      ],
      facts: [{ label: 'Reference number', value: input.referenceNumber }],
      sections: replacedSections(input),
      nextSteps: { heading: 'What happens next', paragraphs: ['We will email you the outcome of each newer submission once its review is complete.'] },
      action: { label: 'View your submission', url: portalLinks(branding.portalUrl).submission(input.submissionId) },
      reference: input.referenceNumber,
      footerNote: PROVIDER_FOOTER,
    },
    branding,
  );
}

export function reviewVerifiedEmail(input: ReviewOutcomeInput, branding: Branding): EmailMessage {
  if (input.documents.length === 0) return everythingReplacedEmail(input, branding);
  const someReplaced = (input.replaced ?? []).length > 0;
  return renderEmail(
    {
      to: input.provider.email,
      subject: `Your credentialing documents are verified — ${input.referenceNumber}`,
      preheader: someReplaced
        ? 'The documents of this submission are verified; the ones you replaced are reviewed with your newer submission.'
        : 'Every document you sent has been verified. Your file now goes to the credentialing committee.',
      heading: 'Your documents are verified',
      greeting: greeting(input.provider.name),
      intro: [
        someReplaced
          ? `We have reviewed and verified the documents of submission ${input.referenceNumber}, except those you replaced with a newer version meanwhile: we review those with the submission you sent them in. There is nothing more you need to send.`
          : `We have reviewed and verified every document of submission ${input.referenceNumber}. There is nothing more you need to send.`,
      ],
      facts: [{ label: 'Reference number', value: input.referenceNumber }],
      sections: [{ heading: 'Documents verified', items: input.documents.map(verifiedItem) }, ...replacedSections(input)],
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
        ...replacedSections(input),
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
