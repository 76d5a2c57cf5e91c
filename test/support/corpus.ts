/**
 * The shared Flink SQL corpus (`../shared/corpus/flink-sql`, see its README.md) as a flat
 * list of cases, each labelled valid or invalid exactly as the README and the MANIFEST
 * files say. Read once per process; nothing is copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo-root.js';

export type CorpusSource = 'dt-sql-parser' | 'flink-docs' | 'flink-sql-client';

export interface CorpusCase {
  /** Stable and readable: `<source>/<file>:<line>` or the SQL client's own id. */
  id: string;
  source: CorpusSource;
  text: string;
  expect: 'valid' | 'invalid';
  /** For invalid cases: `syntax` (a parser must reject it) or `semantic` (needs session state). */
  kind?: 'syntax' | 'semantic';
  /** 1-based line (within `text`) where the first error belongs, when the source says so. */
  errorLine?: number;
  errorColumn?: number;
  note?: string;
}

export { repoRoot };
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/flink-sql');
export const corpusPresent = existsSync(path.join(corpusDir, 'README.md'));
export const corpusAbsent = !corpusPresent;

/**
 * The corpus was cut from apache/flink master of 2024-12 (Flink 2.0-SNAPSHOT), so every
 * case is parsed as a Flink 2.0 job: syntax gated on an older version must not count as a miss.
 */
export const CORPUS_FLINK_VERSION = '2.0';

export const SOURCES: readonly CorpusSource[] = ['dt-sql-parser', 'flink-docs', 'flink-sql-client'];

interface DtManifestFile {
  file: string;
  expect: 'valid' | 'invalid' | 'none';
  note: string;
}

interface DocsManifest {
  blocks: { id: string; page: string; lines: string; file?: string; skipped?: string }[];
}

interface ClientCase {
  id: string;
  source: string;
  sql: string;
  expect: 'valid' | 'invalid';
  kind: 'syntax' | 'semantic';
  errorPos?: { line: number; column: number };
  message?: string;
}

/** dt-sql-parser fixtures its tests validate as one whole text rather than piece by piece. */
const DT_WHOLE_FILES = new Set(['templates.sql', 'comment.sql', 'contextCollect/common.sql']);

let cached: CorpusCase[] | undefined;

export function loadCorpus(): CorpusCase[] {
  if (!corpusPresent) return [];
  cached ??= [...dtSqlParserCases(), ...flinkDocsCases(), ...flinkSqlClientCases()];
  return cached;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function dtSqlParserCases(): CorpusCase[] {
  const dir = path.join(corpusDir, 'dt-sql-parser');
  const manifest = readJson<{ files: DtManifestFile[] }>(path.join(dir, 'MANIFEST.json'));
  const cases: CorpusCase[] = [];
  for (const entry of manifest.files) {
    if (entry.expect === 'none') continue; // analyze.sql (empty), cursor-position fixtures: no assertion
    const text = readFileSync(path.join(dir, entry.file), 'utf8');
    const id = `dt-sql-parser/${entry.file}`;
    const base = { source: 'dt-sql-parser' as const };

    if (entry.file.startsWith('inline/') || entry.file.startsWith('suggestion/')) {
      // Whole strings/files, asserted as a whole upstream.
      const errorLine = /startLine (\d+)/.exec(entry.note)?.[1];
      cases.push({
        ...base,
        id,
        text,
        expect: entry.expect,
        ...(entry.expect === 'invalid' ? { kind: 'syntax' as const } : {}),
        ...(errorLine ? { errorLine: Number(errorLine) } : {}),
        note: entry.note,
      });
      continue;
    }

    const missing = checkMissingSemicolonTable(entry.file, text);
    if (DT_WHOLE_FILES.has(entry.file)) {
      if (missing.length === 0) {
        cases.push({ ...base, id, text, expect: 'valid', note: entry.note });
        continue;
      }
      // Invalid as a whole; its statements (split with string and comment awareness) are valid.
      cases.push(unterminatedCase(id, { text, line: 1 }, cutAtLines({ text, line: 1 }, missing)));
      for (const piece of splitStatements(text))
        cases.push(...pieceCases(`${id}:${piece.line}`, piece, missing, false));
      continue;
    }

    // DTStack's own ADD FILE/ADD JAR WITH ... syntax: Apache Flink rejects every piece.
    const dtStackOnly = entry.file === 'dtAddFile.sql';
    for (const piece of splitLikeUpstream(text)) {
      const pieceId = `${id}:${piece.line}`;
      if (dtStackOnly) {
        cases.push({
          ...base,
          id: pieceId,
          text: piece.text,
          expect: 'invalid',
          kind: 'syntax',
          note: 'DTStack extension, not Apache Flink SQL (corpus README)',
        });
        continue;
      }
      cases.push(...pieceCases(pieceId, piece, missing, true));
    }
  }
  return cases;
}

/**
 * dt-sql-parser's `readSQL()` test helper: cut after every `;`, except that once a piece
 * contains `EXECUTE STATEMENT SET` or `BEGIN STATEMENT SET;` it runs to the next `END;`.
 * Text after the last `;` is dropped, as upstream drops it. `line` is where the piece starts.
 */
export function splitLikeUpstream(content: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    if (content[i] !== ';') continue;
    const tmp = content.slice(start, i + 1);
    const multi = tmp.includes('EXECUTE STATEMENT SET') || tmp.includes('BEGIN STATEMENT SET;');
    if (multi && !tmp.endsWith('END;')) continue;
    const lead = tmp.length - tmp.trimStart().length;
    const line = lineOf(content, start + lead);
    pieces.push({ text: tmp.trim(), line });
    start = i + 1;
  }
  return pieces;
}

