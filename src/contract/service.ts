/** Names the deployed service and the local runtime agree on. */
export const SERVICE_NAME = 'credentialing-intake';
export const METRICS_NAMESPACE = 'CredentialingIntake';

/** Template metadata on each function: its TypeScript entry, which the local runtime runs. */
export const ENTRY_METADATA_KEY = 'credentialing:entry';

/** Template metadata on a scheduled rule: its job name (`npm run job -- <job-name>` locally). */
export const JOB_METADATA_KEY = 'credentialing:job';

/** Every function is an ESM bundle; CommonJS dependencies in it still call require() (CDK and the local runtime bundle alike). */
export const LAMBDA_ESM_BANNER = "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);";

/**
 * The portal's Content-Security-Policy (CloudFront in AWS, the local server locally). `connect`
 * lists the origins the browser talks to besides its own: Cognito and S3.
 */
export function portalContentSecurityPolicy(connect: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
