// The text `streampilot validate` prints, whole: findings with code frames and hints, then the summary.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('streampilot validate text output', () => {
  it('prints exactly its golden text for two files of the broken example (regenerate deliberately with `vitest run -u`)', async () => {
    const r = runCli([
      'validate',
      'examples/broken/jobs/connector-problems/main.sql',
      'examples/broken/jobs/runner-hints/main.sql',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot('./golden/validate-broken.txt');
  });

  it('prints exactly its golden text for a clean file', async () => {
    const r = runCli(['validate', 'examples/acme-flink-jobs/jobs/clickstream-fanout/main.sql', '--whole-job']);
    await expect(`exit ${r.status}\n${r.stdout}`).toMatchFileSnapshot('./golden/validate-clean.txt');
  });
});
