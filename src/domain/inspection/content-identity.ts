/**
 * What a file is, judged from its first bytes only (never from its name or declared type):
 * file-type for binary signatures, our own sniffing for text formats it does not report.
 */
import { fileTypeFromBuffer } from 'file-type';
import { CONTENT_TYPES, type ContentType } from '../catalog.js';
import { sniffText } from './text-sniffing.js';

/**
 * Kinds of file, used to tell "not what you said" (FORMAT_MISMATCH) from "the right kind of file,
 * in a format we do not take" (UNSUPPORTED_FORMAT). `office` holds word processing and the other
 * Office packages, including a bare ZIP, because a .docx is itself a ZIP package.
 */
export type FormatFamily = 'pdf' | 'image' | 'office' | 'other';

export interface ContentIdentity {
  /** Detected media type, or null when the bytes match nothing we know. */
  mime: string | null;
  /** The detected type when it is one of the formats we accept at all. */
  accepted: ContentType | null;
  family: FormatFamily | null;
  /** What it is, in words a physician understands ("a Windows program"). */
  description: string | null;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const DESCRIPTIONS: Record<string, string> = {
  'application/pdf': 'a PDF document',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/tiff': 'a TIFF image',
  [DOCX_MIME]: 'a Word document (.docx)',
  'image/gif': 'a GIF image',
  'image/bmp': 'a BMP image',
  'image/webp': 'a WebP image',
  'image/heic': 'an HEIC photo (the iPhone photo format)',
  'image/heif': 'an HEIF photo',
  'image/avif': 'an AVIF image',
  'image/apng': 'an animated PNG image',
  'image/svg+xml': 'an SVG drawing (which can contain scripts)',
  'image/jp2': 'a JPEG 2000 image',
  'image/jxl': 'a JPEG XL image',
  'image/vnd.adobe.photoshop': 'a Photoshop image',
  'application/x-msdownload': 'a Windows program',
  'application/x-msi': 'a Windows installer',
  'application/x-elf': 'a Linux program',
  'application/x-mach-binary': 'a Mac program',
  'application/java-archive': 'a Java program',
  'application/vnd.android.package-archive': 'an Android app',
  'application/wasm': 'a WebAssembly program',
  'text/x-script': 'a script (program code)',
  'text/html': 'a web page (HTML)',
  'application/xhtml+xml': 'a web page (XHTML)',
  'application/xml': 'an XML file',
  'text/plain': 'a plain text file',
  'application/zip': 'a ZIP archive',
  'application/rtf': 'a Rich Text (RTF) document',
  'application/msword': 'an older Word document (.doc)',
  'application/x-cfb': 'an older Microsoft Office file (.doc, .xls or .ppt)',
  'application/vnd.ms-word.document.macroenabled.12': 'a Word document with macros (.docm)',
  'application/vnd.ms-word.template.macroenabled.12': 'a Word template with macros (.dotm)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template': 'a Word template (.dotx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'an Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'a PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'an OpenDocument text file (.odt)',
  'application/postscript': 'a PostScript file',
};

export function familyOf(mime: string): FormatFamily {
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('image/')) return 'image';
  if (
    mime === 'application/zip' ||
    mime === 'application/rtf' ||
    mime === 'application/msword' ||
    mime === 'application/x-cfb' ||
    mime.startsWith('application/vnd.openxmlformats-officedocument.') ||
    mime.startsWith('application/vnd.ms-excel') ||
    mime.startsWith('application/vnd.ms-word') ||
    mime.startsWith('application/vnd.ms-powerpoint') ||
    mime.startsWith('application/vnd.oasis.opendocument.')
  ) {
    return 'office';
  }
  return 'other';
}

export function describeMime(mime: string, extension?: string): string {
  return DESCRIPTIONS[mime] ?? (extension ? `a ${extension.toUpperCase()} file` : `a file of type ${mime}`);
}

const ZIP_SIGNATURE = Buffer.from('504b0304', 'hex');
const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
/** Readers accept a PDF whose header comes after up to 1 024 bytes of something else. */
export const PDF_HEADER_WINDOW = 1024;

/**
 * `declared` only saves work: a ZIP declared as a Word document is judged from its central
 * directory (docx-check.ts), which is what Word trusts, so file-type need not read its entries.
 */
export async function identifyContent(head: Buffer, declared?: ContentType): Promise<ContentIdentity> {
  if (declared === DOCX_MIME && head.subarray(0, 4).equals(ZIP_SIGNATURE)) return identity('application/zip');
  const found = head.length > 0 ? ((await detectSignature(head)) ?? tiffBySignature(head)) : undefined;
  // file-type calls every XML file "xml" and knows no HTML or scripts; sniff those ourselves.
  let mime = found && found.mime !== 'application/xml' ? found.mime : (sniffText(head) ?? found?.mime ?? null);
  // Bytes before `%PDF-` (a mail header, a stray line) are allowed, unless they are themselves
  // something a browser would run: a web page, SVG or script stays what it is (a polyglot).
  if ((mime === null || mime === 'text/plain') && pdfHeaderAfterJunk(head)) mime = 'application/pdf';
  if (mime === null) return { mime: null, accepted: null, family: null, description: null };
  return identity(mime, found?.mime === mime ? found.ext : undefined);
}

function pdfHeaderAfterJunk(head: Buffer): boolean {
  const at = head.subarray(0, PDF_HEADER_WINDOW + PDF_HEADER.length).indexOf(PDF_HEADER);
  return at > 0 && at <= PDF_HEADER_WINDOW;
}

function identity(mime: string, extension?: string): ContentIdentity {
  return {
    mime,
    accepted: (CONTENT_TYPES as string[]).includes(mime) ? (mime as ContentType) : null,
    family: familyOf(mime),
    description: describeMime(mime, extension),
  };
}

/** file-type parses hostile bytes; if it ever throws, the file is simply unrecognised. */
async function detectSignature(head: Buffer): Promise<{ ext: string; mime: string } | undefined> {
  try {
    return await fileTypeFromBuffer(head);
  } catch {
    return undefined;
  }
}

const TIFF_SIGNATURES = ['49492a00', '4d4d002a', '49492b00', '4d4d002b'].map((hex) => Buffer.from(hex, 'hex'));

/**
 * file-type reads a TIFF's first directory to tell camera raw formats apart, and gives up when that
 * directory lies beyond the head (writers often put it after the pixels): fall back to the header.
 */
function tiffBySignature(head: Buffer): { ext: string; mime: string } | undefined {
  return TIFF_SIGNATURES.some((signature) => head.subarray(0, 4).equals(signature)) ? { ext: 'tif', mime: 'image/tiff' } : undefined;
}
