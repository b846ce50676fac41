/** Expiry: reminders before a document expires (with a calendar file) and the day it does. */
import { documentTypeSpec } from '../domain/catalog.js';
import { daysBetween, writtenDate, writtenDeadline } from '../domain/dates.js';
import type { EmailMessage } from '../domain/email-message.js';
import { allDayEventCalendar } from './calendar.js';
import { greeting } from './common.js';
import { documentTitle } from './documents.js';
import { portalLinks } from './links.js';
import { renderEmail } from './render.js';
import type { Branding, DocumentExpiredInput, EmailDocument, ExpiryReminderInput } from './types.js';

const EXPIRY_FOOTER = 'You receive this email because this document is on file with our credentialing office, and we remind you before it expires.';

/** Reminders are made on later days as a credential is renewed: the day counts the revision. */
const SEQUENCE_EPOCH = '2020-01-01';

const inDays = (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`);

/** The document named in full: type, authority and its number (body only). */
function documentFacts(doc: EmailDocument & { expirationDate: string }) {
  return [
    { label: 'Document', value: documentTitle(doc) },
    ...(doc.issuingAuthority ? [{ label: 'Issued by', value: doc.issuingAuthority }] : []),
    ...(doc.number ? [{ label: doc.number.label, value: doc.number.value }] : []),
    { label: 'File on record', value: doc.fileName },
  ];
}

function calendarFileName(doc: EmailDocument & { expirationDate: string }): string {
  const slug = documentTypeSpec(doc.documentType).label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `${slug}-expires-${doc.expirationDate}.ics`;
}

export function expiryReminderEmail(input: ExpiryReminderInput, branding: Branding): EmailMessage {
  const { document: doc } = input;
  const title = documentTitle(doc);
  const deadline = writtenDeadline(doc.expirationDate);
  const daysLeft = daysBetween(input.today, doc.expirationDate);
  const renewUrl = portalLinks(branding.portalUrl).replaceDocument(doc.documentId);
  const calendar = allDayEventCalendar({
    // By credential: the renewal's reminder moves her calendar's event to the new date instead of adding a second one.
    uid: `${input.credentialId}-expiration@${new URL(branding.portalUrl).hostname}`,
    sequence: daysBetween(SEQUENCE_EPOCH, input.today),
    date: doc.expirationDate,
    summary: `${title} expires`,
    description: `Your ${title} on file with ${branding.organizationName} expires today. Upload the renewal: ${renewUrl}`,
    url: renewUrl,
    stamp: input.generatedAt,
    producer: branding.organizationName,
  });
  return renderEmail(
    {
      to: input.provider.email,
      subject: `Reminder: your ${title} expires ${inDays(daysLeft)} — ${writtenDate(doc.expirationDate)}`,
      preheader: `Upload the renewal before ${deadline} so your credentialing stays current.`,
      heading: `Your ${title} expires ${inDays(daysLeft)}`,
      greeting: greeting(input.provider.name),
      intro: [`Our records show that your ${title} expires on ${deadline}. Please send us the renewed document before then.`],
      facts: [...documentFacts(doc), { label: 'Expires', value: deadline }, { label: 'Days left', value: String(daysLeft) }],
      nextSteps: {
        heading: 'What to do',
        paragraphs: [
          `Once you have the renewed document, upload it with the button below: the form opens ready to renew exactly this ${title}. We check it within minutes and review it as usual.`,
          'The attached calendar file adds the expiration date to your calendar. If you have already sent the renewal, you can ignore this email.',
        ],
      },
      action: { label: 'Upload the renewal', url: renewUrl },
      footerNote: EXPIRY_FOOTER,
      attachments: [{ fileName: calendarFileName(doc), contentType: 'text/calendar', content: new TextEncoder().encode(calendar) }],
    },
    branding,
  );
}

export function documentExpiredEmail(input: DocumentExpiredInput, branding: Branding): EmailMessage {
  const { document: doc } = input;
  const title = documentTitle(doc);
  const expired = writtenDate(doc.expirationDate);
  return renderEmail(
    {
      to: input.provider.email,
      subject: `Your ${title} expired on ${expired} — please upload the renewal`,
      preheader: 'Your credentialing file is incomplete until we receive the renewed document.',
      heading: `Your ${title} has expired`,
      greeting: greeting(input.provider.name),
      intro: [`Your ${title} on file with us expired on ${expired}. Until we receive the renewed document, your credentialing file is incomplete.`],
      facts: [...documentFacts(doc), { label: 'Expired', value: expired }],
      nextSteps: {
        heading: 'What to do',
        paragraphs: [`Please upload the renewed ${title} as soon as you have it: the button opens the form ready to renew exactly this document. We check it within minutes and review it as usual.`],
      },
      action: { label: 'Upload the renewal', url: portalLinks(branding.portalUrl).replaceDocument(doc.documentId) },
      footerNote: EXPIRY_FOOTER,
    },
    branding,
  );
}
