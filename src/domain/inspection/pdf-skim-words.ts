/**
 * The words that make a skimmed region need the exact tokenizer: active-content names (scripts,
 * launch actions, attachments, rich media, XFA), encryption and cross-reference names, the
 * `xref` and `trailer` keywords, and /Type while the page tree is unseen. Found either from a
 * rare letter's hit and its neighbouring bytes (pdf-skim.ts), or as whole names (pdf-skim-walk.ts).
 */
import { keywordIs, matches, nameIs, word } from './pdf-bytes.js';

export const HASH = 0x23;
export const LETTER_J = 0x4a;
export const LETTER_h = 0x68;
export const LETTER_E = 0x45;
export const LETTER_X = 0x58;
export const LETTER_O = 0x4f;
export const LETTER_T = 0x54;
export const LETTER_x = 0x78;
export const LETTER_l = 0x6c;

const JS = word('JS');
const JAVASCRIPT = word('JavaScript');
const LAUNCH = word('Launch');
const FILE_ATTACHMENT = word('FileAttachment');
const RICH_MEDIA = word('RichMedia');
const EMBEDDED_FILE = word('EmbeddedFile');
const EMBEDDED_FILES = word('EmbeddedFiles');
const ENCRYPT = word('Encrypt');
const ENCRYPT_METADATA = word('EncryptMetadata');
const XFA = word('XFA');
const XREF_NAME = word('XRef');
const O = word('O');
const OE = word('OE');
const OBJSTM = word('ObjStm');
const TYPE = word('Type');
const XREF = word('xref');
const TRAILER = word('trailer');

/** Whether a hit of `letter` at `at` may belong to a watched word (from its neighbouring bytes): the tokenizer must read it. */
export function classify(bytes: Buffer, letter: number, at: number, end: number): boolean {
  switch (letter) {
    case HASH:
      return true; // an escaped name could spell anything
    case LETTER_J:
      return nameIs(bytes, at - 1, JS, end) || nameIs(bytes, at - 1, JAVASCRIPT, end);
    case LETTER_h:
      return nameIs(bytes, at - 6, LAUNCH, end) || nameIs(bytes, at - 10, FILE_ATTACHMENT, end) || nameIs(bytes, at - 4, RICH_MEDIA, end);
    case LETTER_E:
      return nameIs(bytes, at - 1, EMBEDDED_FILE, end) || nameIs(bytes, at - 1, EMBEDDED_FILES, end) || nameIs(bytes, at - 1, ENCRYPT, end) || nameIs(bytes, at - 1, ENCRYPT_METADATA, end);
    case LETTER_X:
      return nameIs(bytes, at - 1, XFA, end) || nameIs(bytes, at - 1, XREF_NAME, end);
    case LETTER_O:
      return nameIs(bytes, at - 1, O, end) || nameIs(bytes, at - 1, OE, end) || nameIs(bytes, at - 1, OBJSTM, end);
    case LETTER_T:
      return nameIs(bytes, at - 1, TYPE, end);
    case LETTER_x:
      // `xref` and the end of `startxref`, even run into other bytes: rare enough to read exactly.
      return matches(bytes, at, XREF);
    case LETTER_l:
      return keywordIs(bytes, at - 4, TRAILER, end);
    default:
      return true;
  }
}

const PACKED_LETTERS = [HASH, LETTER_J, LETTER_h, LETTER_E, LETTER_X];
const PACKED_LETTERS_WITH_TYPE = [...PACKED_LETTERS, LETTER_T];

/**
 * Whether the objects of a whole decoded object stream need the tokenizer: only if their bytes
 * spell an active name, an escape, or /Type while the page tree is still unseen. A byte-wise
 * superset of what tokenizing finds (a word inside a string counts here, and is then read exactly).
 */
export function packedObjectsNeedReading(bytes: Buffer, needKinds: boolean): boolean {
  for (const letter of needKinds ? PACKED_LETTERS_WITH_TYPE : PACKED_LETTERS) {
    for (let hit = bytes.indexOf(letter); hit >= 0; hit = bytes.indexOf(letter, hit + 1)) {
      if (classify(bytes, letter, hit, bytes.length + 1)) return true;
    }
  }
  return false;
}

/** A word searched for whole, and whether a hit at `at` needs the tokenizer. */
export interface WordProbe {
  readonly word: Buffer;
  readonly exact: (bytes: Buffer, at: number, end: number) => boolean;
}

/** `search` found at `at` is `skip` bytes into one of `names`. */
const nameProbe = (search: string, skip: number, ...names: Buffer[]): WordProbe => ({
  word: word(search),
  exact: (bytes, at, end) => names.some((name) => nameIs(bytes, at - skip - 1, name, end)),
});

/**
 * The same words as `classify` finds from its letters, searched for whole or by a part of up to
 * six bytes (Buffer.indexOf runs memchr on its first byte, so that byte should be rare): over a long region the letters hit in
 * every other object, and each hit is a search of its own.
 */
export const WORD_PROBES: readonly WordProbe[] = [
  { word: word('#'), exact: () => true },
  nameProbe('JS', 0, JS),
  nameProbe('Jav', 0, JAVASCRIPT),
  nameProbe('Launch', 0, LAUNCH),
  nameProbe('FileAt', 0, FILE_ATTACHMENT),
  nameProbe('hMedia', 3, RICH_MEDIA), // `R` starts every reference
  nameProbe('Embedd', 0, EMBEDDED_FILE, EMBEDDED_FILES),
  nameProbe('Encryp', 0, ENCRYPT, ENCRYPT_METADATA),
  nameProbe('XFA', 0, XFA),
  nameProbe('XRef', 0, XREF_NAME),
  nameProbe('O', 0, O, OE, OBJSTM),
  { word: XREF, exact: () => true },
  { word: word('railer'), exact: (bytes, at, end) => keywordIs(bytes, at - 1, TRAILER, end) }, // `t` is too common a first byte
  nameProbe('Type', 0, TYPE),
];

/** The WORD_PROBES of each letter of pdf-skim.ts's LETTERS (# J h E X O x l T). */
export const LETTER_WORDS: readonly (readonly number[])[] = [[0], [1, 2], [3, 4, 5], [6, 7], [8, 9], [10], [11], [12], [13]];

/**
 * Names the walk (pdf-skim-walk.ts) hands to the tokenizer: every name `classify` reacts to, and
 * the other names whose values the structure check reads in any object (/U, /UE, /ID, /Root).
 */
const WATCHED_BY_LENGTH: Buffer[][] = [];
for (const name of [JS, JAVASCRIPT, LAUNCH, FILE_ATTACHMENT, RICH_MEDIA, EMBEDDED_FILE, EMBEDDED_FILES, ENCRYPT, ENCRYPT_METADATA, XFA, XREF_NAME, O, OE, OBJSTM, ...['U', 'UE', 'ID', 'Root'].map(word)]) {
  (WATCHED_BY_LENGTH[name.length] ??= []).push(name);
}

/** Whether the name in `bytes[start, start + length)` (unescaped) is watched; /Type while kinds are needed. */
export function isWatchedName(bytes: Buffer, start: number, length: number, needKinds: boolean): boolean {
  if (needKinds && length === TYPE.length && matches(bytes, start, TYPE)) return true;
  const candidates = WATCHED_BY_LENGTH[length];
  if (!candidates) return false;
  for (const name of candidates) if (matches(bytes, start, name)) return true;
  return false;
}
