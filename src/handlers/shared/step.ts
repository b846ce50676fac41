/**
 * The edge of every workflow task, as `http.ts` is for API routes: the Lambda context goes to the
 * logger, the input is checked before anything runs, and one line records what the step did
 * (ids and outcomes only — never document content or personal data).
 */
import type { Context } from 'aws-lambda';
import { logger } from './powertools.js';

export function stepHandler<Input extends object, Output>(
  done: string,
  parse: (event: unknown) => Input,
  run: (input: Input) => Promise<Output>,
  summary: (input: Input, output: Output) => object = (input) => input,
) {
  return async (event: unknown, context: Context): Promise<Output> => {
    logger.addContext(context);
    const input = parse(event);
    const output = await run(input);
    logger.info(done, { ...summary(input, output) });
    return output;
  };
}
