/**
 * Every sentence a physician may read about a refused file, in one place so the tone stays the
 * same: say what is wrong in everyday words, then what to do. No jargon (no "xref", no "IHDR").
 */
import { LIMITS, acceptedFormatsText, documentTypeSpec, formatLabel, type DocumentType } from '../catalog.js';

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  const value = bytes / MB;
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)} MB`;
}

function accepted(type: DocumentType): string {
  return acceptedFormatsText(type);
}

export const fileMessages = {
  empty: () => 'The file you uploaded is empty (0 bytes). Choose the file again and upload it.',

  tooLarge: (size: number) =>
    // "10.0 MB, larger than the 10 MB limit" would read as a contradiction just past the limit.
    (size < LIMITS.maxFileBytes + MB / 10
      ? `This file is just over the ${LIMITS.maxFileBytes / MB} MB limit. `
      : `This file is ${megabytes(size)}, larger than the ${LIMITS.maxFileBytes / MB} MB limit. `) +
    'Scan it at a lower resolution or save it as a smaller PDF, then upload it again.',

  sizeMismatch: (received: number, announced: number) =>
    `We received ${received} bytes, but your browser announced ${announced} bytes, so the upload may have been cut off. ` +
    'Upload the file again.',

  checksumMismatch: () =>
    'The file we received is not identical to the one you selected (its digital fingerprint differs); ' +
    'it may have been damaged or replaced during upload. Upload it again.',

  /** The bytes are not the kind of file the name says (a PNG, a program or a web page named .pdf). */
  formatMismatch: (declaredContentType: string, whatItIs: string | null) =>
    `This file is not a ${formatLabel(declaredContentType)} file, although its name says it is` +
    (whatItIs ? `: it contains ${whatItIs}. ` : ', and we could not recognise what it contains. ') +
    'Check that you chose the right file. If it is the right document, open it and save or export it as ' +
    `${formatLabel(declaredContentType)}, then upload it again.`,

  /** The right kind of file in a variant we never take (GIF for an image, .doc for Word). */
  unsupported: (type: DocumentType, whatItIs: string) =>
    `This file is ${whatItIs}, which we do not accept. Save or export it as one of ${accepted(type)} and upload it again.`,

  notAllowed: (type: DocumentType, declaredContentType: string) =>
    `${formatLabel(declaredContentType)} files are not accepted for a ${documentTypeSpec(type).label}. ` +
    `Accepted formats: ${accepted(type)}. Save it in one of these formats and upload it again.`,

  pdfDamaged: () =>
    'This PDF is damaged or incomplete, so reviewers could not open it reliably. Open it on your computer to ' +
    'check it, save or export it again as a PDF, and upload the new file.',

  pdfNoPages: () =>
    'This PDF has no pages we can read. Open it to check that it shows your document, save or export it ' +
    'again as a PDF, and upload the new file.',

  pdfEncrypted: () =>
    'This PDF is password-protected or encrypted, so reviewers cannot open it. Save a copy without a ' +
    'password (for example with "Print to PDF") and upload that copy.',

  pdfActiveContent: () =>
    'This PDF contains scripts or embedded files, which we cannot accept for security reasons. Open it and ' +
    'print it to a new PDF (File › Print › Save as PDF), then upload that file.',

  imageDamaged: (format: string) =>
    `This ${format} image is damaged or incomplete. Open it to check it, save or export it again ` +
    '(or scan the document again), and upload the new file.',

  imageTooManyPixels: (format: string, width: number, height: number) =>
    `This ${format} image is too large in pixels (${width.toLocaleString('en-US')} × ${height.toLocaleString('en-US')}); ` +
    `we accept at most ${(LIMITS.maxImagePixels / 1_000_000).toFixed(0)} megapixels. ` +
    'Scan it at a lower resolution (300 dpi is plenty) or save it as a PDF, and upload it again.',

  imageVariantUnsupported: (what: string) =>
    `This image is ${what}, which many viewers cannot open. Save or export it as PNG, JPEG or PDF and upload it again.`,

  docxDamaged: () =>
    'This Word document is damaged or incomplete. Open it in Word, save it again as a .docx (or as a PDF), ' +
    'and upload the new file.',

  docxTooLargeUnpacked: () =>
    `This Word document unpacks to more than ${LIMITS.maxDocxExpandedBytes / MB} MB, far more than a CV needs. ` +
    'Remove large embedded items or save it as a PDF, and upload it again.',

  officeVariantUnsupported: (what: string) =>
    `This file is ${what}, which we do not accept. Save it as a Word document (.docx) or as a PDF and upload it again.`,

  docxActiveContent: () =>
    'This Word document contains macros or embedded programs, which we do not accept. Save it as a regular ' +
    'Word document (.docx) without macros, or as a PDF, and upload it again.',

  docxExternalContent: () =>
    'This Word document loads content from outside the file (a linked template or object), which we cannot ' +
    'accept for security reasons. Save it as a PDF (File › Save As › PDF) and upload that file.',

  /** The malware scan found a threat: the file is quarantined and never opened here. */
  malwareDetected: () =>
    'Our virus scan found harmful software in this file, so we did not accept it and nobody here will open it. ' +
    'Do not send this copy again: check your computer with up-to-date antivirus software, then get a clean copy ' +
    'of the document (download it again from whoever issued it, or scan the paper original) and upload that file.',

  /** The malware scanner cannot look inside it (a password, a nested archive): we cannot take it unchecked. */
  notScannable: () =>
    'Our virus scan could not check this file (files protected by a password or packed inside other files cannot be ' +
    'checked), so we cannot accept it. Save the document as a plain PDF without a password (for example with ' +
    'File › Print › Save as PDF) and upload that file.',

  officeEncrypted: () =>
    'This document is password-protected, so reviewers cannot open it. Remove the password ' +
    '(in Word: File › Info › Protect Document), save it, and upload it again.',
} as const;
