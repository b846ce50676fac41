/**
 * The local user pool emails what Cognito emails in AWS — the invitation with her temporary
 * password, the code for a forgotten password — to the local mailbox, in the synthesized pool's
 * own texts, from Cognito's default sender.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CognitoIdentityProviderClient, ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEmails } from '../../src/emails/sign-in-emails.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws.js';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.js';
import { branding } from '../../testkit/email-samples.js';
import { codeIn, inviteUser, temporaryPasswordIn } from '../../testkit/invite.js';
import { mailbox, type Email } from '../../testkit/local-api.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sign-in-emails-'));
let runtime: LocalRuntime;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  runtime = await startLocalRuntime({ dataDir, port: 0, quiet: true, warmFunctions: false });
  cognito = new CognitoIdentityProviderClient({ endpoint: runtime.stack.endpoints.cognito, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});
afterAll(async () => {
  cognito?.destroy();
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const NEW_PASSWORD = 'Chosen-Password-2026!';
const texts = () => signInEmails(branding, runtime.stack.portalUrl);
const mailTo = async (address: string) => (await mailbox(runtime.stack)).filter((email) => email.destination.to.includes(address));
const paragraphs = (email: Email) => email.body.text?.split('\n\n') ?? [];

describe('the local user pool emails', () => {
  it('sends the invitation with her temporary password, in the template text, and it signs her in to choose her own', async () => {
    // Act
    await inviteUser(runtime.stack, { email: 'grace.obi@example.org', givenName: 'Grace', familyName: 'Obi', role: 'provider' });

    // Assess: one email, the pool's subject and words, her email and a temporary password filled in
    const [invitation, ...others] = await mailTo('grace.obi@example.org');
    expect(others).toEqual([]);
    expect(invitation!.from).toBe('no-reply@verificationemail.com');
    expect(invitation!.subject).toBe('Your Riverside Medical Group credentialing portal account');
    const temporaryPassword = temporaryPasswordIn(invitation!.body.text ?? '');
    expect(temporaryPassword).toBeTruthy();
    expect(invitation!.body.html).toBe(texts().invitation.body.replace('{username}', 'grace.obi@example.org').replace('{####}', temporaryPassword!));
    expect(paragraphs(invitation!)[2]).toBe(`Sign in at ${runtime.stack.portalUrl}\nEmail: grace.obi@example.org\nTemporary password: ${temporaryPassword}`);

    // Act: the temporary password asks for a new one, once
    const first = await cognito.send(new InitiateAuthCommand({ ClientId: runtime.stack.userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'grace.obi@example.org', PASSWORD: temporaryPassword! } }));
    const answered = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: runtime.stack.userPoolClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: 'grace.obi@example.org', NEW_PASSWORD } }));

    // Assess
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(answered.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('sends the code for a forgotten password in the template text, and the code sets her new password', async () => {
    // Prepare
    const before = (await mailTo('emily.johnson@example.org')).length;

    // Act
    const asked = await cognito.send(new ForgotPasswordCommand({ ClientId: runtime.stack.userPoolClientId, Username: 'emily.johnson@example.org' }));

    // Assess
    const sent = (await mailTo('emily.johnson@example.org')).slice(before);
    expect(sent.map((email) => email.subject)).toEqual(['Your Riverside Medical Group portal code']);
    const code = codeIn(sent[0]!.body.text ?? '');
    expect(code).toMatch(/^\d{6}$/);
    expect(sent[0]!.body.html).toBe(texts().verification.body.replace('{####}', code!));
    expect(asked.CodeDeliveryDetails?.Destination).toBeTruthy();

    // Act: the code sets the new password
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: runtime.stack.userPoolClientId, Username: 'emily.johnson@example.org', ConfirmationCode: code, Password: NEW_PASSWORD }));
    const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId: runtime.stack.userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'emily.johnson@example.org', PASSWORD: NEW_PASSWORD } }));
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
  });
});