/**
 * Our own split, for files upstream validates whole: like `splitLikeUpstream`, but a `;`
 * inside a comment, a string or a back-ticked name does not end a statement.
 */
export function splitStatements(content: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let i = 0;
  const skipTo = (close: string, from: number): number => {
    const at = content.indexOf(close, from);
    return at < 0 ? content.length : at + close.length;
  };
  while (i < content.length) {
    const ch = content[i]!;
    if (ch === '-' && content[i + 1] === '-') i = skipTo('\n', i + 2);
    else if (ch === '/' && content[i + 1] === '*') i = skipTo('*/', i + 2);
    else if (ch === "'" || ch === '`') {
      // A doubled quote is an escaped quote: skipping twice lands in the same literal.
      i = skipTo(ch, i + 1);
    } else if (ch === ';') {
      const tmp = content.slice(start, i + 1);
      // Statement-set blocks stay whole, as upstream keeps them in the files it splits.
      const multi = /EXECUTE\s+STATEMENT\s+SET|BEGIN\s+STATEMENT\s+SET\s*;/i.test(tmp);
      i++;
      if (multi && !/\bEND\s*;$/i.test(tmp)) continue;
      const lead = tmp.length - tmp.trimStart().length;
      pieces.push({ text: tmp.trim(), line: lineOf(content, start + lead) });
      start = i;
    } else i++;
  }
  const rest = content.slice(start);
  if (rest.replace(/--[^\n]*/g, '').trim())
    pieces.push({ text: rest.trim(), line: lineOf(content, start + rest.length - rest.trimStart().length) });
  return pieces;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Lines of dt-sql-parser fixtures where a statement starts although the one before it has no
 * `;` (e.g. chore.sql's `ADD JAR '...'` followed by `REMOVE JAR '...'`). dt-sql-parser
 * accepts such a piece; Flink's parser reads a script as `;`-separated statements and stops
 * at the second statement. So the piece (or the whole file, when it is validated whole) is an
 * invalid case with its error on that line, and each statement in it is a valid case.
 * Found by reading the fixtures; checked below so a change of the corpus is noticed.
 */
const MISSING_SEMICOLON_BEFORE: Readonly<Record<string, readonly number[]>> = {
  'chore.sql': [20, 23],
  'selectJoin.sql': [81],
  'templates.sql': [776, 823, 836, 839, 847, 850, 863],
};

const STATEMENT_START = /^(ADD|REMOVE|CREATE|DROP|INSERT|SELECT)\b/i;

interface Piece {
  text: string;
  /** 1-based line of the piece's first character in its file. */
  line: number;
}

/** Cuts a piece into statements at the given file lines (lines outside the piece are ignored). */
function cutAtLines(piece: Piece, fileLines: readonly number[]): Piece[] {
  const lineStarts = [0];
  for (let i = 0; i < piece.text.length; i++) if (piece.text[i] === '\n') lineStarts.push(i + 1);
  const cuts = fileLines.filter((l) => l > piece.line && l < piece.line + lineStarts.length);
  const bounds = [0, ...cuts.map((l) => lineStarts[l - piece.line]!), piece.text.length];
  const out: Piece[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const raw = piece.text.slice(bounds[i], bounds[i + 1]);
    const text = raw.trim();
    if (text)
      out.push({ text, line: lineOf(piece.text, bounds[i]! + raw.length - raw.trimStart().length) + piece.line - 1 });
  }
  return out;
}

function checkMissingSemicolonTable(file: string, content: string): readonly number[] {
  const lines = MISSING_SEMICOLON_BEFORE[file] ?? [];
  const text = content.split('\n');
  for (const l of lines) {
    if (!STATEMENT_START.test(text[l - 1] ?? '')) {
      throw new Error(
        `corpus changed: dt-sql-parser/${file} line ${l} no longer starts a statement; update MISSING_SEMICOLON_BEFORE in test/support/corpus.ts`,
      );
    }
  }
  return lines;
}

/** The invalid case for a text holding several statements with no `;` between them. */
function unterminatedCase(id: string, piece: Piece, statements: Piece[]): CorpusCase {
  return {
    source: 'dt-sql-parser',
    id,
    text: piece.text,
    expect: 'invalid',
    kind: 'syntax',
    errorLine: statements[1]!.line - piece.line + 1,
    note: 'statements with no `;` between them: dt-sql-parser accepts this, Flink stops at the second one',
  };
}

/**
 * One upstream piece as cases: a valid case, or, when it holds statements missing their `;`,
 * each statement as a valid case (plus, if asked, the piece itself as an invalid one).
 */
function pieceCases(id: string, piece: Piece, missing: readonly number[], withPiece: boolean): CorpusCase[] {
  const statements = cutAtLines(piece, missing);
  if (statements.length < 2) return [{ source: 'dt-sql-parser', id, text: piece.text, expect: 'valid' }];
  const file = id.replace(/:\d+$/, '');
  return [
    ...(withPiece ? [unterminatedCase(`${id} (as one piece)`, piece, statements)] : []),
    ...statements.map((s): CorpusCase => ({
      source: 'dt-sql-parser',
      id: `${file}:${s.line}`,
      text: s.text,
      expect: 'valid',
      note: `a statement of ${id}, which lacks a \`;\``,
    })),
  ];
}

function flinkDocsCases(): CorpusCase[] {
  const dir = path.join(corpusDir, 'flink-docs');
  const manifest = readJson<DocsManifest>(path.join(dir, 'MANIFEST.json'));
  return manifest.blocks.flatMap((block) =>
    block.file && !block.skipped
      ? [
          {
            id: `flink-docs/${block.file}`,
            source: 'flink-docs' as const,
            text: readFileSync(path.join(dir, block.file), 'utf8'),
            expect: 'valid' as const,
            note: `${block.page} lines ${block.lines}`,
          },
        ]
      : [],
  );
}

function flinkSqlClientCases(): CorpusCase[] {
  const lines = readFileSync(path.join(corpusDir, 'flink-sql-client', 'cases.jsonl'), 'utf8').split('\n');
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ClientCase)
    .map((c) => ({
      id: c.id,
      source: 'flink-sql-client' as const,
      text: c.sql,
      expect: c.expect,
      ...(c.expect === 'invalid' ? { kind: c.kind } : {}),
      // errorPos is Flink's own "Encountered ... at line L, column C", relative to the statement text.
      ...(c.errorPos ? { errorLine: c.errorPos.line, errorColumn: c.errorPos.column } : {}),
      note: c.message ? `${c.source}: ${c.message.split('\n')[0]}` : c.source,
    }));
}
