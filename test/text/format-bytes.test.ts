import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/text/format-bytes.js';

describe('formatBytes', () => {
  it('prints the limits we enforce as the powers of two they are', () => {
    expect(formatBytes(1024 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });

  it('keeps small counts in bytes and rounds to one decimal above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});
