/** Weekly (EventBridge), and by hand after an upgrade: lists in the directory every provider who ever submitted, filed by family name. */
import type { Context } from 'aws-lambda';
import { fillProviderDirectory } from '../../use-cases/fill-provider-directory.js';
import { logger } from '../shared/powertools.js';
import { providerDirectory, submissionRepository } from '../shared/wiring/dynamodb.js';

export async function handler(_event: unknown, context: Context) {
  logger.addContext(context);
  const result = await fillProviderDirectory({ repository: submissionRepository(), directory: providerDirectory() });
  logger.info('Provider directory filled', result);
  return result;
}
