/**
 * A small PDF writer for generated test and bench files: numbered objects (dictionary plus optional
 * stream), written either the classic way (every object in the open, `xref` table, `trailer`) or
 * the PDF 1.5+ way (dictionaries packed into FlateDecode object streams, an XRef stream).
 */
import { deflateSync } from 'node:zlib';

export interface PdfObject {
  dictionary: string;
  stream?: Buffer;
}

export interface PdfLayout {
  /** Pack stream-less objects into object streams of this many objects (PDF 1.5+ layout). */
  objectStreamSize?: number;
  /** Write each stream's /Length as an indirect object after the stream (as some writers do). */
  indirectLengths?: boolean;
  /** Bytes before `%PDF-` (readers allow up to 1024). */
  preamble?: Buffer;
  /** Objects that stay out of object streams even without a stream (an encryption dictionary). */
  keepInTheOpen?: (object: PdfObject) => boolean;
  /** What an object stream's data becomes (ciphertext, for an encrypted file); deflated by default. */
  packedData?: (plain: string) => Buffer;
  version?: string;
}

export class PdfWriter {
  private readonly objects: PdfObject[];

  constructor(objects: PdfObject[] = []) {
    this.objects = [...objects];
  }

  /** Adds an object and returns its number. */
  add(object: PdfObject): number {
    this.objects.push(object);
    return this.objects.length;
  }

  /** Reserves a number for an object written later with `set` (for forward references). */
  reserve(): number {
    return this.add({ dictionary: 'null' });
  }

  set(number: number, object: PdfObject): void {
    this.objects[number - 1] = object;
  }

  get nextNumber(): number {
    return this.objects.length + 1;
  }

  write(trailer: string, layout: PdfLayout = {}): Buffer {
    const header = Buffer.concat([layout.preamble ?? Buffer.alloc(0), Buffer.from(`%PDF-${layout.version ?? '1.7'}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')]);
    return layout.objectStreamSize ? this.writePacked(header, trailer, layout) : this.writeClassic(header, trailer, layout);
  }

  private writeClassic(header: Buffer, trailer: string, layout: PdfLayout): Buffer {
    const parts: Buffer[] = [header];
    let offset = header.length;
    const offsets: number[] = [];
    let count = this.objects.length;
    const emit = (number: number, bytes: Buffer) => {
      offsets[number] = offset;
      parts.push(bytes);
      offset += bytes.length;
    };
    this.objects.forEach((object, index) => {
      if (layout.indirectLengths && object.stream) {
        const lengthNumber = (count += 1);
        emit(index + 1, objectBytes(index + 1, object, `${lengthNumber} 0 R`));
        emit(lengthNumber, Buffer.from(`${lengthNumber} 0 obj\n${object.stream.length}\nendobj\n`, 'latin1'));
      } else {
        emit(index + 1, objectBytes(index + 1, object));
      }
    });
    const rows = offsets.slice(1).map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
    const xref = `xref\n0 ${count + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${count + 1} ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`;
    return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
  }

  private writePacked(header: Buffer, trailer: string, layout: PdfLayout): Buffer {
    const perStream = layout.objectStreamSize ?? 100;
    const packable = this.objects.map((object, index) => ({ number: index + 1, object })).filter(({ object }) => !object.stream && !layout.keepInTheOpen?.(object));
    const location = new Map<number, [stream: number, index: number]>();
    const streams: PdfObject[] = [];
    for (let at = 0; at < packable.length; at += perStream) {
      const group = packable.slice(at, at + perStream);
      const streamNumber = this.objects.length + streams.length + 1;
      let body = '';
      const offsets = group.map(({ number, object }, index) => {
        location.set(number, [streamNumber, index]);
        const entry = `${number} ${body.length}`;
        body += `${object.dictionary}\n`;
        return entry;
      });
      const head = `${offsets.join(' ')}\n`;
      const data = layout.packedData ? layout.packedData(head + body) : deflateSync(head + body);
      streams.push({ dictionary: `<< /Type /ObjStm /N ${group.length} /First ${head.length} /Filter /FlateDecode /Length ${data.length} >>`, stream: data });
    }
    const all = [...this.objects, ...streams];
    const parts: Buffer[] = [header];
    let offset = header.length;
    const row = (type: number, field2: number, field3: number) => {
      const bytes = Buffer.alloc(7);
      bytes.writeUInt8(type, 0);
      bytes.writeUInt32BE(field2, 1);
      bytes.writeUInt16BE(field3, 5);
      return bytes;
    };
    const rows = [row(0, 0, 0xffff)];
    all.forEach((object, index) => {
      const packed = location.get(index + 1);
      if (packed) {
        rows.push(row(2, packed[0], packed[1]));
        return;
      }
      rows.push(row(1, offset, 0));
      const bytes = objectBytes(index + 1, object);
      parts.push(bytes);
      offset += bytes.length;
    });
    const xrefNumber = all.length + 1;
    const table = deflateSync(Buffer.concat([...rows, row(1, offset, 0)]));
    const xref = `<< /Type /XRef /Size ${xrefNumber + 1} /W [1 4 2] ${trailer} /Filter /FlateDecode /Length ${table.length} >>`;
    parts.push(objectBytes(xrefNumber, { dictionary: xref, stream: table }), Buffer.from(`startxref\n${offset}\n%%EOF\n`));
    return Buffer.concat(parts);
  }
}

function objectBytes(number: number, { dictionary, stream }: PdfObject, indirectLength?: string): Buffer {
  if (!stream) return Buffer.from(`${number} 0 obj\n${dictionary}\nendobj\n`, 'latin1');
  const withLength = /\/Length(?![0-9A-Za-z])/.test(dictionary) ? dictionary : dictionary.replace(/>>\s*$/, ` /Length ${indirectLength ?? stream.length} >>`);
  return Buffer.concat([Buffer.from(`${number} 0 obj\n${withLength}\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n')]);
}
