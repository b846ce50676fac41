/**
 * A generated corpus for measuring cross-check: credentialing documents of three providers
 * (license, DEA registration, board certificate, malpractice declarations, CV) as typed PDFs,
 * scans (PNG/JPEG/TIFF at 150–300 dpi with skew, noise and uneven lighting), image-only PDFs and
 * Word files, plus deliberate mismatches and unreadable pages, each with its ground truth.
 * Everything is drawn by code with pdf-lib's standard fonts and seeded, so it is reproducible.
 */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import type { ContentType, DocumentType } from '../src/domain/catalog.js';
import { expectedValues, type CrossCheckField, type CrossCheckStatus, type DocumentFacts, type ExpectedValue, type FieldStatus } from '../src/domain/cross-check/cross-check.js';
import { JURISDICTION_NAMES, type UsJurisdiction } from '../src/domain/jurisdictions.js';
import { makeDocx } from './files.js';
import { degrade, encodeScan, renderPage, type Degradation, type ScanEncoding } from './scan-rendering.js';
import { createCanvas } from '@napi-rs/canvas';

interface Profile {
  name: string;
  printedName: string;
  filedName: string;
  state: UsJurisdiction;
  city: string;
  license: string;
  licensePrinted: string;
  licenseAuthority: string;
  dea: string;
  deaAuthority: string;
  policy: string;
  policyPrinted: string;
  insurer: string;
  board: string;
  specialty: string;
}

const PROFILES: Profile[] = [
  {
    name: 'Emily Johnson', printedName: 'Emily R. Johnson, MD', filedName: 'JOHNSON, EMILY R MD', state: 'CA', city: '1200 J Street, Sacramento, CA 95814',
    license: 'A150032', licensePrinted: 'A 150032', licenseAuthority: 'Medical Board of California', dea: 'BJ4821737', deaAuthority: 'Drug Enforcement Administration',
    policy: 'PL-2024-558812', policyPrinted: 'PL-2024-558812', insurer: 'The Doctors Company', board: 'American Board of Internal Medicine', specialty: 'Internal Medicine',
  },
  {
    name: 'Michael Chen', printedName: 'MICHAEL CHEN, M.D.', filedName: 'CHEN, MICHAEL MD', state: 'NY', city: '89 Washington Avenue, Albany, NY 12234',
    license: '287451', licensePrinted: '287451', licenseAuthority: 'New York State Education Department', dea: 'FC3456781', deaAuthority: 'DEA',
    policy: 'MLMIC-77120934', policyPrinted: 'MLMIC 7712 0934', insurer: 'MLMIC Insurance Company', board: 'American Board of Pediatrics', specialty: 'Pediatrics',
  },
  {
    name: 'María Álvarez', printedName: 'Maria J. Alvarez, D.O.', filedName: 'ALVAREZ, MARIA J DO', state: 'TX', city: '6550 Fannin Street, Houston, TX 77030',
    license: 'Q4821', licensePrinted: 'Q-4821', licenseAuthority: 'Texas Medical Board', dea: 'MA2345672', deaAuthority: 'Drug Enforcement Administration',
    policy: 'TMLT-0913-22', policyPrinted: 'TMLT 0913-22', insurer: 'Texas Medical Liability Trust', board: 'American Board of Family Medicine', specialty: 'Family Medicine',
  },
];

