/** A reason the local runtime cannot start that the user can fix: `npm start` prints it without a stack trace. */
export class LocalStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalStartError';
  }
}
