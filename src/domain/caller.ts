/** Who is calling, from the verified Cognito ID token, plus request facts the audit needs. */
export type Role = 'provider' | 'staff';

export interface Caller {
  userId: string;
  email: string;
  name: string;
  /** The token's given_name and family_name as written, when it has them (the directory files her by them). */
  givenName?: string;
  familyName?: string;
  role: Role;
  requestId: string;
  sourceIp: string | null;
}

export { PROVIDER_GROUP, STAFF_GROUP } from '../contract/vocabulary.js';
