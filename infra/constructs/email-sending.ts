/**
 * Outgoing email through SES: the verified sender identity and a configuration set (reputation
 * metrics). Functions that send get exactly `ses:SendEmail` from this address.
 */
import { Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { ServiceFunction } from './service-function.js';

export interface EmailSendingProps {
  /** The From address; SES sends a verification email to it at deployment. */
  readonly senderAddress: string;
}

export class EmailSending extends Construct {
  readonly senderAddress: string;
  private readonly identityArn: string;
  private readonly configurationSet: ses.ConfigurationSet;
  private readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.senderAddress = props.senderAddress;
    const identity = new ses.EmailIdentity(this, 'SenderIdentity', { identity: ses.Identity.email(props.senderAddress) });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true, sendingEnabled: true });
    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName });
    this.configurationSetArn = stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
  }

  allowSending(fn: ServiceFunction): ServiceFunction {
    return fn.bindEmailSending(this.identityArn, this.senderAddress, this.configurationSetArn, this.configurationSet.configurationSetName);
  }
}
