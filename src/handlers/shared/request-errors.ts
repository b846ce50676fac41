/** Refusals of the HTTP request itself (not of its content): they exist only at the HTTP edge. */
import { DomainError } from '../../domain/errors.js';

export class PayloadTooLarge extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}
export class UnsupportedMediaType extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}
