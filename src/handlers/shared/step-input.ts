/**
 * Workflow task input is shaped by our own state machine; still, check it before trusting it.
 * Plain checks rather than a schema library: each step's input is a few ids.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class StepInputInvalid extends Error {
  override readonly name = 'StepInputInvalid';
}

function fieldOf(event: unknown, name: string): unknown {
  if (event === null || typeof event !== 'object') throw new StepInputInvalid('The step input is not an object');
  return (event as Record<string, unknown>)[name];
}

export function uuidField(event: unknown, name: string): string {
  const value = fieldOf(event, name);
  if (typeof value !== 'string' || !UUID.test(value)) throw new StepInputInvalid(`${name} must be a UUID`);
  return value;
}

export function textField(event: unknown, name: string): string {
  const value = fieldOf(event, name);
  if (typeof value !== 'string' || value.length === 0) throw new StepInputInvalid(`${name} must be a non-empty string`);
  return value;
}

export function oneOf<T extends string>(event: unknown, name: string, allowed: readonly T[]): T {
  const value = fieldOf(event, name);
  if (!allowed.includes(value as T)) throw new StepInputInvalid(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function objectField(event: unknown, name: string): Record<string, unknown> {
  const value = fieldOf(event, name);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new StepInputInvalid(`${name} must be an object`);
  return value as Record<string, unknown>;
}

export function positiveIntegerField(event: unknown, name: string): number {
  const value = fieldOf(event, name);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new StepInputInvalid(`${name} must be a positive integer`);
  return value;
}

export const submissionStepInput = (event: unknown) => ({ submissionId: uuidField(event, 'submissionId') });
export const attemptStepInput = (event: unknown) => ({ submissionId: uuidField(event, 'submissionId'), attempt: positiveIntegerField(event, 'attempt') });
export const documentStepInput = (event: unknown) => ({ submissionId: uuidField(event, 'submissionId'), documentId: uuidField(event, 'documentId') });

/** The notify step's result (`{value: {messageId}}`) or the error it ended with (`{Error, Cause}`). */
export function emailOutcome(event: unknown): { value?: { messageId?: string }; Error?: string } {
  const email = objectField(event, 'email');
  const messageId = (email.value as { messageId?: unknown } | undefined)?.messageId;
  return {
    ...(typeof messageId === 'string' ? { value: { messageId } } : {}),
    ...(typeof email.Error === 'string' ? { Error: email.Error } : {}),
  };
}
