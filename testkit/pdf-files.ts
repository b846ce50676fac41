/**
 * PDFs for the active-content and repair rules: scripts, launch actions, attachments, rich media
 * and XFA in every place a reader finds them (catalog, name tree, annotations, form fields,
 * object streams, hex-escaped names); honest forms; and the damage viewers repair (wrong or missing
 * cross-references, junk before the header) next to the damage they cannot (no trailer).
 */
import { deflateSync } from 'node:zlib';
import { makePdf } from './files.js';
import { PdfWriter, type PdfLayout } from './pdf-writer.js';

/** A one-page document; `extra` adds objects and returns catalog and page entries to splice in. */
function onePage(extra: (writer: PdfWriter) => { catalog?: string; page?: string } = () => ({}), layout: PdfLayout = {}): Buffer {
  const writer = new PdfWriter();
  const catalog = writer.reserve();
  const pages = writer.reserve();
  const page = writer.reserve();
  const font = writer.add({ dictionary: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' });
  const content = writer.add({ dictionary: '<< /Filter /FlateDecode >>', stream: deflateSync('BT /F1 18 Tf 72 720 Td (State medical license) Tj ET') });
  const entries = extra(writer);
  writer.set(catalog, { dictionary: `<< /Type /Catalog /Pages ${pages} 0 R ${entries.catalog ?? ''} >>` });
  writer.set(pages, { dictionary: `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>` });
  writer.set(page, { dictionary: `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R ${entries.page ?? ''} >>` });
  return writer.write(`/Root ${catalog} 0 R`, layout);
}

export type ActiveContent =
  | 'open-action-javascript'
  | 'names-javascript'
  | 'link-javascript'
  | 'hex-escaped-javascript'
  | 'javascript-in-object-stream'
  | 'launch'
  | 'embedded-file'
  | 'file-attachment-annotation'
  | 'rich-media'
  | 'xfa'
  | 'form-field-format-script';

const SCRIPT = '(app.launchURL\\("https://evil.example/"\\);)';

/** A PDF carrying one kind of active content, where real files carry it. */
export function makeActivePdf(kind: ActiveContent): Buffer {
  switch (kind) {
    case 'open-action-javascript':
      return onePage((w) => ({ catalog: `/OpenAction ${w.add({ dictionary: `<< /Type /Action /S /JavaScript /JS ${SCRIPT} >>` })} 0 R` }));
    case 'names-javascript':
      return onePage((w) => {
        const action = w.add({ dictionary: `<< /S /JavaScript /JS ${SCRIPT} >>` });
        return { catalog: `/Names << /JavaScript << /Names [(init) ${action} 0 R] >> >>` };
      });
    case 'link-javascript':
      return onePage((w) => ({ page: `/Annots [${w.add({ dictionary: `<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /JavaScript /JS ${SCRIPT} >> >>` })} 0 R]` }));
    case 'hex-escaped-javascript':
      return onePage(() => ({ catalog: `/OpenAction << /S /J#61vaScript /J#53 ${SCRIPT} >>` }));
    case 'javascript-in-object-stream':
      return onePage((w) => ({ catalog: `/AA << /WC ${w.add({ dictionary: `<< /S /JavaScript /JS ${SCRIPT} >>` })} 0 R >>` }), { objectStreamSize: 10 });
    case 'launch':
      return onePage(() => ({ catalog: '/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>' }));
    case 'embedded-file':
      return onePage((w) => {
        const file = w.add({ dictionary: '<< /Type /EmbeddedFile /Subtype /application#2Fx-msdownload >>', stream: Buffer.from('MZ not really a program') });
        const spec = w.add({ dictionary: `<< /Type /Filespec /F (setup.exe) /EF << /F ${file} 0 R >> >>` });
        return { catalog: `/Names << /EmbeddedFiles << /Names [(setup.exe) ${spec} 0 R] >> >>` };
      });
    case 'file-attachment-annotation':
      return onePage((w) => ({ page: `/Annots [${w.add({ dictionary: '<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS << /Type /Filespec /F (notes.txt) >> >>' })} 0 R]` }));
    case 'rich-media':
      return onePage((w) => ({ page: `/Annots [${w.add({ dictionary: '<< /Type /Annot /Subtype /RichMedia /Rect [0 0 200 200] /RichMediaContent << /Assets << /Names [] >> >> >>' })} 0 R]` }));
    case 'xfa':
      return onePage((w) => ({ catalog: `/AcroForm << /Fields [] /XFA ${w.add({ dictionary: '<< >>', stream: Buffer.from('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"></xdp:xdp>') })} 0 R >>` }));
    case 'form-field-format-script':
      return makeFormPdf({ formatScript: true });
  }
}

/**
 * A fillable form as state boards publish them: AcroForm, text fields with widget annotations,
 * appearance streams. With `formatScript`, the number field formats itself with JavaScript
 * (AFNumber_Format), as Acrobat writes it.
 */
export function makeFormPdf({ formatScript = false } = {}): Buffer {
  return onePage((w) => {
    const appearance = w.add({ dictionary: '<< /Type /XObject /Subtype /Form /BBox [0 0 200 20] >>', stream: Buffer.from('/Tx BMC EMC') });
    const actions = formatScript ? '/AA << /F << /S /JavaScript /JS (AFNumber_Format\\(0, 0, 0, 0, "", true\\);) >> >>' : '';
    const name = w.add({ dictionary: `<< /Type /Annot /Subtype /Widget /FT /Tx /T (LicenseeName) /Rect [72 600 272 620] /F 4 /AP << /N ${appearance} 0 R >> /DA (/Helv 10 Tf 0 g) >>` });
    const fee = w.add({ dictionary: `<< /Type /Annot /Subtype /Widget /FT /Tx /T (Fee) /Rect [72 560 172 580] /F 4 /AP << /N ${appearance} 0 R >> ${actions} >>` });
    const view = '/OpenAction [3 0 R /Fit]';
    return { catalog: `/AcroForm << /Fields [${name} 0 R ${fee} 0 R] /NeedAppearances true /DA (/Helv 0 Tf 0 g) >> ${view}`, page: `/Annots [${name} 0 R ${fee} 0 R]` };
  });
}

/** A PDF whose /OpenAction only sets the view (page 1, fit to window): not active content. */
export const makePdfWithViewOpenAction = () => onePage(() => ({ catalog: '/OpenAction [3 0 R /Fit] /PageMode /UseOutlines' }));

// ---------------------------------------------------------------- damage viewers repair, and damage they cannot

const edit = (pdf: Buffer, change: (text: string) => string) => Buffer.from(change(pdf.toString('latin1')), 'latin1');

/** The cross-reference table lost its `xref` keyword; startxref points at nothing. */
export const makePdfWithoutXrefKeyword = () => edit(makePdf({ pages: 2 }), (text) => text.replace(/\nxref\n/, '\n'));
/** Every offset is wrong by 7 bytes (a file whose header a tool rewrote without fixing offsets). */
export const makePdfWithWrongXrefOffsets = () =>
  edit(makePdf({ pages: 2 }), (text) =>
    text
      .replace(/(\d{10}) 00000 n/g, (_, offset: string) => `${String(Number(offset) + 7).padStart(10, '0')} 00000 n`)
      .replace(/startxref\n(\d+)/, (_, offset: string) => `startxref\n${Number(offset) + 7}`),
  );
/** A stream whose /Length is a few bytes short (the data still ends at `endstream`). */
export const makePdfWithWrongStreamLength = () => edit(makePdf({ pages: 1, padToBytes: 200_000 }), (text) => text.replace(/\/Length (\d{4,})/, (_, length: string) => `/Length ${Number(length) - 5000}`));
/** A few bytes before `%PDF-`, as mail gateways and old scanners leave them. */
export const makePdfWithJunkBeforeHeader = (junk = 'Scanned by OfficeJet Pro\r\n\r\n') => Buffer.concat([Buffer.from(junk, 'latin1'), makePdf({ pages: 1 })]);
/** A web page in front of a PDF: browsers sniff it as HTML (a polyglot). */
export const makeHtmlBeforePdf = () => makePdfWithJunkBeforeHeader('<html><body><script>alert(document.domain)</script></body></html>\n');
/** A PDF cut off before its cross-reference table and trailer: nothing names the catalog. */
export const makePdfWithoutTrailer = () => edit(makePdf({ pages: 2 }), (text) => text.slice(0, text.indexOf('\nxref\n') + 1));
