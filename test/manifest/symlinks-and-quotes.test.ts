// Issue 10, findings 1 and 9: the repository reader never follows a link out of the repository
// (nor into .git), and no message quotes more than an excerpt of what the user wrote.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { NEUTRALISED_LINK_TARGET } from '../../src/git/extract-tree.js';
import { parseJobManifest } from '../../src/manifest/load-job.js';
import { parseProjectManifest } from '../../src/manifest/load-project.js';
import { loadRepository } from '../../src/manifest/load-repository.js';
import { locateInRepository } from '../../src/manifest/repository-files.js';
import { escapeControl, excerpt, MAX_QUOTED_CHARS, quote } from '../../src/text/quote.js';

const PROJECT = 'apiVersion: streampilot.dev/v1\nkind: Project\nenvironments:\n  staging: {}\n';
const JOB = (name: string) => `apiVersion: streampilot.dev/v1\nkind: FlinkSqlJob\nname: ${name}\nsql: [main.sql]\n`;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository in `<base>/repo`, with `<base>/secret.txt` outside it. */
function repo(files: Record<string, string>): { root: string; secretFile: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'streampilot-links-'));
  made.push(base);
  const root = path.join(base, 'repo');
  mkdirSync(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  const secretFile = path.join(base, 'secret.txt');
  writeFileSync(secretFile, 'outside-secret-value\n');
  return { root, secretFile };
}

const brief = (d: Diagnostic): string => `${d.file}:${d.line}:${d.column} ${d.rule}`;

describe('locateInRepository', () => {
  it('follows links that stay inside, and names the first link that leaves', () => {
    const { root, secretFile } = repo({ 'common/main.sql': 'SELECT 1;', 'jobs/a/job.yaml': JOB('a') });
    symlinkSync('../../common/main.sql', path.join(root, 'jobs/a/main.sql'));
    symlinkSync('jobs', path.join(root, 'alias'));
    symlinkSync(secretFile, path.join(root, 'common/out.sql'));
    expect(locateInRepository(root, 'alias/a/main.sql')).toMatchObject({ ok: true, relative: 'alias/a/main.sql' });
    expect(locateInRepository(root, 'common/out.sql')).toEqual({
      ok: false,
      reason: 'outside',
      link: 'common/out.sql',
    });
  });

  it('refuses a dangling link by where it points: an absolute target, the neutralised target, .git', () => {
    const { root } = repo({ 'x.txt': '' });
    symlinkSync('/proc/self/cwd/.env-that-does-not-exist', path.join(root, 'a'));
    symlinkSync(NEUTRALISED_LINK_TARGET, path.join(root, 'b'));
    symlinkSync('.git/config', path.join(root, 'c'));
    expect(locateInRepository(root, 'a')).toEqual({ ok: false, reason: 'outside', link: 'a' });
    expect(locateInRepository(root, 'b')).toEqual({ ok: false, reason: 'outside', link: 'b' });
    expect(locateInRepository(root, 'c')).toEqual({ ok: false, reason: 'outside', link: 'c' });
    expect(locateInRepository(root, '.git/config')).toMatchObject({ ok: false, reason: 'git' });
  });

  it('refuses a chain of links inside the repository that ends outside it', () => {
    const { root, secretFile } = repo({ 'x.txt': '' });
    symlinkSync(secretFile, path.join(root, 'far'));
    symlinkSync('far', path.join(root, 'near'));
    expect(locateInRepository(root, 'near')).toEqual({ ok: false, reason: 'outside', link: 'near' });
  });
});

describe('loadRepository reports a link out of the repository at the link', () => {
  it('a job.yaml linked to a file outside is reported at the link, the job not loaded and the file not read', () => {
    const { root, secretFile } = repo({ 'streampilot.yaml': PROJECT, 'jobs/a/main.sql': 'SELECT 1;' });
    symlinkSync(secretFile, path.join(root, 'jobs/a/job.yaml'));
    const result = loadRepository(root);
    expect(result.jobs).toEqual([]);
    expect(result.diagnostics.map(brief)).toEqual(['jobs/a/job.yaml:1:1 manifest/symlink-outside']);
    expect(JSON.stringify(result)).not.toContain('outside-secret-value');
  });
});

describe('quote and excerpt', () => {
  it('shows at most the excerpt, on one line, controls escaped', () => {
    expect(quote('a'.repeat(500))).toBe(`\`${'a'.repeat(MAX_QUOTED_CHARS)}…\``);
    expect(excerpt('a\nb\u001b[31m\u202e')).toBe('a\\nb\\x1b[31m\\u202e');
    expect(escapeControl('tab\there')).toBe('tab\\there');
    // An escape is never cut in half.
    expect(excerpt('abcd\n', 5)).toBe('abcd…');
  });

  it('a project file that is a whole text, not a mapping, is described, not quoted', () => {
    const text = `PRIVATE_KEY=${'Q'.repeat(2000)}`;
    const messages = parseProjectManifest(text).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      'streampilot.yaml must be a mapping of keys to values; found a single line of plain text',
    ]);
  });

  it('a long wrong value or key in a job manifest is quoted as an excerpt', () => {
    const long = 'v'.repeat(5000);
    const ds = parseJobManifest(
      `${JOB('orders')}parallelism: ${long}\n${'k'.repeat(3000)}: 1\n`,
      'jobs/orders/job.yaml',
      'orders',
    ).diagnostics;
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) expect(d.message.length, d.message).toBeLessThan(400);
  });
});
