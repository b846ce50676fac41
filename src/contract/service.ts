/** Names the deployed service and the local runtime agree on. */
export const SERVICE_NAME = 'credentialing-intake';
export const METRICS_NAMESPACE = 'CredentialingIntake';

/** Template metadata on each function: its TypeScript entry, which the local runtime runs. */
export const ENTRY_METADATA_KEY = 'credentialing:entry';

/** Template metadata on a scheduled rule: its job name (`npm run job -- <job-name>` locally). */
export const JOB_METADATA_KEY = 'credentialing:job';

/** Every function is an ESM bundle; CommonJS dependencies in it still call require() (CDK and the local runtime bundle alike). */
export const LAMBDA_ESM_BANNER = "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);";

/** Where esbuild looks in a package for its entry when bundling a function: the ES module build first (CDK and the local runtime alike). */
export const LAMBDA_MAIN_FIELDS = ['module', 'main'] as const;

/**
 * The portal's Content-Security-Policy (CloudFront in AWS, the local server locally). `connect`
 * lists the origins the browser talks to besides its own: Cognito and S3. `documents` is where
 * presigned document URLs point: staff preview a PDF in a frame and an image in an `<img>`.
 */
export function portalContentSecurityPolicy(connect: readonly string[], documents: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${["'self'", 'data:', ...documents].join(' ')}`,
    ...(documents.length > 0 ? [`frame-src ${documents.join(' ')}`] : []),
    `connect-src ${["'self'", ...connect].join(' ')}`,
    // The HEIC converter decodes in a worker it builds from a blob: URL (its own code, never fetched).
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The one error name the workflow retries for our own steps: the step edge
 * (`src/handlers/shared/step.ts`) rethrows every transient failure (throttling, 5xx, dropped
 * connections) under it; anything else fails fast into the failure path.
 */
export const TRANSIENT_FAILURE_ERROR = 'TransientFailure';

/** Metrics the handlers publish and the stack alarms on (namespace above, `service` dimension). */
export const METRICS = {
  processingFailed: 'SubmissionsProcessingFailed',
  refusalNotAudited: 'RefusalsNotAudited',
  auditAnchorFailed: 'AuditAnchorsNotWritten',
  /** Documents the malware scan found a threat in (either engine): staff are alarmed. */
  malwareDetected: 'DocumentsMalwareDetected',
  /** Expiry notices claimed by a run that died before recording them: sent or not, never resent. */
  expiryNoticesUnconfirmed: 'ExpiryNoticesUnconfirmed',
} as const;
