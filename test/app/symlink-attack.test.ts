// End to end (see pull-request.test.ts for the setup), issue 10 finding 1: a pull request that
// replaces streampilot.yaml by a link to /proc/self/cwd/.env, against the app started from a
// folder whose .env holds the app's key base64-encoded (a form Probot documents). The key once
// came back in the check run's first annotation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { E2e } from './e2e-harness.js';

let e2e: E2e;
let appDir: string;
let envKey: string;
let envMarker: string;

beforeAll(async () => {
  appDir = mkdtempSync(path.join(os.tmpdir(), 'streampilot-app-cwd-'));
  // The app loads this .env at start; its environment already sets PRIVATE_KEY, so the .env's
  // key (base64, a form Probot accepts) is no value the app holds or its redactor knows: only
  // reading the file could bring it into an output.
  envKey = randomBytes(300).toString('base64');
  envMarker = `dotenv-marker-${randomBytes(12).toString('hex')}`;
  writeFileSync(path.join(appDir, '.env'), `PRIVATE_KEY=${envKey}\nSTREAMPILOT_TEST_MARKER=${envMarker}\n`);
  e2e = await E2e.start({ appCwd: appDir });
}, 60_000);

afterEach(() => e2e?.expectCleanRun());

afterAll(async () => {
  await e2e?.stop();
  rmSync(appDir, { recursive: true, force: true });
});

describe('a pull request cannot read the app’s files through a symbolic link', { timeout: 120_000 }, () => {
  test('a streampilot.yaml symlinked to /proc/self/cwd/.env fails at the link and the key is in no check run, comment or log', async () => {
    const pr = await e2e.openPullRequest({ 'streampilot.yaml': { symlinkTo: '/proc/self/cwd/.env' } });
    const run = await pr.validated();
    expect(run.status).toBe('completed');
    expect(run.conclusion).toBe('failure');
    const atLink = run.annotations.filter((a) => a.path === 'streampilot.yaml' && a.start_line === 1);
    expect(atLink.map((a) => a.message).join('\n')).toMatch(/symbolic link to a file outside the repository/);
    const places: [string, string][] = [
      ['app output', e2e.app.logs],
      ...e2e.fake.checkRuns.map((r): [string, string] => [
        `check run ${r.id}`,
        JSON.stringify({ output: r.output, annotations: r.annotations }),
      ]),
      ...e2e.fake.comments.map((c): [string, string] => [`comment ${c.id}`, c.body]),
    ];
    for (const [where, text] of places) {
      expect(text.includes(envMarker), `the .env marker appears in the ${where}`).toBe(false);
      // Any 40 characters of the base64 key would be a leak, not only the whole of it.
      for (let i = 0; i + 40 <= envKey.length; i += 40)
        expect(text.includes(envKey.slice(i, i + 40)), `part of the .env key appears in the ${where}`).toBe(false);
    }
  });
});
