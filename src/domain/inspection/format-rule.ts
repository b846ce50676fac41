/**
 * Which format code applies. Three facts are compared: what the bytes are (content-identity.ts),
 * what the provider declared (the content type her browser derived from the file name), and which
 * formats the document type takes (catalog). Formats come in families: PDF; images (PNG, JPEG,
 * TIFF, and GIF, HEIC, SVG, … which we do not take); office documents (DOCX, and .doc, .docm,
 * RTF, ODT, bare ZIP, … which we do not take).
 *
 *   1. The bytes are the declared format           → FORMAT_NOT_ALLOWED if the document type does
 *                                                    not take it (DOCX for a license), else the
 *                                                    format's structure check runs.
 *   2. The bytes are another format we accept       → FORMAT_MISMATCH  (a PNG named .pdf)
 *   3. The bytes are of another family, or cannot   → FORMAT_MISMATCH  (a program, web page, SVG,
 *      be identified                                                     script or GIF named .pdf)
 *   4. The bytes are of the declared family, in a   → FORMAT_NOT_ALLOWED if the type does not take
 *      format we never accept                         that family at all, else UNSUPPORTED_FORMAT
 *                                                    (a GIF or SVG named .png; .doc, .docm, RTF or
 *                                                    a bare ZIP named .docx)
 *
 * In short: FORMAT_MISMATCH says "this is not the kind of file its name claims; choose the right
 * file", UNSUPPORTED_FORMAT says "right kind of file, but a format we do not take; convert it".
 * ZIP and Compound File (legacy Office) containers named .docx are decided after their directory
 * is read: a real DOCX passes, a .docm is UNSUPPORTED_FORMAT, a password-protected .docx is
 * ENCRYPTED_FILE. Only one format issue is ever reported for a file.
 */
import { documentTypeSpec, type ContentType, type DocumentType } from '../catalog.js';
import { documentIssue, type DocumentIssue } from '../document-issues.js';
import { DOCX_MIME, familyOf, type ContentIdentity } from './content-identity.js';
import { fileMessages } from './messages.js';

export type StructureCheck = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'docx' | 'legacy-office';

export type FormatDecision = { issue: DocumentIssue; check?: never } | { check: StructureCheck; issue?: never };

const CHECK_FOR: Record<ContentType, StructureCheck> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/tiff': 'tiff',
  [DOCX_MIME]: 'docx',
};

export function decideFormat(identity: ContentIdentity, declared: ContentType, type: DocumentType): FormatDecision {
  const takes = documentTypeSpec(type).formats;
  const notAllowed = { issue: documentIssue('FORMAT_NOT_ALLOWED', fileMessages.notAllowed(type, declared)) };

  if (identity.accepted === declared) {
    return takes.includes(declared) ? { check: CHECK_FOR[declared] } : notAllowed;
  }
  if (identity.accepted !== null || identity.family !== familyOf(declared)) {
    return { issue: documentIssue('FORMAT_MISMATCH', fileMessages.formatMismatch(declared, identity.description)) };
  }
  if (!takes.includes(declared)) return notAllowed;
  if (declared === DOCX_MIME && identity.mime === 'application/zip') return { check: 'docx' };
  if (declared === DOCX_MIME && identity.mime === 'application/x-cfb') return { check: 'legacy-office' };
  return { issue: documentIssue('UNSUPPORTED_FORMAT', fileMessages.unsupported(type, identity.description ?? 'a file')) };
}
