import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { CredentialingStack } from './credentialing-stack.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';

export const STACK_NAME = 'CredentialingIntake';

export interface BuildOptions {
  portalAssetPath?: string;
  /** cdk-nag (AwsSolutions + HIPAA Security) fails synthesis on any unacknowledged finding. */
  nag?: boolean;
  /** Target account/region; by default the CLI's (CDK_DEFAULT_ACCOUNT/REGION), if any. */
  env?: { account?: string; region?: string };
}

export function buildStack(app: App, options: BuildOptions = {}): CredentialingStack {
  const stack = new CredentialingStack(app, STACK_NAME, {
    env: options.env ?? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: 'Credentialing document intake: documents, tables, API, workflow, email, portal',
    portalAssetPath: options.portalAssetPath,
  });
  Tags.of(app).add('application', 'credentialing-intake');
  Tags.of(app).add('data-classification', 'phi');
  acknowledgeNagFindings(stack);
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new HIPAASecurityChecks(app, { verbose: true }));
  }
  return stack;
}
