/**
 * What a PDF's dictionaries tell the structure check, gathered token by token (the lexer's sink)
 * wherever objects are found: in the open, or inside object streams. Tracks container nesting, so
 * it tells a key from a value and an object's own dictionary (depth 1) from those nested in it.
 */
import { ARRAY, DICT, type TokenSink } from './pdf-lexer.js';
import { FIRST_ACTIVE_NAME, KEYWORD, NAME } from './pdf-names.js';

export interface ObjectKinds {
  page: boolean;
  pages: boolean;
  catalog: boolean;
}

const MAX_DEPTH = 64;

export class DictionaryReader implements TokenSink {
  protected depth = 0;
  private readonly kinds = new Uint8Array(MAX_DEPTH + 1);
  private readonly expectKey = new Uint8Array(MAX_DEPTH + 1);
  /** The key whose value is being read in the object's own dictionary (depth 1), or 0. */
  protected key = 0;
  /** Position inside an array that is the value of `key` (for /ID and /W). */
  protected arrayIndex = 0;
  protected lastInteger = -1;
  /** Scripts, launch actions, attachments, rich media or XFA were named. */
  activeContent = false;
  readonly seen: ObjectKinds = { page: false, pages: false, catalog: false };

  number(value: number, integer: boolean, offset: number): void {
    if (this.inKeyPosition()) return; // the generation number of `N G R`
    this.lastInteger = integer ? value : -1;
    if (this.depth === 1) this.onValue(value, integer);
    else if (this.depth === 2 && this.kinds[1] === DICT && this.kinds[2] === ARRAY) this.onArrayNumber(value);
    else if (this.depth === 0) this.onTopNumber(value, integer, offset);
    this.endValue();
  }

  name(id: number): void {
    if (id >= FIRST_ACTIVE_NAME) this.activeContent = true;
    if (this.inKeyPosition()) {
      this.expectKey[this.depth] = 0;
      if (this.depth === 1) this.key = id;
      return;
    }
    if (this.depth === 1) {
      if (this.key === NAME.Type) this.typeOf(id);
      this.onName(id);
    } else if (this.depth === 2 && this.kinds[2] === ARRAY) {
      this.onArrayName(id);
    }
    this.endValue();
  }

  keyword(id: number, offset: number): void {
    if (this.depth === 0) {
      this.onTopKeyword(id, offset);
      return;
    }
    if (id === KEYWORD.R) {
      if (this.depth === 1) this.onReference(this.lastInteger);
      return; // `N G` were read as a value and a stray key position; R closes the reference
    }
    if (id === KEYWORD.endobj || id === KEYWORD.stream || id === KEYWORD.obj || id === KEYWORD.xref || id === KEYWORD.trailer || id === KEYWORD.startxref) {
      // A structural keyword inside an unclosed dictionary: the object was damaged; resynchronise.
      this.depth = 0;
      this.onTopKeyword(id, offset);
      return;
    }
    this.endValue();
  }

  open(kind: typeof DICT | typeof ARRAY): void {
    if (this.inKeyPosition()) this.expectKey[this.depth] = 0; // damage: a container where a key belongs
    this.depth += 1;
    if (this.depth <= MAX_DEPTH) {
      this.kinds[this.depth] = kind;
      this.expectKey[this.depth] = kind === DICT ? 1 : 0;
    }
    if (this.depth === 2) this.arrayIndex = 0;
    if (this.depth === 1) this.key = 0;
  }

  close(kind: typeof DICT | typeof ARRAY): void {
    if (this.depth === 0) return;
    if (this.depth <= MAX_DEPTH && this.kinds[this.depth] !== kind) return; // mismatched bracket: skip it
    this.depth -= 1;
    if (this.depth === 0) this.onTopLevelClosed(kind);
    this.endValue();
  }

  wantsString(): boolean {
    return false;
  }

  string(bytes: Buffer | null): void {
    if (this.inKeyPosition()) return;
    if (bytes && this.depth === 1) this.onString(bytes);
    else if (bytes && this.depth === 2 && this.kinds[2] === ARRAY) this.onArrayString(bytes);
    this.endValue();
  }

  protected inKeyPosition(): boolean {
    return this.depth > 0 && this.depth <= MAX_DEPTH && this.kinds[this.depth] === DICT && this.expectKey[this.depth] === 1;
  }

  /** Whether the value being read belongs directly to `key` in a depth-1 dictionary. */
  protected get inOwnDictionary(): boolean {
    return this.kinds[1] === DICT;
  }

  protected resetNesting(): void {
    this.depth = 0;
    this.key = 0;
  }

  private endValue(): void {
    if (this.depth === 0 || this.depth > MAX_DEPTH) return;
    if (this.kinds[this.depth] === DICT) this.expectKey[this.depth] = 1;
    else if (this.depth === 2) this.arrayIndex += 1;
  }

  private typeOf(id: number): void {
    if (id === NAME.Page) this.seen.page = true;
    else if (id === NAME.Pages) this.seen.pages = true;
    else if (id === NAME.Catalog) this.seen.catalog = true;
  }

  // Hooks for what a subclass reads; the defaults ignore the value.
  protected onValue(_value: number, _integer: boolean): void {}
  protected onName(_id: number): void {}
  protected onString(_bytes: Buffer): void {}
  protected onReference(_objectNumber: number): void {}
  protected onArrayNumber(_value: number): void {}
  protected onArrayName(_id: number): void {}
  protected onArrayString(_bytes: Buffer): void {}
  protected onTopNumber(_value: number, _integer: boolean, _offset: number): void {}
  protected onTopKeyword(_id: number, _offset: number): void {}
  protected onTopLevelClosed(_kind: typeof DICT | typeof ARRAY): void {}
}
