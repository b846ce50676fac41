/**
 * An iCalendar file (RFC 5545) holding one all-day event: what an expiry reminder attaches.
 * A few lines of the standard rather than a library: TEXT escaping (§3.3.11), line folding at
 * 75 octets without splitting a UTF-8 character (§3.1), CRLF line ends, UID and DTSTAMP.
 */
import { addDays } from '../domain/dates.js';

export interface AllDayEvent {
  /** Stable per subject: a later file for the same subject updates the event instead of adding one. */
  uid: string;
  /** Grows with each revision: a calendar replaces its copy of the event with a file of a higher one (§3.8.7.4). */
  sequence: number;
  /** `YYYY-MM-DD` */
  date: string;
  summary: string;
  description: string;
  url: string;
  /** ISO instant the file is made. */
  stamp: string;
  /** Names the producer in PRODID. */
  producer: string;
}

const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
const basicDate = (isoDate: string) => isoDate.replace(/-/g, '');
const basicInstant = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const encoder = new TextEncoder();

/** Splits a content line into lines of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function allDayEventCalendar(event: AllDayEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${escapeText(event.producer)}//Credentialing//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${basicInstant(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
    `DTEND;VALUE=DATE:${basicDate(addDays(event.date, 1))}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${event.url}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
