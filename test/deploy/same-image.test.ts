import { describe, expect, it } from 'vitest';
import { markSameImages } from '../../src/deploy/same-image.js';
import type { EnvironmentDeployReport, JobDeployReport } from '../../src/deploy/types.js';
import { formatDeployCheckRun } from '../../src/report/deploy-check-run.js';

const digest = (n: number) => `registry.example.test/jobs:orders-abc@sha256:${String(n).padStart(64, '0')}`;
const job = (name: string, image: string, state: JobDeployReport['state'] = 'running'): JobDeployReport => ({
  job: name,
  kind: 'FlinkDeployment',
  namespace: 'ns',
  state,
  image,
});
const report = (environment: string, jobs: JobDeployReport[]): EnvironmentDeployReport => ({
  environment,
  sha: 'a'.repeat(40),
  jobs,
  orphans: [],
});

describe('a promotion that deploys the image an earlier environment runs', () => {
  const staging = report('staging', [job('orders', digest(1)), job('clicks', digest(2), 'failed')]);
  const production = markSameImages(
    report('production', [job('orders', digest(1)), job('clicks', digest(2)), job('fraud', digest(3))]),
    [staging],
    'staging',
  );

  it('is marked only where staging runs that very digest', () => {
    expect(production.jobs.map((j) => [j.job, j.sameImageAs])).toEqual([
      ['orders', 'staging'],
      ['clicks', undefined],
      ['fraud', undefined],
    ]);
  });

  it('and the deploy check run says so next to the image', () => {
    const text = JSON.stringify(formatDeployCheckRun(production, { redact: (t: string) => t }));
    expect(text).toContain('(same image as staging)');
    expect(text.match(/same image as/g)).toHaveLength(1);
  });
});
