import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/text/display-width.js';

describe('displayWidth: terminal cells', () => {
  it('ASCII and Latin letters with accents take one cell each', () => {
    expect(displayWidth('SELECT a')).toBe(8);
    expect(displayWidth('café')).toBe(4);
  });

  it('CJK ideographs, kana, Hangul and fullwidth punctuation take two', () => {
    expect(displayWidth('订单')).toBe(4);
    expect(displayWidth('カタカナ')).toBe(8);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('：（）')).toBe(6);
    expect(displayWidth('𠀀')).toBe(2); // extension B: two UTF-16 units, two cells
  });

  it('combining marks and zero-width characters take none', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb')).toBe(2);
  });

  it('an emoji of two UTF-16 units takes two cells, not one per unit', () => {
    expect(displayWidth('🚀')).toBe(2);
  });
});
