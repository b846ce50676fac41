/**
 * Every email the system sends. The contract for use cases:
 *
 *   import { submissionReceivedEmail, emailDocument, type Branding } from '../emails/index.js';
 *   await mailer.send(submissionReceivedEmail({ provider, submissionId, referenceNumber, … }, branding));
 *
 * - Each template is a pure function `(input, branding) => EmailMessage` (to, subject, html,
 *   text, attachments?): no I/O, no environment, no clock. A function that sends email gets
 *   `ses:SendEmail` and the office's details from `EmailSending.allowSending(fn)` (infra); its
 *   handler passes `branding()` from `handlers/shared/wiring/settings.ts` to the use case.
 * - Inputs are plain data (`./types.ts`). Map stored documents with `emailDocument(doc)`; add
 *   `issues`, or `decision`/`reason`, where a template asks for them.
 * - Everything in an input is text: the HTML part escapes it, the text part shows it as typed.
 * - Subjects carry the submission reference where there is one and never a license, DEA or
 *   policy number; those appear in bodies only, where the email needs to say which document.
 * - Dates are written "June 30, 2027", with the weekday where they are a deadline.
 * - Links go to the exact portal page (`./links.ts`): `/submissions/{submissionId}`,
 *   `/upload?replaces={documentId}`, `/staff/providers/{providerId}`.
 *
 *   template                      to                input                    subject carries
 *   submissionReceivedEmail       provider          SubmissionReceivedInput  reference
 *   submissionRejectedEmail       provider          SubmissionRejectedInput  (no reference yet)
 *   reviewVerifiedEmail           provider          ReviewOutcomeInput       reference
 *   reviewActionRequiredEmail     provider          ReviewOutcomeInput       reference
 *   reviewOutcomeEmail            provider          ReviewOutcomeInput       picks one of the two above
 *   expiryReminderEmail           provider          ExpiryReminderInput      type, days left, date; .ics attached
 *   documentExpiredEmail          provider          DocumentExpiredInput     type, date
 *   staffDigestEmail              office (contactEmail)  StaffDigestInput   counts
 *
 * The HTML comes from one MJML layout compiled at build time (`npm run emails:build`), filled
 * with Mustache at send time: the functions ship plain HTML, not the MJML compiler.
 */
export { emailDocument, documentTitle } from './documents.js';
export { portalLinks, type PortalLinks } from './links.js';
export { submissionReceivedEmail, submissionRejectedEmail } from './submission-emails.js';
export { reviewActionRequiredEmail, reviewOutcomeEmail, reviewVerifiedEmail } from './review-emails.js';
export { documentExpiredEmail, expiryReminderEmail } from './expiry-emails.js';
export { staffDigestEmail } from './staff-digest.js';
export type {
  Branding,
  DocumentExpiredInput,
  EmailDocument,
  ExpiryReminderInput,
  Recipient,
  ReviewDecision,
  ReplacedDocument,
  ReviewedDocument,
  ReviewOutcomeInput,
  StaffDigestInput,
  StaffDigestProvider,
  StaffDigestReview,
  SubmissionReceivedInput,
  SubmissionRejectedInput,
} from './types.js';
export type { EmailAttachment, EmailMessage } from '../domain/email-message.js';
