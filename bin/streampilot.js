#!/usr/bin/env node
// The compiled CLI lives in dist/ (`npm run build`); this file only hands over to it.
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