const DATES: Record<Exclude<DocumentType, 'CURRICULUM_VITAE'>, { issueDate: string; expirationDate: string }> = {
  MEDICAL_LICENSE: { issueDate: '2020-01-15', expirationDate: '2027-06-30' },
  DEA_REGISTRATION: { issueDate: '2024-07-12', expirationDate: '2027-07-31' },
  BOARD_CERTIFICATION: { issueDate: '2019-08-20', expirationDate: '2029-12-31' },
  MALPRACTICE_INSURANCE: { issueDate: '2026-09-01', expirationDate: '2027-09-01' },
};

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DATE_STYLES: ((y: string, m: number, d: number) => string)[] = [
  (y, m, d) => `${pad(m)}/${pad(d)}/${y}`,
  (y, m, d) => `${MONTH_NAMES[m - 1]} ${d}, ${y}`,
  (y, m, d) => `${pad(d)}-${MONTH_NAMES[m - 1]!.slice(0, 3).toUpperCase()}-${y}`,
  (y, m, d) => `${y}-${pad(m)}-${pad(d)}`,
  (y, m, d) => `${MONTH_NAMES[m - 1]!.slice(0, 3)} ${d} ${y}`,
  (y, m, d) => `${d} ${MONTH_NAMES[m - 1]} ${y}`,
  (y, m, d) => `${pad(m)}-${pad(d)}-${y}`,
  (y, m, d) => `${m}/${d}/${y.slice(2)}`,
];
const pad = (n: number) => String(n).padStart(2, '0');

function formatDate(iso: string, style: number): string {
  const [y, m, d] = iso.split('-');
  return DATE_STYLES[style % DATE_STYLES.length]!(y!, Number(m), Number(d));
}

/** What the document prints where it differs from what she typed (the deliberate mismatches). */
interface Printed {
  dea?: string;
  expirationDate?: string;
  policy?: string;
}

type Line = { text: string; size?: number; font?: 'bold' | 'serif' | 'regular'; gap?: number };

function layout(type: DocumentType, p: Profile, style: number, printed: Printed): Line[] {
  const stateName = JURISDICTION_NAMES[p.state];
  const date = (iso: string, offset = 0) => formatDate(iso, style + offset);
  if (type === 'CURRICULUM_VITAE') {
    return [
      { text: p.printedName, size: 22, font: 'bold' }, { text: 'Curriculum Vitae', size: 14 }, { text: p.city, size: 10 },
      { text: 'Education', font: 'bold', gap: 28 }, { text: 'Doctor of Medicine, University School of Medicine, 2011' }, { text: 'Residency, ' + p.specialty + ', 2011 - 2014' },
      { text: 'Licensure', font: 'bold', gap: 24 }, { text: `${stateName} license ${p.licensePrinted}` }, { text: 'Board Certification', font: 'bold', gap: 24 }, { text: p.board },
      { text: 'Experience', font: 'bold', gap: 24 }, { text: 'Attending Physician, Community Medical Group, 2014 - present' },
    ];
  }
  const { issueDate, expirationDate } = DATES[type];
  const expires = printed.expirationDate ?? expirationDate;
  switch (type) {
    case 'MEDICAL_LICENSE':
      return [
        { text: `STATE OF ${stateName.toUpperCase()}`, size: 20, font: 'bold' }, { text: p.licenseAuthority, size: 16, font: 'serif' },
        { text: 'PHYSICIAN AND SURGEON LICENSE', size: 14, font: 'bold', gap: 30 }, { text: 'This is to certify that', gap: 26 },
        { text: p.printedName, size: 18, font: 'serif' }, { text: 'is duly licensed to practice medicine and surgery in this state.' },
        { text: `License Number: ${p.licensePrinted}`, gap: 30 }, { text: `Original Issue Date: ${date(issueDate, 1)}` },
        { text: `Expiration Date: ${date(expires)}` }, { text: 'Executive Director', gap: 40, size: 10 }, { text: p.city, size: 10 },
      ];
    case 'DEA_REGISTRATION':
      return [
        { text: 'UNITED STATES DEPARTMENT OF JUSTICE', size: 12, font: 'bold' }, { text: 'DRUG ENFORCEMENT ADMINISTRATION', size: 16, font: 'bold' },
        { text: 'CONTROLLED SUBSTANCE REGISTRATION CERTIFICATE', size: 12, gap: 24 },
        { text: `DEA REGISTRATION NUMBER   ${printed.dea ?? p.dea}`, gap: 30 }, { text: `THIS REGISTRATION EXPIRES   ${date(expires)}` },
        { text: 'FEE PAID   $888', size: 10 }, { text: 'SCHEDULES   2, 2N, 3, 3N, 4, 5', size: 10 }, { text: 'BUSINESS ACTIVITY   PRACTITIONER', size: 10 },
        { text: p.filedName, gap: 30 }, { text: p.city }, { text: `Date Issued: ${date(issueDate, 2)}`, gap: 24, size: 10 },
      ];
    case 'BOARD_CERTIFICATION':
      return [
        { text: `The ${p.board}`, size: 18, font: 'serif' }, { text: 'hereby certifies that', gap: 30 }, { text: p.printedName, size: 22, font: 'serif' },
        { text: 'has met all the requirements of this Board and is certified in', gap: 26 }, { text: p.specialty, size: 16, font: 'bold' },
        { text: `Certified: ${date(issueDate, 3)}`, gap: 30 }, { text: `Valid through ${date(expires)}` },
      ];
    case 'MALPRACTICE_INSURANCE':
      return [
        { text: p.insurer.toUpperCase(), size: 18, font: 'bold' }, { text: 'PROFESSIONAL LIABILITY INSURANCE - DECLARATIONS', size: 12 },
        { text: `Named Insured: ${p.printedName}`, gap: 30 }, { text: p.city, size: 10 }, { text: `Policy Number: ${printed.policy ?? p.policyPrinted}`, gap: 20 },
        { text: `Policy Period: ${date(issueDate)} to ${date(expires)}` }, { text: `Retroactive Date: ${date('2018-07-01')}` },
        { text: 'Limits of Liability: $1,000,000 each claim / $3,000,000 aggregate', size: 10, gap: 20 }, { text: 'Authorized Representative', size: 10, gap: 30 },
      ];
  }
}

