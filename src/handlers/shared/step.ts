/**
 * The edge of every workflow task, as `http.ts` is for API routes: the Lambda context goes to the
 * logger, the input is checked before anything runs, and one line records what the step did
 * (ids and outcomes only — never document content or personal data). A failure the service
 * may not repeat (throttling, 5xx, a dropped connection) is rethrown as the one error name the
 * state machine retries; anything else fails the step at once into the failure path. A
 * service's error leaves with its name and status only (`messageOf`).
 */
import type { Context } from 'aws-lambda';
import { TRANSIENT_FAILURE_ERROR } from '../../contract/service.js';
import { logger } from './powertools.js';
import { fromService, isTransient, messageOf } from './transient.js';

export class TransientFailure extends Error {
  override readonly name = TRANSIENT_FAILURE_ERROR;
}

export function stepHandler<Input extends object, Output>(
  done: string,
  parse: (event: unknown) => Input,
  run: (input: Input, context: Context) => Promise<Output>,
  summary: (input: Input, output: Output) => object = (input) => input,
) {
  return async (event: unknown, context: Context): Promise<Output> => {
    logger.addContext(context);
    const input = parse(event);
    try {
      const output = await run(input, context);
      logger.info(done, { ...summary(input, output) });
      return output;
    } catch (error) {
      const name = (error as { name?: string } | null)?.name ?? 'Error';
      const transient = isTransient(error);
      logger.warn('Step failed', { ...input, error: name, transient });
      if (transient) throw new TransientFailure(`${name}: ${messageOf(error)}`.slice(0, 500), { cause: error });
      throw fromService(error) ? Object.assign(new Error(messageOf(error)), { name }) : error;
    }
  };
}
