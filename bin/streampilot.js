#!/usr/bin/env node
// The compiled CLI lives in dist/ (`npm run build`); this file only hands over to it.

// A reader that goes away (`streampilot check . | head -1`) is not an error of ours: stop at once and quietly,
// with the status a shell gives a command ended by SIGPIPE (128 + 13), as coreutils' commands end.
// Node ignores SIGPIPE, so without this each later write fails with EPIPE and an unhandled stack trace.
const CLOSED_PIPE_STATUS = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(CLOSED_PIPE_STATUS);
    throw error;
  });
}
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
      console.error('streampilot: the CLI is not built yet. Run `npm run build` in the StreamPilot folder first.');
    } else {
      console.error(error);
    }
    process.exitCode = 2;
  });
