// The build check run, whole, against its golden file: a changed word or a stray line fails here.
// Regenerate deliberately with `npx vitest run -u test/report/build-check-run.test.ts` and review the diff.
import { describe, expect, it } from 'vitest';
import type { JobBuildOutcome } from '../../src/image/types.js';
import { formatBuildCheckRun } from '../../src/report/build-check-run.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const outcomes: JobBuildOutcome[] = [
  {
    job: 'orders',
    status: 'built',
    builder: 'registry',
    image: {
      reference: 'ghcr.io/acme/jobs:orders-0123456789abcdef',
      digest: digest('a'),
      reused: false,
      bytesUploaded: 48_213,
    },
  },
  {
    job: 'clicks',
    status: 'reused',
    builder: 'registry',
    image: {
      reference: 'ghcr.io/acme/jobs:clicks-fedcba9876543210',
      digest: digest('b'),
      reused: true,
      bytesUploaded: 0,
    },
  },
  { job: 'audit', status: 'no-image', image: `flink:1.20@${digest('c')}` },
  { job: 'fraud', status: 'skipped', reason: 'session mode: the session cluster runs it' },
  {
    job: 'enrich',
    status: 'failed',
    step: 'resolve base image',
    message: 'flink:9.9 does not exist',
    hint: 'check baseImage',
  },
];

describe('formatBuildCheckRun, whole output', () => {
  it('one environment with a job of each outcome', async () => {
    const r = formatBuildCheckRun({ environments: [{ environment: 'staging', outcomes, diagnostics: [] }] });
    await expect(
      `${JSON.stringify({ conclusion: r.conclusion, title: r.title }, null, 2)}\n\n${r.summary}\n`,
    ).toMatchFileSnapshot('./golden/build-check-run.md');
  });
});
