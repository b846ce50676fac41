/**
 * Inviting someone as the office's IT does in AWS: AdminCreateUser with Cognito's own invitation
 * email (her temporary password), then the group that gives her a role. Used by `npm run invite`
 * and by the tests of the first sign-in.
 */
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PROVIDER_GROUP, STAFF_GROUP } from '../src/contract/vocabulary.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/local-aws.js';
import { officeUserAttributes } from './office.js';

export interface Invitee {
  email: string;
  givenName: string;
  familyName: string;
  role: 'provider' | 'staff';
}

export async function inviteUser(stack: { userPoolId: string; endpoints: { cognito: string } }, invitee: Invitee): Promise<void> {
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoints.cognito, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: stack.userPoolId,
        Username: invitee.email,
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: officeUserAttributes(invitee.email, invitee.givenName, invitee.familyName),
      }),
    );
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: stack.userPoolId, Username: invitee.email, GroupName: invitee.role === 'staff' ? STAFF_GROUP : PROVIDER_GROUP }));
  } finally {
    cognito.destroy();
  }
}

/** The temporary password in an invitation's text part ("Temporary password: …"). */
export function temporaryPasswordIn(text: string): string | undefined {
  return /Temporary password: (\S+)/.exec(text)?.[1];
}

/** The code in a verification email's text part ("…new password for … portal: 123456"). */
export function codeIn(text: string): string | undefined {
  return /portal: (\d{6})\b/.exec(text)?.[1];
}
