import { describe, expect, it } from 'vitest';
import { formatImageName, ImageNameError, parseImageName } from '../../src/registry/image-name.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseImageName', () => {
  it('reads a bare Docker Hub name as library/<name> served by registry-1.docker.io', () => {
    expect(parseImageName('flink:1.20-java17')).toEqual({
      registry: 'docker.io',
      apiHost: 'registry-1.docker.io',
      repository: 'library/flink',
      tag: '1.20-java17',
      reference: '1.20-java17',
    });
  });

  it('keeps a Docker Hub organisation and defaults the tag to latest', () => {
    expect(parseImageName('apache/flink')).toMatchObject({
      registry: 'docker.io',
      repository: 'apache/flink',
      tag: 'latest',
      reference: 'latest',
    });
    expect(parseImageName('index.docker.io/apache/flink:1.20').registry).toBe('docker.io');
  });

  it('takes the first part as the registry when it has a dot, a port or is localhost', () => {
    expect(parseImageName('ghcr.io/acme/flink-jobs:orders-3f2a')).toMatchObject({
      registry: 'ghcr.io',
      apiHost: 'ghcr.io',
      repository: 'acme/flink-jobs',
      tag: 'orders-3f2a',
    });
    expect(parseImageName('127.0.0.1:5000/base:1')).toMatchObject({
      registry: '127.0.0.1:5000',
      repository: 'base',
      tag: '1',
    });
    expect(parseImageName('localhost/base')).toMatchObject({ registry: 'localhost', repository: 'base' });
  });

  it('prefers the digest over the tag when both are given', () => {
    expect(parseImageName(`127.0.0.1:5000/a/b:1.0@${DIGEST}`)).toMatchObject({
      tag: '1.0',
      digest: DIGEST,
      reference: DIGEST,
    });
    expect(parseImageName(`flink@${DIGEST}`)).toMatchObject({
      repository: 'library/flink',
      digest: DIGEST,
      reference: DIGEST,
    });
    expect(parseImageName(`flink@${DIGEST}`).tag).toBeUndefined();
  });

  it('refuses upper case, bad tags and bad digests with a message saying what to write', () => {
    expect(() => parseImageName('ghcr.io/Acme/jobs:1')).toThrow(/upper-case.*ghcr.io\/acme\/flink-jobs:1.0/s);
    expect(() => parseImageName('flink:-bad')).toThrow(ImageNameError);
    expect(() => parseImageName('flink@sha256:abc')).toThrow(/digest/);
    expect(() => parseImageName('')).toThrow(/empty/);
  });

  it('refuses a registry part that is no host name or address, and says why without the whole input', () => {
    expect(() => parseImageName('evil host!:5000/flink:1.20')).toThrow(/registry "evil host!:5000" is not a host name/);
    expect(() => parseImageName('$(id) not an image')).toThrow(
      expect.objectContaining({ reason: expect.stringMatching(/not a valid path component/) }),
    );
    expect(parseImageName('[::1]:5000/base:1').registry).toBe('[::1]:5000');
  });

  it('formats back to a canonical reference', () => {
    expect(formatImageName(parseImageName('flink:1.20'))).toBe('docker.io/library/flink:1.20');
  });
});
