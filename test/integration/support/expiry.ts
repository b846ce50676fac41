/** What the expiry job tests do against their runtime: submit and wait, catch the mail a run sends, read a trail. */
import { callApi, mailbox, type Email } from '../../../testkit/local-api.js';
import { STAFF, type RuntimeFixture } from './runtime.js';
import { submit, type Submitted } from './submissions.js';

/** A date written as the emails write it, e.g. "March 1, 2027". */
export const written = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

export function expiryTestActions(local: RuntimeFixture) {
  /** Submits as `user` and waits until every workflow is done. */
  async function submitted(user: string, documents: Parameters<typeof submit>[2]): Promise<Submitted> {
    const result = await submit(local.stack, local.tokens[user]!, documents);
    await local.runtime.workflowsIdle();
    return result;
  }

  /** The mail that arrived while `act` ran. */
  async function newMail(act: () => Promise<unknown>): Promise<Email[]> {
    const before = new Set((await mailbox(local.stack)).map((email) => email.messageId));
    await act();
    return (await mailbox(local.stack)).filter((email) => !before.has(email.messageId));
  }

  const auditOf = async (submissionId: string) =>
    (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, local.tokens[STAFF]!)).body as { events: { type: string; details: Record<string, unknown> }[]; chainIntact: boolean };

  return { submitted, newMail, auditOf };
}
