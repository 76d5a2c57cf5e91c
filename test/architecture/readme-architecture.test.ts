import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/repo-root.js';

/**
 * The README's architecture table is the map a new reader trusts: every folder of `src/` has a
 * row, and every file a row names exists in that row's folders (a renamed or moved module must
 * take its sentence along).
 */
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Architecture'),
  readme.indexOf('\n## ', readme.indexOf('## Architecture') + 1),
);

interface Row {
  folders: string[];
  text: string;
}

function tableRows(): Row[] {
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `src/'))
    .map((line) => {
      const [, first = '', ...rest] = line.split('|');
      return { folders: [...first.matchAll(/`(src\/[^`]+)`/g)].map((m) => m[1]!), text: rest.join('|') };
    });
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** `commands/*.ts` → a pattern over paths relative to the folder; a bare name matches at any depth. */
function matches(relative: string, named: string): boolean {
  const pattern = named.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(named.includes('/') ? `^${pattern}$` : `(^|/)${pattern}$`).test(relative);
}

describe("README's architecture section", () => {
  const rows = tableRows();

  it('has a row for every folder of src/', () => {
    const folders = readdirSync(path.join(repoRoot, 'src'))
      .filter((f) => statSync(path.join(repoRoot, 'src', f)).isDirectory())
      .map((f) => `src/${f}/`);
    const described = new Set(rows.flatMap((r) => r.folders));
    expect(folders.filter((f) => !described.has(f))).toEqual([]);
  });

  it('names only files that exist in the folders of their row', () => {
    const missing: string[] = [];
    const allFiles = filesUnder(path.join(repoRoot, 'src')).map((f) => path.relative(path.join(repoRoot, 'src'), f));
    for (const row of rows) {
      // A name is relative to its row's folder (`commands/*.ts`) or to src/ (`image/types.ts`).
      const files = row.folders.flatMap((folder) =>
        filesUnder(path.join(repoRoot, folder)).flatMap((f) => [
          path.relative(path.join(repoRoot, folder), f),
          path.relative(path.join(repoRoot, 'src'), f),
        ]),
      );
      for (const [, named] of row.text.matchAll(/`([\w*./-]+\.ts)`/g)) {
        // A row may name a module of another folder by its path from src/ (`workflows/comment-command.ts`).
        const elsewhere = named!.includes('/') && allFiles.some((f) => matches(f, named!));
        if (!elsewhere && !files.some((f) => matches(f, named!))) missing.push(`${row.folders.join(', ')}: ${named}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('matches names the way the table writes them', () => {
    expect(matches('commands/check.ts', 'commands/*.ts')).toBe(true);
    expect(matches('support/table-definitions.ts', 'table-definitions.ts')).toBe(true);
    expect(matches('redact.ts', 'report/redact.ts')).toBe(false);
    expect(matches('text/redact.ts', 'report/redact.ts')).toBe(false);
    expect(matches('format-redact.ts', 'redact.ts')).toBe(false);
  });
});
