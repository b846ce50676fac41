/**
 * DOCX check, from the ZIP central directory in the tail buffer: a well-formed Office Open XML
 * word-processing package ([Content_Types].xml, _rels/.rels, word/document.xml), no macros or
 * embedded programs, no external relationships other than hyperlinks (a remote template or object
 * is how "template injection" loads code when the document opens), and a modest unpacked size.
 * Nothing is inflated except [Content_Types].xml and the `*.rels` parts (kept as they stream past,
 * with small output caps), so a zip bomb costs us nothing.
 */
import { LIMITS } from '../catalog.js';
import type { FileEnds, StructureFinding, StructureScanner } from './structure-scanner.js';
import { corrupt } from './structure-scanner.js';
import { fileMessages } from './messages.js';
import { inflateRawSync } from 'node:zlib';
import { ENCRYPTED_FLAG, readEntry, readZipDirectory, type ZipEntry } from './zip-directory.js';
import { ZipPartCollector } from './zip-parts.js';

const DOCM_MIME = 'application/vnd.ms-word.document.macroenabled.12';
const MAIN_PART = 'word/document.xml';
const DOCX_MAIN_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;
/** Parts that hold macros, ActiveX controls or embedded OLE objects (which can carry programs). */
const ACTIVE_PARTS = [/(^|\/)vbaProject\.bin$/i, /(^|\/)vbaData\.xml$/i, /^word\/activeX\//i, /^word\/embeddings\/[^/]*\.bin$/i];
const ACTIVE_CONTENT_TYPES = /macroEnabled|vbaProject|activeX|oleObject/i;
const RELATIONSHIPS = /\.rels$/i;
const MAX_RELATIONSHIPS_BYTES = 1024 * 1024;

export class DocxCheck implements StructureScanner {
  readonly readsTail = true;
  private readonly relationships = new ZipPartCollector((name) => RELATIONSHIPS.test(name));

  push(chunk: Buffer): void {
    this.relationships.push(chunk);
  }

  finish(ends: FileEnds): StructureFinding | null {
    const directory = readZipDirectory(ends);
    if (!directory) return damaged();
    const entries = directory.entries;
    const names = new Set<string>();
    let unpacked = 0;
    for (const entry of entries) {
      const key = entry.name.toLowerCase();
      if (!isSafeName(entry.name) || names.has(key) || (entry.method !== 0 && entry.method !== 8)) return damaged();
      if (entry.localHeaderOffset + 30 + entry.compressedSize > directory.offset) return damaged();
      if (entry.flags & ENCRYPTED_FLAG) return { code: 'ENCRYPTED_FILE', message: fileMessages.officeEncrypted() };
      names.add(key);
      unpacked += entry.uncompressedSize;
    }
    if (entries.some((entry) => ACTIVE_PARTS.some((pattern) => pattern.test(entry.name)))) return activeContent();
    if (unpacked > LIMITS.maxDocxExpandedBytes) return corrupt(fileMessages.docxTooLargeUnpacked());

    const contentTypes = entries.find((entry) => entry.name === '[Content_Types].xml');
    if (!contentTypes) return notWord('a ZIP archive', 'application/zip');
    if (!names.has(MAIN_PART)) {
      if ([...names].some((name) => name.startsWith('xl/'))) return notWord('an Excel spreadsheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      if ([...names].some((name) => name.startsWith('ppt/'))) return notWord('a PowerPoint presentation', 'application/vnd.openxmlformats-officedocument.presentationml.presentation');
      return damaged();
    }
    if (!names.has('_rels/.rels')) return damaged();
    return judgeContentTypes(ends, contentTypes) ?? this.judgeRelationships(ends, entries.filter((entry) => RELATIONSHIPS.test(entry.name)));
  }

  /** Every relationship that leaves the package must be a hyperlink (a CV links to publications). */
  private judgeRelationships(ends: FileEnds, parts: ZipEntry[]): StructureFinding | null {
    for (const part of parts) {
      const xml = this.relationshipsXml(ends, part);
      if (xml === null) return damaged();
      for (const element of xml.matchAll(/<(?:\w+:)?Relationship\s([^>]*)>/g)) {
        const attributes = element[1] ?? '';
        if (!/TargetMode\s*=\s*["']External["']/.test(attributes)) continue;
        const type = /\sType\s*=\s*["']([^"']*)["']/.exec(` ${attributes}`)?.[1] ?? '';
        if (!type.endsWith('/hyperlink')) return { code: 'ACTIVE_CONTENT', message: fileMessages.docxExternalContent() };
      }
    }
    return null;
  }

  private relationshipsXml(ends: FileEnds, part: ZipEntry): string | null {
    const kept = this.relationships.parts.get(part.localHeaderOffset);
    if (!kept) {
      const read = readEntry(ends, part, MAX_RELATIONSHIPS_BYTES);
      return 'data' in read ? read.data.toString('utf8') : null;
    }
    if (part.method === 0) return kept.toString('utf8');
    try {
      return inflateRawSync(kept, { maxOutputLength: MAX_RELATIONSHIPS_BYTES }).toString('utf8');
    } catch {
      return null;
    }
  }
}

function judgeContentTypes(ends: FileEnds, entry: ZipEntry): StructureFinding | null {
  const read = readEntry(ends, entry, MAX_CONTENT_TYPES_BYTES);
  if ('problem' in read) return damaged();
  const xml = read.data.toString('utf8');
  if (!/<Types[\s>]/.test(xml)) return damaged();
  if (ACTIVE_CONTENT_TYPES.test(xml)) return activeContent();
  const mainType = overrideFor(xml, `/${MAIN_PART}`);
  if (mainType === DOCX_MAIN_TYPE) return null;
  if (mainType?.includes('wordprocessingml.template')) return notWord('a Word template (.dotx)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.template');
  return damaged();
}

/** The ContentType of the <Override> naming `partName` (part names compare case-insensitively). */
function overrideFor(xml: string, partName: string): string | undefined {
  for (const element of xml.matchAll(/<Override\s([^>]*)>/g)) {
    const attributes = new Map<string, string>();
    for (const attribute of (element[1] ?? '').matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set(attribute[1] ?? '', attribute[2] ?? attribute[3] ?? '');
    }
    if (attributes.get('PartName')?.toLowerCase() === partName) return attributes.get('ContentType');
  }
  return undefined;
}

/** No absolute paths, backslashes, `..` segments or control characters (zip-slip and look-alikes). */
function isSafeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.startsWith('/') || /[\\\u0000-\u001f]/.test(name) || /^[A-Za-z]:/.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..' || segment === '.');
}

function damaged(): StructureFinding {
  return corrupt(fileMessages.docxDamaged());
}

function activeContent(): StructureFinding {
  return { code: 'UNSUPPORTED_FORMAT', message: fileMessages.docxActiveContent(), detectedContentType: DOCM_MIME };
}

function notWord(what: string, detectedContentType: string): StructureFinding {
  return { code: 'UNSUPPORTED_FORMAT', message: fileMessages.officeVariantUnsupported(what), detectedContentType };
}
