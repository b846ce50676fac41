import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage } from '../domain/email-message.js';
import type { Mailer } from '../ports/mailer.js';

/**
 * SES v2 `SendEmail` with simple content: SES builds the MIME message, attachments included
 * (`Content.Simple.Attachments`), so no MIME library ships in the bundle.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly fromAddress: string,
    private readonly configurationSetName?: string,
  ) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const attachments = message.attachments ?? [];
    const result = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [message.to] },
        ...(this.configurationSetName ? { ConfigurationSetName: this.configurationSetName } : {}),
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
            ...(attachments.length > 0
              ? {
                  Attachments: attachments.map((attachment) => ({
                    FileName: attachment.fileName,
                    ContentType: attachment.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    ContentTransferEncoding: 'BASE64' as const,
                    RawContent: attachment.content,
                  })),
                }
              : {}),
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? 'unknown' };
  }
}
