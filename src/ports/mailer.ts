import type { EmailMessage } from '../domain/email-message.js';

export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}
