/**
 * A Compound File (OLE2) named .docx is either a password-protected DOCX (Office wraps encrypted
 * packages in a Compound File holding an "EncryptedPackage" stream) or an older Office file such as
 * a .doc. Stream names are UTF-16 in the file's directory, which writers place at the start or the
 * end; we look for them in the head and tail buffers.
 */
import type { FileEnds, StructureFinding, StructureScanner } from './structure-scanner.js';
import { fileMessages } from './messages.js';

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const WORD_DOCUMENT = Buffer.from('WordDocument', 'utf16le');

export class LegacyOfficeCheck implements StructureScanner {
  readonly readsTail = true;
  push(): void {
    // Everything this check needs is in the file's ends.
  }

  finish({ head, tail }: FileEnds): StructureFinding {
    const holds = (name: Buffer) => head.includes(name) || tail.includes(name);
    if (holds(ENCRYPTED_PACKAGE)) return { code: 'ENCRYPTED_FILE', message: fileMessages.officeEncrypted() };
    if (holds(WORD_DOCUMENT)) {
      return { code: 'UNSUPPORTED_FORMAT', message: fileMessages.officeVariantUnsupported('an older Word document (.doc)'), detectedContentType: 'application/msword' };
    }
    return { code: 'UNSUPPORTED_FORMAT', message: fileMessages.officeVariantUnsupported('an older Microsoft Office file') };
  }
}
