import type { Context } from 'aws-lambda';
import { crossCheckStoredDocument, recordCrossCheckFailure, type CrossCheckStepDeps } from '../../use-cases/cross-check-document.js';
import { submissionRepository } from '../shared/wiring/dynamodb.js';
import { documentStore } from '../shared/wiring/s3.js';
import { clock } from '../shared/wiring/settings.js';
import { textExtractor } from '../shared/wiring/text-extraction.js';
import { stepHandler } from '../shared/step.js';
import { documentStepInput, oneOf } from '../shared/step-input.js';

/** Kept of the function's time to record UNREADABLE after the text was not read in time. */
const RECORDING_MARGIN_MS = 15_000;
const untilShortlyBeforeTimeout = (context: Context) => context.getRemainingTimeInMillis() - RECORDING_MARGIN_MS;

/** The step with its adapters: `CHECK` reads and compares; `RECORD_FAILURE` is the workflow's Catch. */
export function crossCheckStep(deps: () => CrossCheckStepDeps, budgetMs: (context: Context) => number = untilShortlyBeforeTimeout) {
  return stepHandler(
    'Document cross-checked',
    (event) => ({ ...documentStepInput(event), mode: oneOf(event, 'mode', ['CHECK', 'RECORD_FAILURE'] as const) }),
    ({ submissionId, documentId, mode }, context) =>
      mode === 'CHECK'
        ? crossCheckStoredDocument(deps(), submissionId, documentId, budgetMs(context))
        : recordCrossCheckFailure(deps(), submissionId, documentId),
    (input, output) => ({ ...input, ...output }),
  );
}

export const handler = crossCheckStep(() => ({ repository: submissionRepository(), store: documentStore(), extractor: textExtractor(), clock }));
