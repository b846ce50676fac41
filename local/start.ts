/** `npm start`: builds the portal if it is missing or stale, starts everything, prints where to go. */
import * as path from 'node:path';
import { PROJECT_ROOT } from '../infra/project-root.js';
import { buildPortalIfStale, portalIsStale } from './portal-build.js';
import { LocalStartError } from './start-error.js';

// The README explains the SDK's Node 22 timeline; no need to repeat it on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startLocalRuntime } = await import('./runtime.js');
const { jobCommandName } = await import('./scheduled-event.js');

const started = Date.now();
if (portalIsStale()) {
  console.log('Building the portal (vite build)…');
  await buildPortalIfStale();
}

const runtime = await startLocalRuntime({ dataDir: path.join(PROJECT_ROOT, '.data'), port: Number(process.env.PORT ?? 3000) }).catch((error: unknown) => {
  if (!(error instanceof LocalStartError)) throw error;
  console.error(`\nThe local runtime could not start.\n\n${error.message}\n`);
  process.exit(1);
});
const { stack } = runtime;
const jobs = Object.keys(stack.scheduledJobs);
console.log(`
Credentialing document intake is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).

  Portal:   ${stack.portalUrl}
  API:      ${stack.apiUrl}
  Mailbox:  ${stack.mailboxUrl}   (every email the system sends, kept in .data/)
${jobs.length ? `  Jobs:     ${jobs.map(jobCommandName).join(', ')}   (on their schedules; run one now: npm run job -- <job> [--date YYYY-MM-DD])\n` : ''}
  Demo sign-ins:
${stack.users.map((u) => `    ${u.role.padEnd(8)} ${u.username.padEnd(28)} ${u.password}   (${u.name})`).join('\n')}
  Invite someone as the office's IT would (her invitation lands in the mailbox):
    npm run invite -- --email <address> --given <name> --family <name> [--role provider|staff]

  Data is kept in .data/ (delete it to start fresh); .data/stack.json has every endpoint and id.
  Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\nStopping…');
    await runtime.close();
    process.exit(0);
  });
}
