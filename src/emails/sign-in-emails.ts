/**
 * The two emails Cognito itself sends: the invitation with her temporary password, and the code
 * to choose a new password. Cognito fills `{username}` and `{####}`; the user pool is made with
 * these texts, and the local runtime reads them back from the synthesized pool, so both send the
 * same words. Office values may be CloudFormation tokens, so this only joins strings.
 */
import type { OfficeContact } from '../contract/office.js';
import { PASSWORD_POLICY } from '../contract/password-policy.js';

export interface CognitoEmailText {
  subject: string;
  /** HTML, as Cognito sends it: one paragraph per `<p>`. */
  body: string;
}

export interface SignInEmails {
  invitation: CognitoEmailText;
  /** Sent for a forgotten password and after the office resets one. */
  verification: CognitoEmailText;
}

export function signInEmails(office: OfficeContact, portalUrl: string): SignInEmails {
  const questions = `<p>Questions? Contact the ${office.officeName}: ${office.contactEmail}, ${office.contactPhone}.</p>`;
  return {
    invitation: {
      subject: `Your ${office.organizationName} credentialing portal account`,
      body: [
        '<p>Hello,</p>',
        `<p>The ${office.officeName} at ${office.organizationName} made you an account on its credentialing portal, where you upload your credentialing documents and follow their review.</p>`,
        `<p>Sign in at ${portalUrl}<br>Email: {username}<br>Temporary password: {####}</p>`,
        `<p>The temporary password works once, within ${PASSWORD_POLICY.tempPasswordValidityDays} days: the portal then asks you to choose your own password.</p>`,
        questions,
      ].join('\n'),
    },
    verification: {
      subject: `Your ${office.organizationName} portal code`,
      body: [
        `<p>Your code to choose a new password for the ${office.organizationName} credentialing portal: {####}</p>`,
        `<p>Enter it on the portal (${portalUrl}) within 1 hour. If you did not ask for it, ignore this email: your password stays as it is.</p>`,
        questions,
      ].join('\n'),
    },
  };
}
