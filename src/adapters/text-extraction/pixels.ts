/** Decoded pixels as pdf.js hands them over, and their conversion to an image Tesseract reads. */

export interface DecodedImage {
  width: number;
  height: number;
  /** pdf.js ImageKind: 1 = 1 bit per pixel (set = white), 2 = RGB, 3 = RGBA. */
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** An 8-bit greyscale PGM (P5): a header and the pixels, which Leptonica reads directly. */
export function toPgm({ width, height, kind, data }: DecodedImage): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const grey = new Uint8Array(header.length + width * height);
  grey.set(header);
  let at = header.length;
  if (kind === 1) {
    const rowBytes = Math.ceil(width / 8);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) grey[at++] = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
    return grey;
  }
  const channels = kind === 3 ? 4 : 3;
  for (let i = 0; i < width * height; i += 1) {
    const p = i * channels;
    grey[at++] = (data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114) / 1000;
  }
  return grey;
}
