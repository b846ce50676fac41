/** Typed domain errors; `src/handlers/shared/http.ts` maps them to HTTP in one place. */
import type { ErrorCode, FieldProblem } from '../contract/http.js';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** What exactly is wrong, by field or document path (`documents.2`). */
  constructor(message: string, readonly details: FieldProblem[] = []) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  readonly code = 'VALIDATION_FAILED';
}
export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}
export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
}
/** Also used for another provider's ids, so existence never leaks. */
export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
}
export class Conflict extends DomainError {
  readonly code = 'CONFLICT';
}
