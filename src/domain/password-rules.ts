/** The password policy as sentences she can read before typing, and which of them a password misses. */
import { PASSWORD_SYMBOLS, type PasswordPolicy } from '../contract/password-policy.js';

export interface PasswordRule {
  /** "At least 12 characters" */
  text: string;
  isMet(password: string): boolean;
}

export function passwordRules(policy: PasswordPolicy): PasswordRule[] {
  const rules: PasswordRule[] = [{ text: `At least ${policy.minLength} characters`, isMet: (password) => [...password].length >= policy.minLength }];
  if (policy.requireUppercase) rules.push({ text: 'A capital letter (A–Z)', isMet: (password) => /[A-Z]/.test(password) });
  if (policy.requireLowercase) rules.push({ text: 'A small letter (a–z)', isMet: (password) => /[a-z]/.test(password) });
  if (policy.requireDigits) rules.push({ text: 'A number (0–9)', isMet: (password) => /[0-9]/.test(password) });
  if (policy.requireSymbols) rules.push({ text: 'A symbol, such as ! @ # $ % or -', isMet: (password) => [...password.trim()].some((c) => PASSWORD_SYMBOLS.includes(c)) });
  // Cognito refuses a password that starts or ends with a space whatever else it has.
  rules.push({ text: 'No space at the start or end', isMet: (password) => password === password.trim() });
  return rules;
}

/** The rules `password` does not meet yet, in the order they are shown. */
export function unmetPasswordRules(policy: PasswordPolicy, password: string): string[] {
  return passwordRules(policy)
    .filter((rule) => !rule.isMet(password))
    .map((rule) => rule.text);
}
