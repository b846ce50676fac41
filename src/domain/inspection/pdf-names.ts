/**
 * The PDF names and keywords the scanner reacts to, recognised from their bytes without building
 * strings: the lexer hashes each name as it reads it (after decoding `#xx` escapes, so
 * `/J#61vaScript` is `/JavaScript`), and a hit is confirmed byte by byte.
 */

/** Names the structure check reads. */
export const NAME = {
  Type: 1, Page: 2, Pages: 3, Catalog: 4, ObjStm: 5, XRef: 6, Length: 7, Filter: 8, FlateDecode: 9,
  DecodeParms: 10, Root: 11, Encrypt: 12, ID: 13, N: 14, First: 15, W: 16, Index: 17, Prev: 18,
  Standard: 19, V: 20, R: 21, O: 22, U: 23, OE: 24, UE: 25, P: 26, EncryptMetadata: 27, Fl: 28, Kids: 29,
  // Active content: scripts, launching programs, attachments, Flash/3D media, XFA forms.
  JS: 40, JavaScript: 41, Launch: 42, EmbeddedFile: 43, EmbeddedFiles: 44, FileAttachment: 45, RichMedia: 46, XFA: 47,
} as const;
export type NameId = (typeof NAME)[keyof typeof NAME];

export const FIRST_ACTIVE_NAME = NAME.JS;

export const KEYWORD = { obj: 1, endobj: 2, stream: 3, endstream: 4, xref: 5, trailer: 6, startxref: 7, R: 8, true: 9, false: 10 } as const;
export type KeywordId = (typeof KEYWORD)[keyof typeof KEYWORD];

/** The hash the lexer computes incrementally: FNV-1a over the decoded bytes. */
export function hashStep(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, 16777619);
}
export const HASH_SEED = -2128831035; // 2166136261 as an int32, so hashes stay small integers

interface Entry {
  id: number;
  bytes: Buffer;
}

function table(words: Record<string, number>): Map<number, Entry> {
  const map = new Map<number, Entry>();
  for (const [word, id] of Object.entries(words)) {
    const bytes = Buffer.from(word, 'latin1');
    let hash = HASH_SEED;
    for (const byte of bytes) hash = hashStep(hash, byte);
    if (map.has(hash)) throw new Error(`hash collision for ${word}`);
    map.set(hash, { id, bytes });
  }
  return map;
}

const NAMES = table(NAME);
const KEYWORDS = table(KEYWORD);

function lookup(map: Map<number, Entry>, hash: number, bytes: Uint8Array, length: number): number {
  const entry = map.get(hash);
  if (!entry || entry.bytes.length !== length) return 0;
  for (let i = 0; i < length; i += 1) if (entry.bytes[i] !== bytes[i]) return 0;
  return entry.id;
}

/** The id of the name held in `bytes[0, length)`, or 0 for any other name. */
export function nameId(hash: number, bytes: Uint8Array, length: number): number {
  return lookup(NAMES, hash, bytes, length);
}

export function keywordId(hash: number, bytes: Uint8Array, length: number): number {
  return lookup(KEYWORDS, hash, bytes, length);
}
