/**
 * The shared Flink SQL corpus (`../shared/corpus/flink-sql`, see its README.md) as a flat
 * list of cases, each labelled valid or invalid exactly as the README and the MANIFEST
 * files say. Read once per process; nothing is copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
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

    if (DT_WHOLE_FILES.has(entry.file)) {
      cases.push({ ...base, id, text, expect: 'valid', note: entry.note });
      continue;
    }

    // DTStack's own ADD FILE/ADD JAR WITH ... syntax: Apache Flink rejects every piece.
    const dtStackOnly = entry.file === 'dtAddFile.sql';
    for (const piece of splitLikeUpstream(text)) {
      const pieceId = `${id}:${piece.line}`;
      if (dtStackOnly) {
        cases.push({ ...base, id: pieceId, text: piece.text, expect: 'invalid', kind: 'syntax', note: 'DTStack extension, not Apache Flink SQL (corpus README)' });
        continue;
      }
      cases.push(...unterminatedJarLines(pieceId, piece.text) ?? [{ ...base, id: pieceId, text: piece.text, expect: 'valid' as const }]);
    }
  }
  return cases;
}

/**
 * dt-sql-parser's `readSQL()` test helper: cut after every `;`, except that once a piece
 * contains `EXECUTE STATEMENT SET` or `BEGIN STATEMENT SET;` it runs to the next `END;`.
 * Text after the last `;` is dropped, as upstream drops it. `line` is where the piece starts.
 */
export function splitLikeUpstream(content: string): { text: string; line: number }[] {
  const pieces: { text: string; line: number }[] = [];
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

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const JAR_LINE = /^[ \t]*(?:ADD|REMOVE)[ \t]+JAR[ \t]+'[^']*'[ \t]*$/gim;

/**
 * chore.sql has `ADD JAR '...'` and `REMOVE JAR '...'` lines with no `;` after them, so the
 * upstream split yields one piece holding three statements. Flink's parser reads a script
 * as `;`-separated statements and rejects that piece at the second statement; each of the
 * three statements on its own is valid Flink. So: the piece is an invalid case, and every
 * statement in it is a valid case of its own. Returns undefined for ordinary pieces.
 */
function unterminatedJarLines(id: string, text: string): CorpusCase[] | undefined {
  const lines = [...text.matchAll(JAR_LINE)];
  if (lines.length === 0) return undefined;
  const rest = text.replace(JAR_LINE, '').replace(/\n\s*\n/g, '\n').trim();
  const statements = [...lines.map((m) => m[0].trim()), ...(rest.replace(/--[^\n]*/g, '').trim() ? [rest] : [])];
  if (statements.length < 2) return undefined;
  const second = lines.length > 1 ? lines[1]!.index : text.indexOf(rest);
  const base = { source: 'dt-sql-parser' as const };
  return [
    {
      ...base,
      id,
      text,
      expect: 'invalid',
      kind: 'syntax',
      errorLine: lineOf(text, second + (text.slice(second).length - text.slice(second).trimStart().length)),
      note: 'statements with no `;` between them (dt-sql-parser accepts this piece; Flink does not)',
    },
    ...statements.map((s, i) => ({ ...base, id: `${id}#${i + 1}`, text: s, expect: 'valid' as const, note: 'one statement of the unterminated piece' })),
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
