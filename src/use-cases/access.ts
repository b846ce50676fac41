import type { Caller } from '../domain/caller.js';
import { Forbidden, NotFound } from '../domain/errors.js';
import type { Submission } from '../domain/submission.js';

/** Another provider's submission answers exactly like a missing one: no existence leak. */
export function assertCanRead(caller: Caller, submission: Submission | undefined | null): asserts submission is Submission {
  if (!submission || (caller.role !== 'staff' && submission.provider.providerId !== caller.userId)) {
    throw new NotFound('No submission with that id was found.');
  }
}

export function assertStaff(caller: Caller): void {
  if (caller.role !== 'staff') throw new Forbidden('Only credentialing staff can do this.');
}

export function assertProvider(caller: Caller): void {
  if (caller.role !== 'provider') throw new Forbidden('Only providers can submit credentialing documents.');
}
