/**
 * The PDF standard security handler (ISO 32000-2 §7.6.4), only as far as telling "needs a password
 * to open" from "restricted by an owner password only": the latter opens in every viewer, because
 * its user password is empty (or, rarely, its owner password is). We try the empty password as
 * both, with the spec's algorithms (R2–R4: MD5 and RC4, algorithms 2–7; R5/R6: SHA-256 and the
 * hardened hash 2.B) and, when it opens, derive the file key to read the object streams, which are
 * encrypted like any stream.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

export interface EncryptionDictionary {
  standard: boolean;
  v: number;
  r: number;
  lengthBits: number;
  p: number;
  o: Buffer | null;
  u: Buffer | null;
  ue: Buffer | null;
  oe: Buffer | null;
  encryptMetadata: boolean;
}

export function emptyEncryptionDictionary(): EncryptionDictionary {
  return { standard: false, v: 0, r: 0, lengthBits: 40, p: 0, o: null, u: null, ue: null, oe: null, encryptMetadata: true };
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i += 1) s[i] = i;
  for (let i = 0, j = 0; i < 256; i += 1) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n += 1) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

function keyLength(dictionary: EncryptionDictionary): number {
  return dictionary.r === 2 ? 5 : Math.min(16, Math.max(5, Math.floor(dictionary.lengthBits / 8)));
}

/** Algorithm 2: the file key for a user password, padded to 32 bytes. */
function legacyFileKey(dictionary: EncryptionDictionary, id0: Buffer, password: Buffer): Buffer {
  const length = keyLength(dictionary);
  const p = Buffer.alloc(4);
  p.writeInt32LE(dictionary.p | 0);
  const noMetadata = dictionary.r >= 4 && !dictionary.encryptMetadata ? [Buffer.from([0xff, 0xff, 0xff, 0xff])] : [];
  let hash = md5(password, (dictionary.o ?? Buffer.alloc(32)).subarray(0, 32), p, id0, ...noMetadata);
  if (dictionary.r >= 3) for (let i = 0; i < 50; i += 1) hash = md5(hash.subarray(0, length));
  return hash.subarray(0, length);
}

/** Algorithms 4 and 5: does the key computed from a password reproduce /U? */
function legacyUserPasswordMatches(dictionary: EncryptionDictionary, key: Buffer, id0: Buffer): boolean {
  const u = dictionary.u;
  if (!u || u.length < 16) return false;
  if (dictionary.r === 2) return rc4(key, PAD).equals(u.subarray(0, 32));
  let value = rc4(key, md5(PAD, id0));
  for (let i = 1; i <= 19; i += 1) value = rc4(Buffer.from(key.map((byte) => byte ^ i)), value);
  return value.equals(u.subarray(0, 16));
}

/** Algorithm 2.B (R6): the hardened hash of a password with a salt. */
function hardenedHash(password: Buffer, salt: Buffer, userKey: Buffer): Buffer {
  let k = createHash('sha256').update(Buffer.concat([password, salt, userKey])).digest();
  for (let round = 0; ; round += 1) {
    const block = Buffer.concat([password, k, userKey]);
    const k1 = Buffer.concat(Array<Buffer>(64).fill(block));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i += 1) sum += e[i]!;
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3]!).update(e).digest();
    if (round >= 63 && e[e.length - 1]! <= round - 31) return k.subarray(0, 32);
  }
}

/** Algorithm 7: the user password an owner password (here the empty one) unlocks, from /O. */
function userPasswordFromEmptyOwner(dictionary: EncryptionDictionary): Buffer {
  let hash = md5(PAD);
  if (dictionary.r >= 3) for (let i = 0; i < 50; i += 1) hash = md5(hash);
  const key = hash.subarray(0, keyLength(dictionary));
  let value = (dictionary.o ?? Buffer.alloc(32)).subarray(0, 32);
  if (dictionary.r === 2) return rc4(key, value);
  for (let i = 19; i >= 0; i -= 1) value = rc4(Buffer.from(key.map((byte) => byte ^ i)), value);
  return value;
}

function aes256(key: Buffer, data: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', key, Buffer.alloc(16));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/**
 * The file key when the document opens with the empty user password (owner-password-only
 * protection), or null when opening it needs a password, or the handler is not the standard one.
 */
export function fileKeyForEmptyPassword(dictionary: EncryptionDictionary, id0: Buffer | null): Buffer | null {
  if (!dictionary.standard || !dictionary.u) return null;
  const { r, u } = dictionary;
  if (r >= 2 && r <= 4) {
    const id = id0 ?? Buffer.alloc(0);
    for (const password of [PAD, userPasswordFromEmptyOwner(dictionary)]) {
      const key = legacyFileKey(dictionary, id, password);
      if (legacyUserPasswordMatches(dictionary, key, id)) return key;
    }
    return null;
  }
  if ((r === 5 || r === 6) && u.length >= 48) {
    const empty = Buffer.alloc(0);
    const hash = (salt: Buffer, userKey: Buffer) => (r === 5 ? createHash('sha256').update(Buffer.concat([salt, userKey])).digest() : hardenedHash(empty, salt, userKey));
    const { o, ue, oe } = dictionary;
    if (ue && ue.length >= 32 && hash(u.subarray(32, 40), empty).equals(u.subarray(0, 32))) return aes256(hash(u.subarray(40, 48), empty), ue.subarray(0, 32));
    const userKey = u.subarray(0, 48);
    if (o && o.length >= 48 && oe && oe.length >= 32 && hash(o.subarray(32, 40), userKey).equals(o.subarray(0, 32))) return aes256(hash(o.subarray(40, 48), userKey), oe.subarray(0, 32));
  }
  return null;
}

/**
 * Candidate plaintexts of one encrypted stream: the crypt filter (RC4 or AES, named in /CF, which
 * we do not read) is tried both ways; the caller keeps the one that inflates.
 */
export function decryptStream(dictionary: EncryptionDictionary, fileKey: Buffer, objectNumber: number, generation: number, data: Buffer): Buffer[] {
  if (dictionary.v >= 5) return [aesCbc(fileKey, data)].filter((plain): plain is Buffer => plain !== null);
  const salt = Buffer.from([objectNumber & 0xff, (objectNumber >> 8) & 0xff, (objectNumber >> 16) & 0xff, generation & 0xff, (generation >> 8) & 0xff]);
  const length = Math.min(16, fileKey.length + 5);
  const candidates = [rc4(md5(fileKey, salt).subarray(0, length), data)];
  if (dictionary.v === 4) {
    const aes = aesCbc(md5(fileKey, salt, Buffer.from('sAlT', 'latin1')).subarray(0, length), data);
    if (aes) candidates.unshift(aes);
    candidates.push(data); // an /Identity crypt filter leaves streams as they are
  }
  return candidates;
}

/** AES-CBC with the IV in the first 16 bytes and PKCS#5 padding (null when the data cannot be that). */
function aesCbc(key: Buffer, data: Buffer): Buffer | null {
  if (data.length < 32 || data.length % 16 !== 0) return null;
  try {
    const decipher = createDecipheriv(key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc', key, data.subarray(0, 16));
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
  } catch {
    return null;
  }
}
