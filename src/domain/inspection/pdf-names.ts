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

/** Open addressing on the hash: ids and bytes of the known words, looked up without allocating. */
class WordTable {
  private readonly ids = new Int32Array(1024);
  private readonly hashes = new Int32Array(1024);
  private readonly words: Buffer[] = [];

  constructor(words: Record<string, number>) {
    for (const [word, id] of Object.entries(words)) {
      const bytes = Buffer.from(word, 'latin1');
      let hash = HASH_SEED;
      for (const byte of bytes) hash = hashStep(hash, byte);
      let slot = hash & 1023;
      while (this.ids[slot] !== 0) slot = (slot + 1) & 1023;
      this.ids[slot] = id;
      this.hashes[slot] = hash;
      this.words[id] = bytes;
    }
  }

  find(hash: number, bytes: Uint8Array, length: number): number {
    for (let slot = hash & 1023; this.ids[slot] !== 0; slot = (slot + 1) & 1023) {
      if (this.hashes[slot] !== hash) continue;
      const id = this.ids[slot]!;
      const word = this.words[id]!;
      if (word.length !== length) return 0;
      for (let i = 0; i < length; i += 1) if (word[i] !== bytes[i]) return 0;
      return id;
    }
    return 0;
  }
}

const NAMES = new WordTable(NAME);
const KEYWORDS = new WordTable(KEYWORD);

/** The id of the name held in `bytes[0, length)`, or 0 for any other name. */
export function nameId(hash: number, bytes: Uint8Array, length: number): number {
  return NAMES.find(hash, bytes, length);
}

export function keywordId(hash: number, bytes: Uint8Array, length: number): number {
  return KEYWORDS.find(hash, bytes, length);
}
