/**
 * Which failures are worth retrying: the service was busy or briefly unreachable, not our
 * input or our code. Judged from what the AWS SDK and Node put on the error, at any depth of
 * `cause` (and inside an AggregateError, as Node reports a refused dual-stack connect). Also
 * what of a service's error may be told on (`messageOf`): its name and status, not its words.
 */
const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'TransactionInProgressException',
]);

/** Transient because there were too many requests at once: the client should slow down. */
const THROTTLING_NAMES = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown']);

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
  errors?: unknown;
}

export function isTransient(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  if (e.$retryable || (status !== undefined && (status >= 500 || status === 429))) return true;
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isTransient(inner, depth + 1))) return true;
  return isTransient(e.cause, depth + 1);
}

/** A throttled request (by name or HTTP 429, at any depth of `cause`): retried later, it may well pass. */
export function isThrottled(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  if (e.$metadata?.httpStatusCode === 429 || (typeof e.name === 'string' && THROTTLING_NAMES.has(e.name))) return true;
  return isThrottled(e.cause, depth + 1);
}

/** An AWS service's error: its message may quote her data (SES's rejection names the recipient's address). */
export const fromService = (error: unknown) => typeof (error as { $metadata?: unknown } | null)?.$metadata === 'object';

/**
 * What a failure says beyond its name, which the state machine matches and keeps in its history:
 * a service's own words are left out (only its HTTP status); ours name ids, never personal data.
 */
export function messageOf(error: unknown): string {
  if (!fromService(error)) return (error as Error | null)?.message ?? '';
  const status = (error as { $metadata: { httpStatusCode?: unknown } }).$metadata.httpStatusCode;
  return `the service refused the request${typeof status === 'number' ? ` (HTTP ${status})` : ''}`;
}
