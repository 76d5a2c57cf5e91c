// A promotion deploys the images the earlier environment was tested with (src/workflows/promoted-images.ts).
import { describe, expect, it } from 'vitest';
import type { JobBuildOutcome } from '../../src/workflows/build-images.js';
import { decideImages, pinToEarlier } from '../../src/workflows/promoted-images.js';

const repo = 'ghcr.io/acme/flink-jobs';
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const lookup = (job: string, tag: string): JobBuildOutcome => ({
  job,
  status: 'exists',
  builder: 'registry',
  reference: `${repo}/${job}:${tag}`,
});
const built = (job: string, tag: string, d: string, reused = true): JobBuildOutcome => ({
  job,
  status: reused ? 'reused' : 'built',
  builder: 'registry',
  image: { reference: `${repo}/${job}:${tag}`, digest: digest(d), reused, bytesUploaded: reused ? 0 : 10 },
});

describe('the images of a promotion', () => {
  it('the same content-addressed tag is the same image: deployed by the digest the earlier environment runs', () => {
    const running = new Map([['orders', `${repo}/orders:c0ffee@${digest('a')}`]]);
    const decisions = decideImages([lookup('orders', 'c0ffee')], [lookup('orders', 'c0ffee')], running, 'staging');
    expect(decisions).toEqual([{ job: 'orders', kind: 'same', image: `${repo}/orders:c0ffee@${digest('a')}` }]);
    expect(pinToEarlier([built('orders', 'c0ffee', 'a')], decisions, 'staging')).toEqual({
      outcomes: [built('orders', 'c0ffee', 'a')],
      problems: [],
    });
  });

  it('content of its own per environment (its own runner with the variables) is built for the target', () => {
    const running = new Map([['orders', `${repo}/orders:staging1@${digest('a')}`]]);
    expect(decideImages([lookup('orders', 'prod1')], [lookup('orders', 'staging1')], running, 'staging')).toEqual([
      { job: 'orders', kind: 'own' },
    ]);
  });

  it('inputs that moved since the earlier environment was deployed are refused: that image was never tested', () => {
    const running = new Map([['orders', `${repo}/orders:old@${digest('a')}`]]);
    const [decision] = decideImages([lookup('orders', 'new')], [lookup('orders', 'new')], running, 'staging');
    expect(decision).toMatchObject({ job: 'orders', kind: 'moved' });
    expect(decision!.kind === 'moved' && decision!.problem).toBe(
      `\`orders\`: staging runs \`${repo}/orders:old\`, but this commit now makes \`${repo}/orders:new\` (its base image or a dependency moved since staging was deployed)`,
    );
  });

  it('an image rebuilt, or found at another digest, is not the one tested', () => {
    const running = new Map([['orders', `${repo}/orders:c0ffee@${digest('a')}`]]);
    const decisions = decideImages([lookup('orders', 'c0ffee')], [lookup('orders', 'c0ffee')], running, 'staging');
    expect(pinToEarlier([built('orders', 'c0ffee', 'b')], decisions, 'staging').problems).toHaveLength(1);
    expect(pinToEarlier([built('orders', 'c0ffee', 'a', false)], decisions, 'staging').problems[0]).toContain(
      'it had to be built again',
    );
  });

  it('a build: configmap job runs the pinned base the earlier environment runs, even when the tag moved since', () => {
    const base = `flink:1.20@${digest('c')}`;
    const running = new Map([['orders', base]]);
    const noImage = (image: string): JobBuildOutcome => ({ job: 'orders', status: 'no-image', image });
    const decisions = decideImages([noImage('flink:1.20')], [noImage('flink:1.20')], running, 'staging');
    expect(decisions).toEqual([{ job: 'orders', kind: 'same', image: base }]);
    expect(pinToEarlier([noImage(`flink:1.20@${digest('d')}`)], decisions, 'staging').outcomes).toEqual([
      noImage(base),
    ]);
  });

  it('a job the earlier environment does not run (or a session job, without an image) has nothing to compare', () => {
    expect(decideImages([lookup('orders', 'x')], [], new Map(), 'staging')).toEqual([]);
  });
});
