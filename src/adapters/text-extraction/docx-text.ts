/**
 * The text of a Word document: its body (word/document.xml) and page headers, read through the
 * zip central directory with a bounded inflate. Paragraphs become lines; deleted revisions and
 * field codes are left out.
 */
import { readEntry, readZipDirectory } from '../../domain/inspection/zip-directory.js';

const MAX_PART_BYTES = 16 * 1024 * 1024;
const TEXT_PARTS = /^word\/(?:document|header\d*)\.xml$/;

export function docxText(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends = { head: buffer, tail: buffer, tailOffset: 0, size: buffer.length };
  const directory = readZipDirectory(ends);
  if (!directory) return null;
  const parts = directory.entries.filter((entry) => TEXT_PARTS.test(entry.name)).sort((a, b) => (a.name === 'word/document.xml' ? -1 : b.name === 'word/document.xml' ? 1 : 0));
  const texts: string[] = [];
  for (const part of parts) {
    const read = readEntry(ends, part, MAX_PART_BYTES);
    if ('data' in read) texts.push(xmlText(read.data.toString('utf8')));
  }
  return texts.length > 0 ? texts.join('\n') : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(xml: string): string {
  return xml
    .replace(/<w:(delText|instrText)\b[^>]*>[\s\S]*?<\/w:\1>/g, '')
    .replace(/<\/w:p>|<w:br\b[^>]*\/>|<w:cr\b[^>]*\/>/g, '\n')
    .replace(/<w:tab\b[^>]*\/>/g, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (entity, hex?: string, decimal?: string, name?: string) => {
      const code = hex ? Number.parseInt(hex, 16) : decimal ? Number(decimal) : NaN;
      if (!Number.isNaN(code)) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      return ENTITIES[name ?? ''] ?? entity;
    });
}
