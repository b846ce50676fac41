/**
 * Fills the one layout (HTML from MJML, and plain text) with an email's content. Everything in
 * the content is text: the HTML part escapes it, the text part shows it as it is.
 */
import Mustache from 'mustache';
import type { EmailAttachment, EmailMessage } from '../domain/email-message.js';
import { HTML_LAYOUT } from './layout/html-layout.generated.js';
import { TEXT_LAYOUT } from './layout/text-layout.js';
import type { Branding } from './types.js';

export interface Link {
  label: string;
  url: string;
}

export type Tone = 'positive' | 'attention' | 'neutral';

export interface EmailItem {
  title: string;
  badge?: { text: string; tone: Tone };
  lines?: string[];
  /** A highlighted line, e.g. the reviewer's reason. */
  note?: { label: string; text: string };
  link?: Link;
}

export interface EmailSection {
  heading: string;
  description?: string;
  items: EmailItem[];
  link?: Link;
}

export interface EmailContent {
  to: string;
  subject: string;
  /** The inbox preview line. */
  preheader: string;
  heading: string;
  greeting: string;
  /** What happened. */
  intro: string[];
  /** Key facts in a box: reference number, dates. */
  facts?: { label: string; value: string }[];
  sections?: EmailSection[];
  /** What happens next and by when. */
  nextSteps?: { heading: string; paragraphs: string[] };
  /** The button: the exact portal page to go to. */
  action?: Link;
  /** Quoted in the contact line. */
  reference?: string;
  /** Why she received this email. */
  footerNote: string;
  /** Sign-off and the office's contact line; off for the office's own digest. */
  fromOffice?: boolean;
  attachments?: EmailAttachment[];
}

const TONES: Record<Tone, { color: string; background: string }> = {
  positive: { color: '#1d6b3a', background: '#e3f4e8' },
  attention: { color: '#8a3b00', background: '#fdebd8' },
  neutral: { color: '#3e4c59', background: '#e4e7eb' },
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
const asText = (text: string) => text;

/** Mustache looks a name missing from an object up in its parents: every name is set, null when absent. */
function view(content: EmailContent, branding: Branding) {
  const link = (l: Link | undefined) => (l ? { label: l.label, url: l.url } : null);
  return {
    subject: content.subject,
    preheader: content.preheader,
    heading: content.heading,
    greeting: content.greeting,
    intro: content.intro,
    hasFacts: (content.facts ?? []).length > 0,
    facts: (content.facts ?? []).map(({ label, value }) => ({ label, value })),
    sections: (content.sections ?? []).map((section) => ({
      heading: section.heading,
      description: section.description ?? null,
      link: link(section.link),
      items: section.items.map((item) => ({
        title: item.title,
        badge: item.badge ? { text: item.badge.text, ...TONES[item.badge.tone] } : null,
        lines: item.lines ?? [],
        note: item.note ? { label: item.note.label, text: item.note.text } : null,
        link: link(item.link),
      })),
    })),
    nextSteps: content.nextSteps ? { heading: content.nextSteps.heading, paragraphs: content.nextSteps.paragraphs } : null,
    action: link(content.action),
    signOff: content.fromOffice === false ? null : { closing: 'Kind regards,', name: `${branding.officeName}, ${branding.organizationName}` },
    contact: content.fromOffice !== false,
    reference: content.reference ?? null,
    footerNote: content.footerNote,
    organizationName: branding.organizationName,
    officeName: branding.officeName,
    contactEmail: branding.contactEmail,
    contactPhone: branding.contactPhone,
    contactPhoneDial: branding.contactPhone.replace(/[^\d+]/g, ''),
    portalUrl: branding.portalUrl.replace(/\/+$/, ''),
  };
}

export function renderEmail(content: EmailContent, branding: Branding): EmailMessage {
  const data = view(content, branding);
  return {
    to: content.to,
    subject: content.subject,
    html: Mustache.render(HTML_LAYOUT, data, {}, { escape: escapeHtml }),
    text: Mustache.render(TEXT_LAYOUT, data, {}, { escape: asText }),
    ...(content.attachments?.length ? { attachments: content.attachments } : {}),
  };
}
