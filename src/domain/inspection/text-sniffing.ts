/**
 * Recognises text formats that magic-byte libraries leave alone: web pages, SVG, scripts, plain
 * text. These matter because an HTML or SVG file named ".pdf" runs script when a reviewer opens it.
 * The HTML tag list follows the WHATWG MIME Sniffing standard (what browsers themselves use).
 */

const SNIFF_BYTES = 4096;

const HTML_OPENINGS = [
  '<!doctype html', '<html', '<head', '<script', '<iframe', '<h1', '<div', '<font', '<table', '<a',
  '<style', '<title', '<b', '<body', '<br', '<p', '<!--',
];

export type SniffedText =
  | 'text/html'
  | 'application/xhtml+xml'
  | 'image/svg+xml'
  | 'application/xml'
  | 'text/x-script'
  | 'text/plain';

export function sniffText(head: Buffer): SniffedText | null {
  const sample = head.subarray(0, SNIFF_BYTES);
  if (sample.length === 0 || sample.includes(0)) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  const lower = start.toLowerCase();

  if (start.startsWith('#!') || lower.startsWith('<?php')) return 'text/x-script';
  if (lower.startsWith('<?xml')) return xmlDialect(lower);
  if (lower.startsWith('<svg')) return 'image/svg+xml';
  if (HTML_OPENINGS.some((tag) => lower.startsWith(tag) && /^[ >]/.test(lower.charAt(tag.length)))) return 'text/html';
  return looksLikeText(text) ? 'text/plain' : null;
}

/** The root element decides what an XML file is: `<svg>` draws (and scripts), `<html>` is a page. */
function xmlDialect(lower: string): SniffedText {
  const root = /<(?![?!])([a-z][\w.-]*:)?([a-z][\w.-]*)/.exec(lower.slice(5));
  if (root?.[2] === 'svg') return 'image/svg+xml';
  if (root?.[2] === 'html') return 'application/xhtml+xml';
  return 'application/xml';
}

/** Mostly printable characters and no replacement characters from invalid UTF-8. */
function looksLikeText(text: string): boolean {
  if (text.length === 0) return false;
  let unusual = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t' && char !== '\f')) unusual += 1;
  }
  return unusual / text.length < 0.02;
}
