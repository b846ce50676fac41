/**
 * The files the bench validates: realistic documents of every accepted format at about 1 MiB and
 * at the 10 MiB limit, and the PDF scanner's worst case. Built once per run (about 20 s).
 */
import { LIMITS, type ContentType, type DocumentType } from '../src/domain/catalog.js';
import { writeWithXrefTable } from '../testkit/files.js';
import { makePhotoJpeg, makeRichDocx, makeScannedPdf, makeScannedPng, makeScannedTiff, makeTextHeavyPdf } from '../testkit/realistic-files.js';
import { MiB } from './section.js';

export interface BenchFile {
  name: string;
  bytes: Buffer;
  contentType: ContentType;
  documentType: DocumentType;
  /** Largest acceptable ratio of validation time to SHA-256 time. */
  target: number;
}

/** Every realistic file of 1 MiB or more must validate within 1.25× the time of hashing it. */
export const REALISTIC_TARGET = 1.25;
/** A PDF made of nothing but small dictionaries: every byte goes through the tokenizer. */
export const WORST_CASE_TARGET = 3;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The PDF scanner's worst case: no stream data to skip, ~10 MiB of small dictionaries. */
export function allDictionariesPdf(): Buffer {
  const objects = [
    { dictionary: '<< /Type /Catalog /Pages 2 0 R >>' },
    { dictionary: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { dictionary: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>' },
  ];
  for (let i = 0; objects.length < 52_000; i += 1) {
    objects.push({ dictionary: `<< /Type /Annot /Subtype /Text /Rect [${i} 10 ${i + 20} 30] /Contents (Note ${i} on this credential) /F 4 /P 3 0 R >>` });
  }
  return writeWithXrefTable(objects, '/Root 1 0 R');
}

export function benchFiles(): BenchFile[] {
  const limit = LIMITS.maxFileBytes;
  const pdf = (name: string, bytes: Buffer, target = REALISTIC_TARGET): BenchFile => ({ name, bytes, contentType: 'application/pdf', documentType: 'MEDICAL_LICENSE', target });
  const image = (name: string, bytes: Buffer, contentType: ContentType): BenchFile => ({ name, bytes, contentType, documentType: 'MEDICAL_LICENSE', target: REALISTIC_TARGET });
  return [
    pdf('scanned PDF (JPEG page images)', makeScannedPdf(MiB + MiB / 2)),
    pdf('scanned PDF (JPEG page images)', makeScannedPdf(limit)),
    pdf('text-heavy PDF (content streams, fonts, links)', makeTextHeavyPdf(MiB + MiB / 4)),
    pdf('text-heavy PDF (content streams, fonts, links)', makeTextHeavyPdf(limit)),
    pdf('PDF 1.7 (object streams, XRef stream)', makeTextHeavyPdf(MiB + MiB / 4, { objectStreamSize: 100 })),
    pdf('PDF 1.7 (object streams, XRef stream)', makeTextHeavyPdf(limit, { objectStreamSize: 100 })),
    pdf('PDF of 52 000 small objects (worst case)', allDictionariesPdf(), WORST_CASE_TARGET),
    image('scanned PNG (8 KiB IDATs)', makeScannedPng(MiB + MiB / 4), 'image/png'),
    image('scanned PNG (8 KiB IDATs)', makeScannedPng(limit), 'image/png'),
    image('photo JPEG', makePhotoJpeg(MiB + MiB / 4), 'image/jpeg'),
    image('photo JPEG', makePhotoJpeg(4 * MiB), 'image/jpeg'),
    image('scanned TIFF (uncompressed)', makeScannedTiff(MiB + MiB / 4), 'image/tiff'),
    image('scanned TIFF (uncompressed)', makeScannedTiff(limit - 4096), 'image/tiff'),
    { name: 'DOCX CV with pictures', bytes: makeRichDocx(MiB + MiB / 4), contentType: DOCX, documentType: 'CURRICULUM_VITAE', target: REALISTIC_TARGET },
    { name: 'DOCX CV with pictures', bytes: makeRichDocx(8 * MiB), contentType: DOCX, documentType: 'CURRICULUM_VITAE', target: REALISTIC_TARGET },
  ];
}
