/** An email as the system sends it, whatever delivers it. */

export interface EmailAttachment {
  fileName: string;
  contentType: string;
  content: Uint8Array;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
}
