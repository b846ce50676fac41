/**
 * Outgoing email through SES: the verified sender identity and a configuration set (reputation
 * metrics). Functions that send get exactly `ses:SendEmail` from this address, and the office's
 * name, contact details and the portal's address that every email shows.
 */
import { Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { OfficeContact } from '../../src/contract/office.js';
import type { ServiceFunction } from './service-function.js';

export interface EmailSendingProps {
  /** The From address; SES sends a verification email to it at deployment. */
  readonly senderAddress: string;
  /** Who the emails say is writing and how to reach them (stack parameters). */
  readonly office: OfficeContact;
  /** The portal's address: every link in an email starts here. */
  readonly portalUrl: string;
}

export class EmailSending extends Construct {
  readonly senderAddress: string;
  private readonly office: OfficeContact;
  private readonly portalUrl: string;
  private readonly identityArn: string;
  private readonly configurationSet: ses.ConfigurationSet;
  private readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.senderAddress = props.senderAddress;
    this.office = props.office;
    this.portalUrl = props.portalUrl;
    const identity = new ses.EmailIdentity(this, 'SenderIdentity', { identity: ses.Identity.email(props.senderAddress) });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true, sendingEnabled: true });
    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName });
    this.configurationSetArn = stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
  }

  allowSending(fn: ServiceFunction): ServiceFunction {
    return fn.bindEmailSending({
      identityArn: this.identityArn,
      fromAddress: this.senderAddress,
      configurationSetArn: this.configurationSetArn,
      configurationSetName: this.configurationSet.configurationSetName,
      office: this.office,
      portalUrl: this.portalUrl,
    });
  }
}
