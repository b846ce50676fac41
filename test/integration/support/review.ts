/** The review API as the integration tests call it, for one local runtime. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { submitReceived, type TestDocument } from '../../../testkit/intake-documents.js';
import { callApi, mailbox, type Email } from '../../../testkit/local-api.js';
import { STAFF, type RuntimeFixture } from './runtime.js';

export function reviewCalls(local: RuntimeFixture) {
  const token = (user: string) => local.tokens[user]!;
  return {
    token,
    /** The staff user's id (the ID token's subject). */
    staffId: () => JSON.parse(Buffer.from(token(STAFF).split('.')[1]!, 'base64url').toString('utf8')).sub as string,
    review: (documentId: string, body: unknown, user = STAFF) => callApi(local.stack, 'POST', `/documents/${documentId}/review`, token(user), body),
    complete: (submissionId: string, user = STAFF) => callApi(local.stack, 'POST', `/submissions/${submissionId}/complete-review`, token(user)),
    get: (submissionId: string, user: string) => callApi(local.stack, 'GET', `/submissions/${submissionId}`, token(user)),
    auditTypes: async (submissionId: string): Promise<string[]> =>
      (await callApi(local.stack, 'GET', `/submissions/${submissionId}/audit`, token(STAFF))).body.events.map((e: { type: string }) => e.type),
    /** Emails about a submission other than its confirmation. */
    emailsAbout: async (reference: string): Promise<Email[]> => (await mailbox(local.stack)).filter((e) => e.subject.includes(reference) && !e.subject.startsWith('We received')),
    /** The stored item of a submission, or of one of its documents. */
    item: async (submissionId: string, documentId?: string) =>
      (await local.db.send(new GetCommand({ TableName: local.stack.tables.intake, Key: { pk: `SUBMISSION#${submissionId}`, sk: documentId ? `DOCUMENT#${documentId}` : '#SUBMISSION' } }))).Item!,
    /** Received, with the intake workflow's last steps (confirmation email, its audit event) done. */
    received: async (user: string, documents: TestDocument[]) => {
      const submission = await submitReceived(local.stack, token(user), documents);
      await local.runtime.workflowsIdle();
      return submission;
    },
  };
}
