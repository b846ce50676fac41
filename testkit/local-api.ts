/** A tiny client for tests: sign in like the portal does, call the API, upload like the browser. */
import type { StackInfo } from '../local/runtime.js';

export async function signIn(stack: StackInfo, username: string): Promise<string> {
  const user = stack.users.find((u) => u.username === username);
  if (!user) throw new Error(`No demo user ${username}`);
  const response = await fetch(`${stack.endpoints.cognito}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.userPoolClientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken?: string } };
  if (!body.AuthenticationResult?.IdToken) throw new Error(`Sign-in failed for ${username}: ${JSON.stringify(body)}`);
  return body.AuthenticationResult.IdToken;
}

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
}

export async function callApi(stack: StackInfo, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Presigned POST as a browser sends it: every policy field, then the file. */
export async function uploadFile(upload: { url: string; fields: Record<string, string> }, bytes: Uint8Array, contentType: string): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'upload');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

export async function waitForStatus(stack: StackInfo, token: string, submissionId: string, done: (status: string) => boolean, timeoutMs = 60_000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await callApi(stack, 'GET', `/submissions/${submissionId}`, token);
    if (response.status !== 200 || done(response.body.status) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export interface Email {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** `content` is base64. */
  attachments?: { filename: string; contentType: string; content: string; size: number }[];
}

export async function mailbox(stack: StackInfo): Promise<Email[]> {
  const response = await fetch(`${stack.mailboxUrl}/store`);
  return ((await response.json()) as { emails: Email[] }).emails;
}
