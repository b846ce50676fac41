/**
 * `npm run seed:office -- [--stack .data/stack.json] [--providers 40] [--heavy 32]`: fills a
 * running local stack with a credentialing office's few months, through the real API and
 * workflow (testkit/office.ts): providers added to the user pool, and for each her submissions in
 * every state — drafts, refused by the checks, received, in review, verified, action required, a
 * replacement of the rejected license, an early renewal of the verified one (documents expiring
 * within 90 days throughout). The first provider has `--heavy` submissions. Then, because the
 * review queue's days waiting and NCQA due dates need submissions made weeks ago, it **fakes time
 * passing**: a third of the submissions still waiting get `submittedAt` (and their queue key and
 * due date) moved 1–45 days back, written straight to the table — the only direct write.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { StackInfo } from '../local/runtime.js';
import { DEFAULT_OFFICE_TIME_ZONE } from '../src/contract/office.js';
import { addDays, isoDateInZone } from '../src/domain/dates.js';
import { signIn } from '../testkit/local-api.js';
import { addProviders, ageWaitingSubmissions, inBatches, officeCv, officeDea, officeLicense, seedSubmission, type OfficeUser, type Outcome, type Seeded } from '../testkit/office.js';
import type { TestDocument } from '../testkit/intake-documents.js';

const { values } = parseArgs({ options: { stack: { type: 'string', default: '.data/stack.json' }, providers: { type: 'string', default: '40' }, heavy: { type: 'string', default: '32' }, tag: { type: 'string', default: 'office' } } });
const stack = JSON.parse(readFileSync(values.stack!, 'utf8')) as StackInfo;
const today = isoDateInZone(new Date(), DEFAULT_OFFICE_TIME_ZONE);
const staff = await signIn(stack, stack.users.find((user) => user.role === 'staff')!.username);
const started = Date.now();

const providers = await addProviders(stack, Number(values.providers), values.tag);
console.log(`${providers.length} providers added (${((Date.now() - started) / 1000).toFixed(0)} s)`);

/** One provider's history: eight kinds of submission, repeated for the heavy one. */
async function history(provider: OfficeUser, index: number, rounds: number): Promise<Seeded[]> {
  const done: Seeded[] = [];
  const as = (documents: TestDocument[], outcome: Outcome) => seedSubmission(stack, provider.token, staff, documents, outcome).then((seeded) => (done.push(seeded), seeded));
  for (let round = 0; round < rounds; round++) {
    const serial = `${index}${String(round).padStart(2, '0')}`;
    const soon = addDays(today, 5 + ((index * 11 + round * 17) % 85));
    const verified = await as([officeLicense(`${serial}1`, soon, addDays(today, -700)), officeCv(addDays(today, -30))], 'VERIFIED');
    await as([officeDea(index * 100 + round, addDays(today, 20 + ((index + round) % 60)), addDays(today, -300))], 'RECEIVED');
    await as([officeLicense(`${serial}2`, addDays(today, 400), addDays(today, -200))], 'IN_REVIEW');
    const rejected = await as([officeLicense(`${serial}3`, addDays(today, 500), addDays(today, -100))], 'ACTION_REQUIRED');
    const replacement = officeLicense(`${serial}3`, addDays(today, 500), addDays(today, -100));
    await as([{ ...replacement, metadata: { ...replacement.metadata, replacesDocumentId: rejected.documents[0]!.documentId } }], 'RECEIVED');
    const renewal = officeLicense(`${serial}1`, addDays(today, 730), addDays(today, -1));
    await as([{ ...renewal, metadata: { ...renewal.metadata, replacesDocumentId: verified.documents[0]!.documentId } }], round % 2 ? 'VERIFIED' : 'RECEIVED');
    await as([officeLicense(`${serial}4`, addDays(today, 300), addDays(today, -30))], 'REFUSED');
    await as([officeCv(addDays(today, -2))], 'DRAFT');
  }
  return done;
}

const heavyRounds = Math.ceil(Number(values.heavy) / 8);
let finished = 0;
const seeded = (
  await inBatches(providers, 6, async (provider, index) => {
    const result = await history(provider, index, index === 0 ? heavyRounds : 1);
    console.log(`  ${++finished}/${providers.length} ${provider.name}: ${result.length} submissions (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    return result;
  })
).flat();

// Time passing: submissions that have waited days or weeks (see the header).
const waiting = seeded.filter((s) => s.status === 'RECEIVED' || s.status === 'IN_REVIEW');
const aged = waiting.filter((_, index) => index % 3 === 0).map((s, index) => ({ submissionId: s.submissionId, daysAgo: 1 + (index % 45) }));
await ageWaitingSubmissions(stack, aged);

const byStatus = seeded.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.status]: (counts[s.status] ?? 0) + 1 }), {});
console.log(`\n${seeded.length} submissions in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(byStatus)}; ${aged.length} waiting ones aged 1–45 days.`);
console.log(`Heaviest provider: ${providers[0]!.username} / ${providers[0]!.password} (${providers[0]!.userId})`);
