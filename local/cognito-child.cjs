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
