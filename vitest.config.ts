import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dt-sql-parser ships extension-less ESM imports that plain Node cannot resolve.
    server: { deps: { inline: ['dt-sql-parser'] } },
    testTimeout: 60_000,
    // The JSON report is what .ci/run counts for its closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
