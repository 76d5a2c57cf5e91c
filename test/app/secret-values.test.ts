// End to end (see pull-request.test.ts for the setup), issue 10 finding 9: redaction by the values
// the app holds as secrets, whatever their variables are called. The app is started with secrets
// under names no list foresaw; a pull request makes findings quote exactly those values (as a
// file read through a link once did). GitHub's REST contract: @octokit/openapi, as the fake serves it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../support/run-cli.js';
import { PullRequest, useE2e } from './e2e-harness.js';

// Token-shaped (letters and digits mixed, no spaces), under a name that says nothing.
const opaque = `Zq${randomBytes(15).toString('hex')}9x`;
// Longer than a message quotes (60 characters): an excerpt that cut it before redaction would leak its first part.
const long = `Lq${randomBytes(48).toString('hex')}7y`;
// A webhook URL, whose secret is its path.
const hook = `https://hooks.slack.com/services/T0${randomBytes(4).toString('hex')}/B0/${randomBytes(12).toString('hex')}`;
// A GitHub Enterprise Server token in its older form, which no prefix pattern of GitHub.com catches.
const ghes = `v1.${randomBytes(20).toString('hex')}`;

const e2e = useE2e({
  appEnv: { PIPELINE_OPAQUE_SETTING: opaque, BUILD_FINGERPRINT_SEED: long, ALERTS_CHANNEL: hook, GHES_BOT: ghes },
});

const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', 'acme-flink-jobs', file), 'utf8');

describe(
  'a secret of the app’s environment never reaches GitHub or the log, whatever it is called',
  { timeout: 120_000 },
  () => {
    test('findings that quote the values of PIPELINE_OPAQUE_SETTING, BUILD_FINGERPRINT_SEED (cut by the excerpt), ALERTS_CHANNEL and GHES_BOT show [redacted]', async () => {
      const job = example('jobs/clickstream-fanout/job.yaml');
      // An unknown key and two values of the wrong kind: each message quotes what was written.
      const changed = `${job}${opaque}: 1\n${long}: 2\nmode: "${hook}"\nupgradeMode: "${ghes}"\n`
        .replace(/^mode: .*\n/m, '')
        .replace(/^upgradeMode: (?!").*\n/m, '');
      const pr = await e2e().openPullRequest({ 'jobs/clickstream-fanout/job.yaml': changed });
      const run = await pr.validated();
      expect(run.conclusion).toBe('failure');
      const text = PullRequest.text(run);
      expect(text).toContain('[redacted]');
      const places: [string, string][] = [
        ['app output', e2e().app.logs],
        ...e2e().fake.checkRuns.map((r): [string, string] => [
          `check run ${r.id}`,
          JSON.stringify({ output: r.output, annotations: r.annotations }),
        ]),
        ...e2e().fake.comments.map((c): [string, string] => [`comment ${c.id}`, c.body]),
      ];
      for (const [where, out] of places) {
        // Any 20 characters of the secret part count as a leak, not only the whole value.
        for (const [name, secret] of [
          ['PIPELINE_OPAQUE_SETTING', opaque],
          ['BUILD_FINGERPRINT_SEED', long],
          ['ALERTS_CHANNEL', hook.slice(hook.indexOf('/services/') + 10)],
          ['GHES_BOT', ghes],
        ] as const) {
          for (let i = 0; i + 20 <= secret.length; i += 10)
            expect(out.includes(secret.slice(i, i + 20)), `part of ${name} appears in the ${where}`).toBe(false);
        }
      }
    });
  },
);
