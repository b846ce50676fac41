/**
 * `npm run invite -- --email … --given … --family … --role provider|staff` (with `npm start`
 * running): invites someone as the office's IT does in AWS — AdminCreateUser, whose invitation
 * with her temporary password lands in the local mailbox, and the group that gives her a role.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { StackInfo } from '../local/runtime.js';
import { inviteUser } from '../testkit/invite.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const usage = 'Usage: npm run invite -- --email grace.obi@example.org --given Grace --family Obi --role provider|staff';
const { values } = parseArgs({ options: { email: { type: 'string' }, given: { type: 'string' }, family: { type: 'string' }, role: { type: 'string', default: 'provider' } } });
const { email, given, family, role } = values;
if (!email || !given || !family) fail(usage);
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail(`--email must be an email address, not ${email}.\n${usage}`);
if (role !== 'provider' && role !== 'staff') fail(`--role must be provider or staff, not ${role}.\n${usage}`);
const stackFile = process.env.LOCAL_STACK_FILE ?? path.resolve('.data', 'stack.json');
if (!existsSync(stackFile)) fail(`No ${stackFile}: start the local runtime first (npm start).`);
const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as StackInfo;

await inviteUser(stack, { email, givenName: given, familyName: family, role }).catch((error: Error) => {
  if (error.name === 'UsernameExistsException') fail(`${email} already has an account.`);
  fail(`Could not invite ${email} at ${stack.endpoints.cognito} (${error.name}: ${error.message}). Is npm start running?`);
});
console.log(`Invited ${given} ${family} <${email}> as ${role}: her invitation with a temporary password is in the mailbox at ${stack.mailboxUrl}.`);
