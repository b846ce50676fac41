/**
 * The cross-check step (docs/cross-check.md "In the workflow"): after the commit point, each stored
 * document's text is read and compared with what the provider typed, documents in parallel, and the
 * result is recorded on the document. It informs and never fails or holds up a submission: a check
 * that crashes or runs out of time is caught and recorded UNREADABLE, and if even that cannot be
 * written the workflow goes on (a re-drive checks what is still unchecked).
 */
import * as path from 'node:path';
import { DockerImage, Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { LIMITS } from '../../src/domain/catalog.js';
import { PROJECT_ROOT } from '../project-root.js';
import { assembleTextExtractionLayer, layerInputsHash, TEXT_EXTRACTION_MODULES } from '../text-extraction-layer.js';
import type { DataLayer } from './data-layer.js';
import { ServiceFunction } from './service-function.js';
import { lambdaStep, TRANSIENT_ERRORS } from './workflow-steps.js';

/**
 * At most 3 pages × 2 images × 20 s of OCR per document (src/adapters/text-extraction); the
 * handler stops waiting 15 s before this and records UNREADABLE itself.
 */
const FUNCTION_TIMEOUT = Duration.minutes(3);
/** Above the function's own timeout, so Lambda's timeout error (caught) comes first. */
const TASK_TIMEOUT = Duration.minutes(4);
/**
 * Retried once: what our code marks transient (S3, DynamoDB) and Lambda's service errors. Not a
 * timeout or an unknown error (a container out of memory): reading the same file again would
 * spend the same minutes and fail the same way. With every document at once, the step takes at
 * most 2 × 4 minutes plus 4 × 30 s recording a failure, well inside the execution's 30 minutes.
 */
const RETRIED = TRANSIENT_ERRORS.filter((error) => error !== 'States.Timeout' && error !== 'Lambda.Unknown');

/**
 * The OCR engine, its English model and pdf.js as a layer: copied from node_modules at synthesis
 * (no Docker, no download), rebuilt when the lockfile or the layer's file list changes.
 */
export function textExtractionLayer(scope: Construct): lambda.LayerVersion {
  return new lambda.LayerVersion(scope, 'TextExtractionLayer', {
    description: 'tesseract.js with its WebAssembly core and English model, and pdf.js, for the cross-check step',
    compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
    // WebAssembly and JavaScript only: the same layer serves both architectures.
    compatibleArchitectures: [lambda.Architecture.ARM_64, lambda.Architecture.X86_64],
    code: lambda.Code.fromAsset(path.join(PROJECT_ROOT, 'infra'), {
      assetHash: layerInputsHash(),
      bundling: {
        // Required by the type; never run, because the local bundling below always succeeds.
        image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
        local: {
          tryBundle(outputDir: string) {
            assembleTextExtractionLayer(outputDir);
            return true;
          },
        },
      },
    }),
  });
}

/** The step's function: reads `documents/` objects, updates document items, nothing else. */
export function crossCheckFunction(scope: Construct, data: DataLayer): ServiceFunction {
  return new ServiceFunction(scope, 'CrossCheckDocumentFn', {
    entry: 'src/handlers/steps/cross-check-document.ts',
    description: 'Reads a stored document and compares its text with what the provider typed',
    key: data.key,
    // OCR is CPU-bound: Lambda's memory setting buys its CPU (peak RSS measured at 360 MiB).
    memorySize: 2048,
    timeout: FUNCTION_TIMEOUT,
    layers: [textExtractionLayer(scope)],
    externalModules: TEXT_EXTRACTION_MODULES,
  })
    .bindIntakeTable(data.intakeTable, 'Query', 'UpdateItem')
    .bindDocumentsRead(data.documentsBucket, data.key);
}

/** A Map over the submission's documents: check each; a failure past its retries is recorded UNREADABLE. */
export function crossCheckEachDocument(scope: Construct, fn: ServiceFunction): sfn.Map {
  const document = { 'submissionId.$': '$.submissionId', 'documentId.$': '$.documentId' };
  const check = lambdaStep(scope, 'CrossCheckDocument', fn, { ...document, mode: 'CHECK' }, null, { timeout: TASK_TIMEOUT, retryOn: RETRIED, maxAttempts: 2 });
  // Recording is one read and one write: seconds, not the check's minutes.
  const recordFailure = lambdaStep(scope, 'RecordCrossCheckFailure', fn, { ...document, mode: 'RECORD_FAILURE' }, null, { timeout: Duration.seconds(30) });
  recordFailure.addCatch(new sfn.Pass(scope, 'CrossCheckNotRecorded', { stateName: 'CrossCheckNotRecorded' }), { errors: ['States.ALL'], resultPath: sfn.JsonPath.DISCARD });
  check.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });
  const each = new sfn.Map(scope, 'CrossCheckDocuments', {
    stateName: 'CrossCheckDocuments',
    itemsPath: '$.documentIds',
    itemSelector: { 'submissionId.$': '$.submissionId', 'documentId.$': '$$.Map.Item.Value' },
    // Every document at once: in Lambda each check has its own container.
    maxConcurrency: LIMITS.maxDocuments,
    resultPath: sfn.JsonPath.DISCARD,
  });
  each.itemProcessor(check);
  return each;
}
