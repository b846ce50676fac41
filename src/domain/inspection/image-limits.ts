/** Shared judgement of an image's declared dimensions, whatever the format. */
import { LIMITS } from '../catalog.js';
import { corrupt, type StructureFinding } from './structure-scanner.js';
import { fileMessages } from './messages.js';

/**
 * Decoders allocate width × height pixels before reading any data, so a 100-byte file declaring
 * 50 000 × 50 000 pixels asks a reviewer's viewer for ~10 GB: refuse it from the header alone.
 */
export function judgeDimensions(format: string, width: number, height: number): StructureFinding | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    return corrupt(fileMessages.imageDamaged(format));
  }
  if (width * height > LIMITS.maxImagePixels) return corrupt(fileMessages.imageTooManyPixels(format, width, height));
  return null;
}
