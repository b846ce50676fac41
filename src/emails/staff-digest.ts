/**
 * The weekly digest to the credentialing office: the reviews due within a week or overdue (NCQA),
 * then what expires soon and what expired, by provider.
 */
import { daysBetween, writtenDate, writtenDeadline } from '../domain/dates.js';
import type { EmailMessage } from '../domain/email-message.js';
import { documentTitle } from './documents.js';
import { portalLinks } from './links.js';
import { renderEmail, type EmailItem } from './render.js';
import type { Branding, StaffDigestInput, StaffDigestProvider, StaffDigestReview } from './types.js';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function staffDigestEmail(input: StaffDigestInput, branding: Branding): EmailMessage {
  const links = portalLinks(branding.portalUrl);
  const all = input.providers.flatMap((provider) => provider.documents);
  const expiredCount = all.filter((doc) => doc.expirationDate <= input.today).length;
  const expiringCount = all.length - expiredCount;
  const since = writtenDate(input.since);
  const providers = input.providers.filter((provider) => provider.documents.length > 0).sort((a, b) => a.name.localeCompare(b.name) || (a.email ?? '').localeCompare(b.email ?? ''));
  // Two providers of one name (two Maria Garcias) are told apart by their addresses.
  const sameName = (provider: StaffDigestProvider) => providers.some((other) => other !== provider && other.name.toLowerCase() === provider.name.toLowerCase());
  const heading = (provider: StaffDigestProvider) => (sameName(provider) && provider.email ? `${provider.name} (${provider.email})` : provider.name);

  const item = (doc: StaffDigestInput['providers'][number]['documents'][number]): EmailItem => {
    const days = daysBetween(input.today, doc.expirationDate);
    const expired = days <= 0;
    return {
      title: documentTitle(doc),
      badge: expired ? { text: 'Expired', tone: 'attention' } : { text: days === 1 ? 'Tomorrow' : `In ${days} days`, tone: 'neutral' },
      lines: [
        expired ? `Expired ${writtenDate(doc.expirationDate)}` : `Expires ${writtenDate(doc.expirationDate)}`,
        ...(doc.issuingAuthority ? [`Issued by ${doc.issuingAuthority}`] : []),
        ...(doc.number ? [`${doc.number.label}: ${doc.number.value}`] : []),
      ],
    };
  };

  const review = (due: StaffDigestReview): EmailItem => {
    const days = daysBetween(input.today, due.dueDate);
    return {
      title: `${due.referenceNumber} · ${due.providerName}`,
      badge: days < 0 ? { text: `Overdue by ${plural(-days, 'day', 'days')}`, tone: 'attention' } : { text: days === 0 ? 'Due today' : `Due in ${plural(days, 'day', 'days')}`, tone: 'neutral' },
      lines: [`Submitted ${writtenDate(due.submittedOn)}`, `Decision due ${writtenDeadline(due.dueDate)}`],
      link: { label: `Open the review of ${due.referenceNumber}`, url: links.review(due.submissionId) },
    };
  };
  const reviewsHeading = `Reviews due within ${input.reviewHorizonDays} days or overdue`;
  const reviewSection =
    input.reviewsDue.length > 0
      ? [{ heading: `${reviewsHeading} (NCQA: a decision within 30 days of submission)`, items: [...input.reviewsDue].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).map(review) }]
      : [];

  return renderEmail(
    {
      to: branding.contactEmail,
      subject: `Weekly credentialing digest: ${plural(input.reviewsDue.length, 'review', 'reviews')} due, ${plural(expiringCount, 'document expires', 'documents expire')} within ${input.windowDays} days, ${expiredCount} expired`,
      preheader: `${plural(expiringCount, 'document', 'documents')} expiring within ${input.windowDays} days, ${expiredCount} expired since ${since}.`,
      heading: `Credentialing digest — week of ${writtenDate(input.today)}`,
      greeting: 'Hello,',
      intro:
        providers.length > 0
          ? [`Here are the provider documents that expire within the next ${input.windowDays} days, and those that expired since the last digest on ${since}.`]
          : [`No provider document expires within the next ${input.windowDays} days, and none expired since the last digest on ${since}.`],
      facts: [
        { label: reviewsHeading, value: String(input.reviewsDue.length) },
        { label: `Expiring within ${input.windowDays} days`, value: String(expiringCount) },
        { label: `Expired since ${since}`, value: String(expiredCount) },
        { label: 'Providers', value: String(providers.length) },
      ],
      sections: [
        ...reviewSection,
        ...providers.map((provider) => ({
          heading: heading(provider),
          items: [...provider.documents].sort((a, b) => a.expirationDate.localeCompare(b.expirationDate)).map(item),
          link: { label: `Open ${heading(provider)}'s file`, url: links.staffProvider(provider.providerId) },
        })),
      ],
      footerNote: `Sent every week to ${branding.contactEmail}, the ${branding.officeName}'s address.`,
      fromOffice: false,
    },
    branding,
  );
}
