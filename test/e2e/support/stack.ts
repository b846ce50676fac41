/** The parts of `.data/stack.json` (DESIGN.md §5) the browser tests use. */
import { signIn } from '../../../testkit/local-api.js';
import type { Schedule } from '../../../local/scheduled-event.js';

export interface DemoUser {
  username: string;
  password: string;
  role: 'provider' | 'staff';
  name: string;
}

export interface E2eStack {
  apiUrl: string;
  portalUrl: string;
  mailboxUrl: string;
  /** Where the browser uploads files (presigned POST targets). */
  s3Url: string;
  /** The Cognito endpoint the portal signs in with. */
  cognitoUrl: string;
  userPoolClientId: string;
  /** Where tests add users of their own (testkit/office.ts). */
  userPoolId: string;
  users: DemoUser[];
  endpoints: { dynamodb: string; ses: string; lambda: string; s3: string };
  tables: { intake: string; audit: string };
  auditAnchorBucketName: string;
  schedules: Schedule[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: E2eStack;
  }
}

export function user(stack: E2eStack, username: string): DemoUser {
  const found = stack.users.find((candidate) => candidate.username === username);
  if (!found) throw new Error(`Demo user ${username} is not in stack.json (have: ${stack.users.map((u) => u.username).join(', ')})`);
  return found;
}

export const EMILY = 'emily.johnson@example.org';
export const MICHAEL = 'michael.chen@example.org';
export const STAFF = 'credentialing@example.org';

export interface StoredEmail {
  messageId: string;
  subject: string;
  body: { text?: string; html?: string };
  destination: { to: string[] };
}

/** Mail the SES emulator received, newest last. */
export async function mailbox(stack: E2eStack): Promise<StoredEmail[]> {
  const response = await fetch(`${stack.mailboxUrl.replace(/\/+$/, '')}/store`);
  if (!response.ok) throw new Error(`mailbox /store answered ${response.status}`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}

/** Signs a demo user in over the API, as the portal does (to prepare data without the browser). */
export function apiSignIn(stack: E2eStack, username: string): Promise<string> {
  return signIn({ users: stack.users, userPoolClientId: stack.userPoolClientId, endpoints: { cognito: stack.cognitoUrl } }, username);
}

/** Reads until `done` holds (or `timeoutMs` passes): for what the workflows finish after a page or call returns. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
