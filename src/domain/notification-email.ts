/**
 * The emails a provider receives. Everything she typed is escaped in the HTML part: metadata
 * is stored as given and rendered inert everywhere.
 */
import { documentTypeSpec } from './catalog.js';
import type { NotificationKind, Submission, SubmissionDocument } from './submission.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

function longDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

function documentLine(doc: SubmissionDocument): string {
  const issuer = doc.issuingAuthority ? `, issued by ${doc.issuingAuthority}` : '';
  return `${documentTypeSpec(doc.documentType).label} — ${doc.fileName}${issuer}`;
}

export function renderNotification(kind: NotificationKind, submission: Submission, documents: SubmissionDocument[], portalUrl: string): EmailMessage {
  if (kind === 'VERIFIED' || kind === 'ACTION_REQUIRED') return renderReviewOutcome(submission, documents, portalUrl);
  const statusUrl = `${portalUrl.replace(/\/$/, '')}/submissions/${submission.submissionId}`;
  const greeting = `Dear ${submission.provider.name},`;
  if (kind === 'RECEIVED') {
    const reference = submission.referenceNumber ?? '';
    const reviewDate = longDate(submission.estimatedReviewCompletionDate ?? '');
    const lines = documents.map(documentLine);
    const text = [
      greeting,
      '',
      'We received your credentialing documents.',
      '',
      `Reference number: ${reference}`,
      `Estimated review completion: ${reviewDate}`,
      '',
      'Documents received:',
      ...lines.map((line) => `  - ${line}`),
      '',
      `Track the status of your submission at any time: ${statusUrl}`,
      '',
      'Please quote your reference number if you contact the credentialing office.',
      'Credentialing Office',
    ].join('\n');
    const html = `<p>${escapeHtml(greeting)}</p>
<p>We received your credentialing documents.</p>
<p><strong>Reference number:</strong> ${escapeHtml(reference)}<br><strong>Estimated review completion:</strong> ${escapeHtml(reviewDate)}</p>
<p>Documents received:</p>
<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<p><a href="${escapeHtml(statusUrl)}">Track the status of your submission</a></p>
<p>Please quote your reference number if you contact the credentialing office.<br>Credentialing Office</p>`;
    return { to: submission.provider.email, subject: `We received your credentialing documents — ${reference}`, text, html };
  }

  const failing = documents.filter((doc) => doc.issues.length > 0);
  const problems = failing.map((doc) => ({ line: documentLine(doc), messages: doc.issues.map((issue) => issue.message) }));
  const text = [
    greeting,
    '',
    'We could not accept your credentialing documents because some files need to be replaced:',
    '',
    ...problems.flatMap((p) => [`  - ${p.line}`, ...p.messages.map((m) => `      ${m}`)]),
    '',
    `Open your submission to replace these files and submit again: ${statusUrl}`,
    'Credentialing Office',
  ].join('\n');
  const html = `<p>${escapeHtml(greeting)}</p>
<p>We could not accept your credentialing documents because some files need to be replaced:</p>
<ul>${problems.map((p) => `<li>${escapeHtml(p.line)}<br>${p.messages.map(escapeHtml).join('<br>')}</li>`).join('')}</ul>
<p><a href="${escapeHtml(statusUrl)}">Open your submission</a> to replace these files and submit again.</p>
<p>Credentialing Office</p>`;
  return { to: submission.provider.email, subject: 'Action needed: some credentialing documents could not be accepted', text, html };
}

/** The review's outcome: each document's decision; for a rejected one, the reviewer's reason (as text) and where to send a replacement. */
function renderReviewOutcome(submission: Submission, documents: SubmissionDocument[], portalUrl: string): EmailMessage {
  const base = portalUrl.replace(/\/$/, '');
  const statusUrl = `${base}/submissions/${submission.submissionId}`;
  const reference = submission.referenceNumber ?? '';
  const greeting = `Dear ${submission.provider.name},`;
  const decided = documents.map((doc) => ({ doc, review: submission.reviews[doc.documentId] ?? doc.review ?? null }));
  const rejected = decided.filter(({ review }) => review?.decision === 'REJECTED');
  const replaceUrl = (documentId: string) => `${base}/upload?replaces=${encodeURIComponent(documentId)}`;
  const decisionText = (decision: string | undefined) => (decision === 'REJECTED' ? 'Not verified — please send a replacement' : 'Verified');

  if (rejected.length === 0) {
    const text = [
      greeting,
      '',
      `We have reviewed and verified every document of submission ${reference}. There is nothing more you need to send.`,
      '',
      ...decided.map(({ doc }) => `  - ${documentLine(doc)}: Verified`),
      '',
      'What happens next: your credentialing file goes to the credentialing committee for approval. We will contact you if anything else is needed.',
      '',
      `View your submission: ${statusUrl}`,
      'Credentialing Office',
    ].join('\n');
    const html = `<p>${escapeHtml(greeting)}</p>
<p>We have reviewed and verified every document of submission <strong>${escapeHtml(reference)}</strong>. There is nothing more you need to send.</p>
<ul>${decided.map(({ doc }) => `<li>${escapeHtml(documentLine(doc))}: <strong>Verified</strong></li>`).join('')}</ul>
<p>What happens next: your credentialing file goes to the credentialing committee for approval. We will contact you if anything else is needed.</p>
<p><a href="${escapeHtml(statusUrl)}">View your submission</a></p>
<p>Credentialing Office</p>`;
    return { to: submission.provider.email, subject: `Your credentialing documents are verified — ${reference}`, text, html };
  }

  const text = [
    greeting,
    '',
    `We have reviewed the documents of submission ${reference}. ${rejected.length === 1 ? 'One document needs' : `${rejected.length} documents need`} to be replaced before we can verify ${rejected.length === 1 ? 'it' : 'them'}.`,
    '',
    ...decided.flatMap(({ doc, review }) => [
      `  - ${documentLine(doc)}: ${decisionText(review?.decision)}`,
      ...(review?.decision === 'REJECTED' ? [`      Reason: ${review.reason ?? ''}`, `      Send a replacement: ${replaceUrl(doc.documentId)}`] : []),
    ]),
    '',
    'Your verified documents stay on file; you do not need to send them again.',
    `View your submission: ${statusUrl}`,
    'Credentialing Office',
  ].join('\n');
  const html = `<p>${escapeHtml(greeting)}</p>
<p>We have reviewed the documents of submission <strong>${escapeHtml(reference)}</strong>. ${rejected.length === 1 ? 'One document needs' : `${rejected.length} documents need`} to be replaced before we can verify ${rejected.length === 1 ? 'it' : 'them'}.</p>
<ul>${decided
    .map(
      ({ doc, review }) =>
        `<li>${escapeHtml(documentLine(doc))}: <strong>${escapeHtml(decisionText(review?.decision))}</strong>${
          review?.decision === 'REJECTED'
            ? `<br>Reason: ${escapeHtml(review.reason ?? '')}<br><a href="${escapeHtml(replaceUrl(doc.documentId))}">Send a replacement</a>`
            : ''
        }</li>`,
    )
    .join('')}</ul>
<p>Your verified documents stay on file; you do not need to send them again.</p>
<p><a href="${escapeHtml(statusUrl)}">View your submission</a></p>
<p>Credentialing Office</p>`;
  return { to: submission.provider.email, subject: `Action needed: documents to replace — ${reference}`, text, html };
}
