/**
 * `npm run demo` (with `npm start` running): what the portal does, step by step, over HTTP —
 * sign in as Emily, create a submission, upload a generated PDF with the presigned POST,
 * submit, and poll until the workflow has decided.
 */
import { readFileSync } from 'node:fs';
import type { StackInfo } from '../local/runtime.js';
import { makePdf, sha256Hex } from '../testkit/files.js';
import { callApi, mailbox, signIn, uploadFile, waitForStatus } from '../testkit/local-api.js';

const stack = JSON.parse(readFileSync('.data/stack.json', 'utf8')) as StackInfo;
const token = await signIn(stack, 'emily.johnson@example.org');
console.log('1. Signed in as emily.johnson@example.org');

const pdf = makePdf({ pages: 2 });
const created = await callApi(stack, 'POST', '/submissions', token, {
  documents: [
    {
      documentType: 'MEDICAL_LICENSE',
      fileName: 'ca-medical-license.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      sha256: sha256Hex(pdf),
      issueDate: '2024-07-01',
      expirationDate: '2028-06-30',
      issuingAuthority: 'Medical Board of California',
      details: { licenseNumber: 'A123456', jurisdiction: 'CA' },
    },
  ],
});
console.log(`2. POST /submissions → ${created.status}`, JSON.stringify(created.body.error ?? { submissionId: created.body.submissionId, status: created.body.status }));
if (created.status !== 201) process.exit(1);

const [document] = created.body.documents as { documentId: string; upload: { url: string; fields: Record<string, string> } }[];
console.log(`3. Presigned POST upload to ${document!.upload.url} → ${await uploadFile(document!.upload, pdf, 'application/pdf')}`);

const submitted = await callApi(stack, 'POST', `/submissions/${created.body.submissionId}/submit`, token);
console.log(`4. POST /submissions/{id}/submit → ${submitted.status}`, JSON.stringify(submitted.body));

const final = await waitForStatus(stack, token, created.body.submissionId, (status) => status !== 'VALIDATING');
console.log(`5. GET /submissions/{id} → ${final.body.status}, reference ${final.body.referenceNumber}, review by ${final.body.estimatedReviewCompletionDate}`);

// The confirmation is sent right after the status flips: give it a moment.
let email;
for (let attempt = 0; attempt < 50 && !email; attempt++) {
  email = (await mailbox(stack)).find((e) => final.body.referenceNumber && e.subject.includes(final.body.referenceNumber));
  if (!email) await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log(`6. Email to ${email?.destination.to.join(', ')}: "${email?.subject}" — see ${stack.mailboxUrl}`);
console.log(`   Status page: ${stack.portalUrl}/submissions/${created.body.submissionId}`);
