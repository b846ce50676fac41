import type { EmailMessage } from '../domain/notification-email.js';

export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}
