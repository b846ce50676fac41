/**
 * Sign-in for the portal: a Cognito user pool (no self sign-up: the medical staff office invites
 * people), the portal's app client, and the two groups that give a user her role.
 */
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { OfficeContact } from '../../src/contract/office.js';
import { PASSWORD_POLICY } from '../../src/contract/password-policy.js';
import { PROVIDER_GROUP, STAFF_GROUP } from '../../src/contract/vocabulary.js';
import { signInEmails } from '../../src/emails/sign-in-emails.js';

export interface PortalSignInProps {
  /** Who the invitation and code emails say is writing (stack parameters). */
  readonly office: OfficeContact;
  /** The portal's address, named in the invitation. */
  readonly portalUrl: string;
}

export class PortalSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: PortalSignInProps) {
    super(scope, id);
    const emails = signInEmails(props.office, props.portalUrl);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, givenName: { required: true, mutable: true }, familyName: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: PASSWORD_POLICY.minLength,
        requireDigits: PASSWORD_POLICY.requireDigits,
        requireLowercase: PASSWORD_POLICY.requireLowercase,
        requireUppercase: PASSWORD_POLICY.requireUppercase,
        requireSymbols: PASSWORD_POLICY.requireSymbols,
        tempPasswordValidity: Duration.days(PASSWORD_POLICY.tempPasswordValidityDays),
      },
      userInvitation: { emailSubject: emails.invitation.subject, emailBody: emails.invitation.body },
      userVerification: { emailStyle: cognito.VerificationEmailStyle.CODE, emailSubject: emails.verification.subject, emailBody: emails.verification.body },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
    });
    this.client = this.userPool.addClient('PortalClient', {
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      // The portal signs in through Cognito's API; with no hosted sign-in page, CDK's default OAuth
      // grants (implicit and code, back to https://example.com) would only be surface to misuse.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      // Name and email are the office's to set (emails, the review queue and the cross-check trust
      // them), never the user's through her own token. Cognito reads an empty list as "everything",
      // so the client may write only locale, which nothing reads.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ locale: true }),
      // The API's authorizer checks signature and expiry only: a removed or disabled user keeps
      // access until her token expires. The portal refreshes a minute before; a disabled user cannot.
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    for (const [groupId, groupName, description] of [
      ['ProvidersGroup', PROVIDER_GROUP, 'Physicians submitting credentialing documents'],
      ['StaffGroup', STAFF_GROUP, 'Credentialing staff who review documents'],
    ] as const) {
      new cognito.CfnUserPoolGroup(this, groupId, { userPoolId: this.userPool.userPoolId, groupName, description });
    }
  }
}
