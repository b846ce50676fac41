/**
 * One request to Cognito's JSON API by plain fetch (the same protocol against AWS and
 * cognito-local, and no SDK in the portal's bundle): its answer, or the error code it named.
 * Each caller words the refusals for the step she is on.
 */
export type CognitoReply<T> = { ok: true; body: T } | { ok: false; code: string; message: string };

/** Thrown when no answer arrived at all (offline, DNS, CORS). */
export class CognitoUnreachable extends Error {
  constructor() {
    super('The sign-in service could not be reached.');
    this.name = 'CognitoUnreachable';
  }
}

export async function cognitoRequest<T>(endpoint: string, action: string, body: Record<string, unknown>): Promise<CognitoReply<T>> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new CognitoUnreachable();
  }
  const payload = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string };
  if (response.ok) return { ok: true, body: payload };
  return { ok: false, code: (payload.__type ?? 'UnknownError').split('#').pop() || 'UnknownError', message: payload.message ?? '' };
}
