// Runs cognito-local in its own process (its data lives under ./.cognito of the working
// directory) and exits with its parent, so no emulator outlives the local runtime.
const fs = require('node:fs');
const path = require('node:path');

require('aws-sdk/lib/maintenance_mode_message').suppress = true;
const main = process.env.COGNITO_LOCAL_MAIN;

// cognito-local saves a user pool with StormDB's async fs.writeFile after every change, sign-ins
// included. Overlapping writeFile calls on one file interleave (a shorter JSON lands over a longer
// one) and a kill between truncate and write leaves it empty or cut short. Each file is instead
// written to a temporary file and renamed over the old one, one write at a time, the latest
// state winning: the file is always one whole JSON document.
const LocalEngine = require(require.resolve('stormdb/src/engine/local.js', { paths: [path.dirname(main)] }));
const writes = new Map();
LocalEngine.prototype.write = function writeWhole(data) {
  const queue = writes.get(this.path) ?? { tail: Promise.resolve(), next: null };
  writes.set(this.path, queue);
  // Callers arriving while a write waits join it: it serializes the state when it starts.
  queue.next ??= queue.tail.then(async () => {
    queue.next = null;
    const temporary = `${this.path}.${process.pid}.tmp`;
    await fs.promises.writeFile(temporary, this.serialize(data));
    await fs.promises.rename(temporary, this.path);
  });
  const write = queue.next;
  queue.tail = write.catch(() => undefined);
  return write;
};

// cognito-local "delivers" codes and temporary passwords by printing them. Here they are emailed
// to the local mailbox (SES v2 SendEmail to the emulator), in the user pool's own invitation and
// verification texts, which the runtime sends once it has read them from the template.
const localLib = path.join(path.dirname(main), '..');
const { MessagesService } = require(path.join(localLib, 'services/messages.js'));
const { ConsoleMessageSender } = require(path.join(localLib, 'services/messageDelivery/consoleMessageSender.js'));
let emails = null;
process.on('message', (message) => {
  if (message && message.cognitoEmails) emails = message.cognitoEmails;
});
const createMessage = MessagesService.prototype.create;
MessagesService.prototype.create = async function createWithSource(ctx, source, ...rest) {
  return { ...(await createMessage.call(this, ctx, source, ...rest)), __source: source };
};
const paragraphsToText = (html) => html.replace(/<br\s*\/?>/g, '\n').replace(/<\/p>\s*/g, '\n\n').replace(/<[^>]+>/g, '').trim();
ConsoleMessageSender.prototype.sendEmail = async function emailToMailbox(ctx, user, destination, message) {
  if (!emails) throw new Error('cognito-local: the user pool email texts have not arrived yet');
  const text = message.__source === 'AdminCreateUser' ? emails.invitation : emails.verification;
  const fill = (template) => template.replaceAll('{username}', destination).replaceAll('{####}', message.__code);
  const html = fill(text.body);
  const response = await fetch(`${process.env.SES_ENDPOINT}/v2/email/outbound-emails`, {
    method: 'POST',
    // The emulator checks only that a request is signed in AWS's scheme, not the signature.
    headers: { 'Content-Type': 'application/json', Authorization: 'AWS4-HMAC-SHA256 Credential=local-cognito/local/ses/aws4_request' },
    body: JSON.stringify({
      FromEmailAddress: emails.from,
      Destination: { ToAddresses: [destination] },
      Content: { Simple: { Subject: { Data: fill(text.subject) }, Body: { Html: { Data: html }, Text: { Data: paragraphsToText(html) } } } },
    }),
  });
  if (!response.ok) throw new Error(`cognito-local: the local mailbox refused an email (${response.status})`);
};

const { createDefaultServer } = require(main);
const quietLogger = { info() {}, debug() {}, warn() {}, trace() {}, error: (...args) => console.error(...args), child() { return quietLogger; } };
process.on('disconnect', () => process.exit(0));
createDefaultServer(quietLogger)
  .then((server) => server.start({ hostname: process.env.HOST, port: Number(process.env.PORT) }))
  .then(() => process.send({ ready: true }))
  .catch((error) => {
    process.send({ error: String(error && error.stack ? error.stack : error) });
    process.exit(1);
  });
