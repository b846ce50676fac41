// Runs cognito-local in its own process (its data lives under ./.cognito of the working
// directory) and exits with its parent, so no emulator outlives the local runtime.
require('aws-sdk/lib/maintenance_mode_message').suppress = true;
const { createDefaultServer } = require(process.env.COGNITO_LOCAL_MAIN);

const quietLogger = { info() {}, debug() {}, warn() {}, trace() {}, error: (...args) => console.error(...args), child() { return quietLogger; } };
process.on('disconnect', () => process.exit(0));
createDefaultServer(quietLogger)
  .then((server) => server.start({ hostname: process.env.HOST, port: Number(process.env.PORT) }))
  .then(() => process.send({ ready: true }))
  .catch((error) => {
    process.send({ error: String(error && error.stack ? error.stack : error) });
    process.exit(1);
  });
