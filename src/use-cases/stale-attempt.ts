/**
 * A workflow step ran for an attempt that is no longer the submission's current one (or the
 * submission left VALIDATING under it): it must change nothing. Fails the step fast.
 */
export class StaleAttempt extends Error {
  override readonly name = 'StaleAttempt';
  constructor(submissionId: string, attempt: number) {
    super(`Attempt ${attempt} of submission ${submissionId} is no longer current`);
  }
}
