/**
 * The rows of a classic cross-reference table (`0000012345 00000 n`, 20 bytes per object) are a
 * tenth of a PDF of small objects and carry nothing the structure check reads. While the bytes look
 * like rows — none of the delimiters that start names, strings, comments or dictionaries, and none
 * of the letters of a keyword the check reacts to (obj, endobj, stream, endstream, xref, trailer,
 * startxref, R, true, false each hold one of t j m x R a) — they are skipped with `indexOf`; the
 * tokenizer resumes at the start of the line where they stop looking like rows (`trailer`, mostly).
 */
const STOPS = [...'t/(%<[jmxRa'].map((character) => character.charCodeAt(0));

/** Where tokenizing must resume: `bytes.length` when the rows go on past these bytes. */
export function skipXrefTable(bytes: Buffer, from: number): number {
  let stop = bytes.length;
  for (const byte of STOPS) {
    const at = bytes.indexOf(byte, from);
    if (at >= 0 && at < stop) stop = at;
  }
  if (stop === bytes.length) return stop;
  let line = stop;
  while (line > from && bytes[line - 1] !== 0x0a && bytes[line - 1] !== 0x0d) line -= 1;
  return line;
}
