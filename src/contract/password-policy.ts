/**
 * The user pool's password rules: the CDK user pool is made with them, and the portal shows them
 * before she chooses a password and checks them in the browser before Cognito does.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  /** Days a temporary password from an invitation stays usable. */
  tempPasswordValidityDays: 3,
} as const;

export type PasswordPolicy = typeof PASSWORD_POLICY;

/** The characters Cognito counts as symbols (its documented list; a space counts too, but not first or last). */
export const PASSWORD_SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';
