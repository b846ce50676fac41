/**
 * The cross-check step as the template states it (issue 12 §1): after the commit point, every
 * stored document at once, each failure caught and recorded — nothing in it reaches the failure
 * path — bounded in time inside the execution's limit, and its function small with the OCR
 * engine in a layer. Its exact grants are in integrity.test.ts with every other function's.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { textExtractionLayer } from '../../infra/constructs/cross-check-step.js';
import { buildStack } from '../../infra/stacks.js';
import { LIMITS } from '../../src/domain/catalog.js';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> }; // eslint-disable-line @typescript-eslint/no-explicit-any
type State = { Type: string; Next?: string; End?: boolean; Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string | null }[]; Retry?: { ErrorEquals: string[]; MaxAttempts: number; IntervalSeconds: number; BackoffRate: number }[]; TimeoutSeconds?: number; Parameters?: { Payload: Record<string, unknown> }; [key: string]: unknown };

let resources: Record<string, Resource>;
let machine: Resource;
let asl: { States: Record<string, State> };
let items: Record<string, State>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildStack(app, { nag: false });
  resources = (app.synth().getStackByName(stack.stackName).template as { Resources: Record<string, Resource> }).Resources;
  machine = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && id.startsWith('IntakeWorkflow'))![1];
  asl = JSON.parse((machine.Properties.DefinitionString['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : 'ARN')).join(''));
  items = (asl.States.CrossCheckDocuments!.ItemProcessor as { States: Record<string, State> }).States;
});

const crossCheckFunction = () => Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.includes('CrossCheckDocumentFn'))!;

describe('the cross-check step in the intake workflow', () => {
  it('runs after the commit point and the credentials, before the audit step, over every document at once', () => {
    expect(asl.States.RecordCredentials!.Next).toBe('CrossCheckDocuments');
    expect(asl.States.CrossCheckDocuments).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.documentIds',
      ItemSelector: { 'submissionId.$': '$.submissionId', 'documentId.$': '$$.Map.Item.Value' },
      MaxConcurrency: LIMITS.maxDocuments,
      ResultPath: null,
      Next: 'RecordReceived',
    });
  });

  it('never reaches the failure path: a check failing past its retries is recorded UNREADABLE, and the step itself goes on to the audit step', () => {
    expect(asl.States.CrossCheckDocuments!.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'RecordReceived' }]);
    expect(Object.keys(items)).toEqual(['CrossCheckDocument', 'RecordCrossCheckFailure', 'CrossCheckNotRecorded']);
    expect(items.CrossCheckDocument).toMatchObject({ End: true, Parameters: { Payload: { mode: 'CHECK' } }, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordCrossCheckFailure' }] });
    expect(items.RecordCrossCheckFailure).toMatchObject({ End: true, Parameters: { Payload: { mode: 'RECORD_FAILURE' } }, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'CrossCheckNotRecorded' }] });
    expect(items.CrossCheckNotRecorded).toEqual({ Type: 'Pass', End: true });
    expect(JSON.stringify(asl.States.CrossCheckDocuments)).not.toContain('MarkProcessingFailed');
  });

  it('retries transient errors once, never a timeout or an out-of-memory, and lets Lambda time out before the task does', () => {
    const [retry] = items.CrossCheckDocument!.Retry!;
    expect(retry).toMatchObject({ MaxAttempts: 2, ErrorEquals: expect.arrayContaining(['TransientFailure', 'Lambda.ServiceException', 'ThrottlingException']) });
    expect(retry!.ErrorEquals).not.toContain('States.Timeout');
    expect(retry!.ErrorEquals).not.toContain('Lambda.Unknown');
    expect(items.CrossCheckDocument!.TimeoutSeconds).toBeGreaterThan(crossCheckFunction()[1].Properties.Timeout);
  });

  it('ends within the execution\'s time limit even when every check runs out its time and retries', () => {
    const worst = (state: State) => {
      const retry = state.Retry![0]!;
      const waits = Array.from({ length: retry.MaxAttempts - 1 }, (_, i) => retry.IntervalSeconds * retry.BackoffRate ** i).reduce((a, b) => a + b, 0);
      return state.TimeoutSeconds! * retry.MaxAttempts + waits;
    };
    const waves = Math.ceil(LIMITS.maxDocuments / (asl.States.CrossCheckDocuments!.MaxConcurrency as number));
    const stepSeconds = waves * (worst(items.CrossCheckDocument!) + worst(items.RecordCrossCheckFailure!));
    expect(stepSeconds).toBeLessThan((asl as unknown as { TimeoutSeconds: number }).TimeoutSeconds / 2);
  });

  it('runs its own function: ARM, 2 GB for OCR, the handler entry, and the OCR engine from a layer for both architectures', () => {
    const [, fn] = crossCheckFunction();
    expect(fn.Metadata).toMatchObject({ 'credentialing:entry': 'src/handlers/steps/cross-check-document.ts' });
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 2048, Timeout: 180, Layers: [{ Ref: expect.stringContaining('TextExtractionLayer') }] });
    const layer = resources[(fn.Properties.Layers as { Ref: string }[])[0]!.Ref]!;
    expect(layer).toMatchObject({ Type: 'AWS::Lambda::LayerVersion', Properties: { CompatibleRuntimes: ['nodejs22.x'], CompatibleArchitectures: ['arm64', 'x86_64'] } });
  });
});

describe('the text-extraction layer asset', () => {
  it('is assembled at synthesis from node_modules, without Docker: the OCR engine, its English model and pdf.js under nodejs/node_modules', () => {
    // Prepare
    const outdir = mkdtempSync(path.join(tmpdir(), 'layer-asset-'));
    try {
      const app = new App({ outdir });
      textExtractionLayer(new Stack(app, 'LayerOnly'));

      // Act
      const assembly = app.synth();

      // Assess
      const [layer] = Object.values((assembly.getStackByName('LayerOnly').template as { Resources: Record<string, Resource> }).Resources);
      const assetHash = (layer!.Properties.Content.S3Key as string).replace(/\.zip$/, '');
      const modules = path.join(assembly.directory, `asset.${assetHash}`, 'nodejs', 'node_modules');
      for (const file of ['tesseract.js/package.json', 'tesseract.js-core/tesseract-core-simd.wasm', '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz', 'pdfjs-dist/legacy/build/pdf.mjs']) {
        expect(existsSync(path.join(modules, file)), file).toBe(true);
      }
      expect(existsSync(path.join(modules, '@napi-rs'))).toBe(false);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
