/**
 * The SES adapter against the SES emulator: what a mailbox receives, attachments included.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/provision.js';
import { SesMailer } from '../../src/adapters/ses-mailer.js';
import { expiryReminderEmail, submissionReceivedEmail } from '../../src/emails/index.js';
import * as samples from '../../testkit/email-samples.js';
import type { Email } from '../../testkit/local-api.js';

const sesServer = (createRequire(import.meta.url)('aws-ses-v2-local') as typeof import('aws-ses-v2-local')).default;

let server: Server;
let endpoint: string;
let ses: SESv2Client;

beforeAll(async () => {
  server = await sesServer({ host: '127.0.0.1', port: 0 });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ses = new SESv2Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  ses?.destroy();
  await new Promise((done) => {
    server.closeAllConnections?.();
    server.close(done);
  });
});

async function stored(messageId: string): Promise<Email> {
  const { emails } = (await (await fetch(`${endpoint}/store`)).json()) as { emails: Email[] };
  const email = emails.find((e) => e.messageId === messageId);
  if (!email) throw new Error(`Message ${messageId} is not in the mailbox`);
  return email;
}

describe('SES mailer', () => {
  it('delivers subject, text and HTML from the configured sender', async () => {
    // Prepare
    const mailer = new SesMailer(ses, 'credentialing@example.org', 'intake-emails');
    const message = submissionReceivedEmail(samples.received, samples.branding);

    // Act
    const { messageId } = await mailer.send(message);

    // Assess
    const email = await stored(messageId);
    expect(email).toMatchObject({ from: 'credentialing@example.org', destination: { to: ['emily.johnson@example.org'] }, subject: message.subject });
    expect(email.body.text).toBe(message.text);
    expect(email.body.html).toBe(message.html);
    expect(email.attachments ?? []).toEqual([]);
  });

  it('attaches the expiry reminder\'s calendar file, retrievable byte for byte', async () => {
    // Prepare
    const mailer = new SesMailer(ses, 'credentialing@example.org');
    const message = expiryReminderEmail(samples.expiryReminder, samples.branding);
    const calendar = message.attachments![0]!;

    // Act
    const { messageId } = await mailer.send(message);

    // Assess (the emulator's /get-emlContent encodes such attachments twice; /store keeps them as sent)
    const email = await stored(messageId);
    expect(email.subject).toBe('Reminder: your Medical License (CA) expires in 30 days — June 30, 2027');
    expect(email.body.text).toBe(message.text);
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments![0]).toMatchObject({ filename: 'medical-license-expires-2027-06-30.ics', contentType: 'text/calendar', size: calendar.content.byteLength });
    expect(Buffer.from(email.attachments![0]!.content, 'base64')).toEqual(Buffer.from(calendar.content));
  });
});