async function typedPdf(lines: Line[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Record<NonNullable<Line['font']>, PDFFont> = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    serif: await doc.embedFont(StandardFonts.TimesRoman),
  };
  const page = doc.addPage([612, 792]);
  let y = 720;
  for (const line of lines) {
    const size = line.size ?? 12;
    y -= (line.gap ?? 8) + size;
    page.drawText(line.text, { x: 72, y, size, font: fonts[line.font ?? 'regular'] });
  }
  return doc.save({ useObjectStreams: false });
}

export type CorpusForm = 'typed PDF' | 'DOCX' | 'scan 300 dpi' | 'scan 150 dpi' | 'phone photo' | 'image-only PDF' | 'unreadable';

export interface CorpusDocument {
  id: string;
  form: CorpusForm;
  documentType: DocumentType;
  contentType: ContentType;
  /** What she typed: the document's details as the API takes them. */
  facts: DocumentFacts;
  /** The values the cross-check looks for, from those details and her name. */
  expected: ExpectedValue[];
  /** What a perfect reader would conclude, per field and overall. */
  truth: { status: CrossCheckStatus; fields: Partial<Record<CrossCheckField, FieldStatus>> };
  build(): Promise<Uint8Array>;
}

const TYPES: DocumentType[] = ['MEDICAL_LICENSE', 'DEA_REGISTRATION', 'BOARD_CERTIFICATION', 'MALPRACTICE_INSURANCE', 'CURRICULUM_VITAE'];
const CONTENT_TYPE: Record<ScanEncoding, ContentType> = { png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff', pdf: 'application/pdf' };

interface Spec {
  profile: number;
  type: DocumentType;
  form: CorpusForm;
  scan?: { dpi: number; encoding: ScanEncoding; degradation: Degradation; stamp?: string };
  printed?: Printed;
  mismatch?: CrossCheckField;
}

function typedFacts(type: DocumentType, p: Profile): DocumentFacts {
  const dates = type === 'CURRICULUM_VITAE' ? { issueDate: '2026-01-10', expirationDate: null } : DATES[type];
  const details: Record<string, string> = {};
  if (type === 'MEDICAL_LICENSE') Object.assign(details, { licenseNumber: p.license, jurisdiction: p.state });
  if (type === 'DEA_REGISTRATION') Object.assign(details, { deaNumber: p.dea, jurisdiction: p.state });
  if (type === 'MALPRACTICE_INSURANCE') details.policyNumber = p.policy;
  const issuingAuthority = { MEDICAL_LICENSE: p.licenseAuthority, DEA_REGISTRATION: p.deaAuthority, BOARD_CERTIFICATION: p.board, MALPRACTICE_INSURANCE: p.insurer, CURRICULUM_VITAE: '' }[type];
  return { documentType: type, ...dates, issuingAuthority, details };
}

function toDocument(spec: Spec, index: number): CorpusDocument {
  const p = PROFILES[spec.profile]!;
  const facts = typedFacts(spec.type, p);
  const expected = expectedValues(facts, p.name);
  const fields = Object.fromEntries(expected.map((value) => [value.field, value.field === spec.mismatch ? 'MISMATCH' : 'MATCH'])) as CorpusDocument['truth']['fields'];
  const style = spec.profile * 5 + TYPES.indexOf(spec.type);
  const id = `${String(index + 1).padStart(2, '0')}-${spec.type.toLowerCase().replace(/_/g, '-')}-p${spec.profile + 1}-${spec.form.replace(/\W+/g, '-')}${spec.mismatch ? `-wrong-${spec.mismatch}` : ''}`;
  const lines = layout(spec.type, p, style, spec.printed ?? {});
  const scan = spec.scan;
  return {
    id,
    form: spec.form,
    documentType: spec.type,
    contentType: spec.type === 'CURRICULUM_VITAE' && spec.form === 'DOCX' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : scan ? CONTENT_TYPE[scan.encoding] : 'application/pdf',
    facts,
    expected,
    truth: { status: spec.mismatch ? 'MISMATCH' : 'MATCH', fields },
    async build() {
      if (spec.form === 'DOCX') return makeDocx(lines.map((line) => line.text.replace(/&/g, '&amp;')));
      const pdf = await typedPdf(lines);
      if (!scan) return pdf;
      return encodeScan(degrade(await renderPage(pdf, scan.dpi), index + 1, scan.degradation), scan.encoding, scan.dpi, scan.stamp);
    },
  };
}

const SCANNER: Degradation = { skewDegrees: 1.5, noise: 10, unevenLight: 0.15 };
const PHONE: Degradation = { skewDegrees: -3.5, noise: 12, unevenLight: 0.45, blur: 0.8 };

function specs(): Spec[] {
  const list: Spec[] = [];
  const issued = TYPES.filter((type) => type !== 'CURRICULUM_VITAE');
  for (const [profile] of PROFILES.entries()) for (const type of TYPES) list.push({ profile, type, form: 'typed PDF' });
  for (const profile of [0, 1]) list.push({ profile, type: 'CURRICULUM_VITAE', form: 'DOCX' });
  for (const profile of [0, 1]) {
    for (const [i, type] of issued.entries()) {
      const skew = (i % 2 === 0 ? 1 : -1) * (1 + i * 0.5);
      list.push({ profile, type, form: 'scan 300 dpi', scan: { dpi: 300, encoding: i === 3 && profile === 0 ? 'tiff' : 'png', degradation: { ...SCANNER, skewDegrees: skew } } });
    }
  }
  for (const type of TYPES) {
    // A CV is taken as PDF or Word only: a scanned CV arrives as an image-only PDF.
    const encoding = type === 'CURRICULUM_VITAE' ? 'pdf' : 'jpeg';
    list.push({ profile: 2, type, form: 'scan 150 dpi', scan: { dpi: 150, encoding, degradation: SCANNER } });
  }
  list.push({ profile: 1, type: 'MEDICAL_LICENSE', form: 'image-only PDF', scan: { dpi: 300, encoding: 'pdf', degradation: SCANNER } });
  list.push({ profile: 2, type: 'DEA_REGISTRATION', form: 'image-only PDF', scan: { dpi: 200, encoding: 'pdf', degradation: SCANNER } });
  const fax = 'Received by fax 01/12/2026 14:02 from Sacramento office, page 1 of 1';
  list.push({ profile: 0, type: 'DEA_REGISTRATION', form: 'image-only PDF', scan: { dpi: 200, encoding: 'pdf', degradation: SCANNER, stamp: fax } });
  list.push({ profile: 1, type: 'DEA_REGISTRATION', form: 'phone photo', scan: { dpi: 200, encoding: 'jpeg', degradation: PHONE } });
  list.push({ profile: 0, type: 'MALPRACTICE_INSURANCE', form: 'phone photo', scan: { dpi: 200, encoding: 'jpeg', degradation: PHONE } });

  const otherDea = { dea: 'AB1234563' };
  list.push({ profile: 0, type: 'DEA_REGISTRATION', form: 'typed PDF', printed: otherDea, mismatch: 'deaNumber' });
  list.push({ profile: 1, type: 'MEDICAL_LICENSE', form: 'typed PDF', printed: { expirationDate: '2028-06-30' }, mismatch: 'expirationDate' });
  list.push({ profile: 2, type: 'MALPRACTICE_INSURANCE', form: 'typed PDF', printed: { policy: 'TMLT 5521-87' }, mismatch: 'policyNumber' });
  list.push({ profile: 1, type: 'DEA_REGISTRATION', form: 'scan 300 dpi', printed: otherDea, mismatch: 'deaNumber', scan: { dpi: 300, encoding: 'png', degradation: SCANNER } });
  list.push({ profile: 0, type: 'MEDICAL_LICENSE', form: 'scan 300 dpi', printed: { expirationDate: '2025-12-31' }, mismatch: 'expirationDate', scan: { dpi: 300, encoding: 'png', degradation: SCANNER } });
  list.push({ profile: 2, type: 'MALPRACTICE_INSURANCE', form: 'scan 150 dpi', printed: { expirationDate: '2026-03-15' }, mismatch: 'expirationDate', scan: { dpi: 150, encoding: 'jpeg', degradation: SCANNER } });
  return list;
}

function unreadable(index: number, id: string, contentType: ContentType, build: () => Promise<Uint8Array>): CorpusDocument {
  const p = PROFILES[0]!;
  const facts = typedFacts('MEDICAL_LICENSE', p);
  const expected = expectedValues(facts, p.name);
  return {
    id: `${String(index + 1).padStart(2, '0')}-${id}`,
    form: 'unreadable',
    documentType: 'MEDICAL_LICENSE',
    contentType,
    facts,
    expected,
    truth: { status: 'UNREADABLE', fields: Object.fromEntries(expected.map((value) => [value.field, 'NOT_FOUND'])) },
    build,
  };
}

async function blankPage(dpi: number, encoding: ScanEncoding, seed: number): Promise<Uint8Array> {
  const canvas = createCanvas(Math.round(8.5 * dpi), 11 * dpi);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  return encodeScan(degrade(canvas, seed, { noise: 6, unevenLight: 0.2 }), encoding, dpi);
}

/** The whole corpus, in a stable order; documents are built on demand. */
export function crossCheckCorpus(): CorpusDocument[] {
  const documents = specs().map(toDocument);
  const next = documents.length;
  const license = PROFILES[0]!;
  documents.push(
    unreadable(next, 'blank-page-png', 'image/png', () => blankPage(300, 'png', 101)),
    unreadable(next + 1, 'blank-scanned-pdf', 'application/pdf', () => blankPage(200, 'pdf', 102)),
    unreadable(next + 2, 'heavy-blur-jpeg', 'image/jpeg', async () => {
      const pdf = await typedPdf(layout('MEDICAL_LICENSE', license, 0, {}));
      return encodeScan(degrade(await renderPage(pdf, 150), 103, { blur: 9, noise: 8 }), 'jpeg', 150);
    }),
  );
  return documents;
}
