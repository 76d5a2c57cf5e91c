/**
 * `commentRanges` is a shortcut for `tokenize(text).comments`: variable substitution and the
 * runner's script use it to find comments without building tokens. It must agree with the lexer
 * on every text, or a `${name}` in a comment would be substituted (or one in code left alone).
 */
import { describe, expect, test } from 'vitest';
import { commentRanges, tokenize } from '../../src/sql/lexer.js';
import { corpusAbsent, loadCorpus } from '../support/corpus.js';

const agrees = (text: string) => expect(commentRanges(text), text).toEqual(tokenize(text).comments);

describe('commentRanges finds the comments tokenize finds', () => {
  test.each([
    ['a line comment', 'SELECT 1 -- one\nFROM t'],
    ['a block comment over lines', 'SELECT /* a\n b */ 1'],
    ['an unclosed block comment', 'SELECT 1 /* never closed'],
    ['comment markers inside a string', "SELECT '-- not /* a comment' FROM t -- but this is"],
    ['a doubled quote in a string', "SELECT 'it''s -- text' -- comment"],
    ['markers in a back-ticked name and a double-quoted run', 'SELECT `a--b`, "c/*d" FROM t /* x */'],
    ['an unclosed string swallows the rest', "SELECT 'abc -- not a comment"],
    ['a hint with a comment inside', 'SELECT /*+ OPTIONS(a=1) /* inner */ */ 1 -- end'],
    ['a prefixed string', "SELECT X'--', _utf8'/*', U&'--' -- c"],
    ['a variable whose name holds dashes', "SELECT ${a--b} -- c\n, '${x}'"],
    ['`$` inside a word is part of the word', 'SELECT a${b--c} FROM t'],
    ['a stray `${` with no valid name', 'SELECT ${ -- c\n1'],
    ['operators made of dashes', 'SELECT a->b, 1-2, 3 --4\n, 5-->6'],
    ['a number before a comment', 'SELECT 1e--5\n, .5--x'],
    ['CR line ends', 'SELECT 1 -- a\r\nFROM t -- b\rWHERE x'],
  ])('%s', (_name, text) => agrees(text));

  test('random mixes of the characters that start or end quotes, comments and variables', () => {
    // Deterministic: the same texts every run, so a failure can be reproduced from its message.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ["'", '`', '"', '-', '-', '/', '*', '+', '$', '{', '}', 'a', '_', 'X', '1', ' ', '\n', '\r', 'é'];
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      agrees(text);
    }
  });

  test.skipIf(corpusAbsent)('every statement of the shared corpus (skipped: ../shared/corpus is absent)', () => {
    for (const c of loadCorpus()) agrees(c.text);
  });
});
