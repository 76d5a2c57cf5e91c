import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/workflows/check-repository.js';
import { parseYamlSource } from '../../src/manifest/yaml-document.js';
import { repoRoot, runCli } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'streampilot-yaml-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the example repository whose clickstream-fanout job.yaml ends with `tail`. */
function repoWithJobYaml(name: string, tail: string): { root: string; manifest: string } {
  const root = path.join(scratch, name);
  cpSync(path.join(repoRoot, 'examples', 'acme-flink-jobs'), root, { recursive: true });
  const manifest = path.join(root, 'jobs', 'clickstream-fanout', 'job.yaml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8') + tail);
  return { root, manifest };
}

/** One 300 KB anchored string and 999 keys that repeat it: 300 MB once expanded. */
function aliasBomb(): string {
  const keys = Array.from({ length: 999 }, (_, i) => `  copy${i}: *big`).join('\n');
  return `variables:\n  big: &big "${'x'.repeat(300 * 1024)}"\n${keys}\n`;
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

// Before the fix the bomb took 2.6 GB and passed: a 256 MB heap turns any expansion into a crash (exit != 1).
const smallHeap = { NODE_OPTIONS: '--max-old-space-size=256' };

describe('YAML alias amplification', () => {
  it('a job.yaml whose 300 KB anchor is repeated by 999 aliases fails `check` at the alias, in a 256 MB heap', () => {
    const { root, manifest } = repoWithJobYaml('bomb-check', aliasBomb());
    const text = readFileSync(manifest, 'utf8');
    const run = runCli(['check', root, '--format', 'json'], { env: smallHeap });
    expect(run.stderr).toBe('1 error, 0 warnings.\n');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      file: string;
      line: number;
      column: number;
      rule: string;
      severity: string;
      message: string;
    }[];
    const found = report.filter((d) => d.rule === 'manifest/yaml');
    expect(found).toHaveLength(1);
    const d = found[0]!;
    expect(d).toMatchObject({ file: 'jobs/clickstream-fanout/job.yaml', severity: 'error', column: 10 });
    expect(d.message).toContain('`*big` makes this document expand to more than');
    // The limit is max(2 MiB, 4x the text): the alias that crosses it is a few copies in, not the first.
    const anchored = 300 * 1024 + 2;
    let crossing = 1;
    while (text.length + crossing * anchored <= Math.max(2 * 1024 * 1024, 4 * text.length)) crossing++;
    expect(crossing).toBeGreaterThan(1);
    expect(d.line).toBe(lineOf(text, `  copy${crossing - 1}: *big`));
    expect(run.stderr).not.toContain('No problems found');
    expect(run.stdout.length).toBeLessThan(20_000);
  });

  it('`render` of the alias-bomb job writes no manifest and exits 1', () => {
    const { root } = repoWithJobYaml('bomb-render', aliasBomb());
    const run = runCli(['render', 'clickstream-fanout', '--env', 'staging', '--dir', root], { env: smallHeap });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('makes this document expand to more than');
    expect(run.stderr.length).toBeLessThan(20_000);
  });

  it('a streampilot.yaml "billion laughs" of nested lists fails at the alias that crosses the limit', () => {
    const root = path.join(scratch, 'laughs');
    cpSync(path.join(repoRoot, 'examples', 'acme-flink-jobs'), root, { recursive: true });
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const project = path.join(root, 'streampilot.yaml');
    writeFileSync(project, readFileSync(project, 'utf8') + `x-laughs:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
    const result = checkRepository(root);
    const d = result.diagnostics.find((x) => x.rule === 'manifest/yaml');
    expect(d).toMatchObject({ file: 'streampilot.yaml', severity: 'error' });
    expect(d!.message).toMatch(/`\*[a-i]` makes this document expand/);
    expect(d!.line).toBeGreaterThan(1);
    expect(result.plan.environments).toEqual([]);
  });

  it('sharing a defaults block between environments with `<<: *defaults` still works', () => {
    const source = parseYamlSource(
      'streampilot.yaml',
      'defaults: &d\n  parallelism: 2\n  upgradeMode: savepoint\nstaging:\n  <<: *d\nproduction:\n  <<: *d\n  parallelism: 4\n',
    );
    expect(source.diagnostics).toEqual([]);
    expect(source.value).toEqual({
      defaults: { parallelism: 2, upgradeMode: 'savepoint' },
      staging: { parallelism: 2, upgradeMode: 'savepoint' },
      production: { parallelism: 4, upgradeMode: 'savepoint' },
    });
  });
});

describe('YAML aliases and merge keys that cannot be resolved are positioned where they are written', () => {
  it('an unknown alias `*nope` is an error at the alias, not at 1:1', () => {
    const { root, manifest } = repoWithJobYaml('unknown-alias', 'variables:\n  region: *nope\n');
    const run = runCli(['check', root, '--format', 'json']);
    expect(run.status).toBe(1);
    const d = (
      JSON.parse(run.stdout) as { rule: string; line: number; column: number; endColumn: number; message: string }[]
    ).find((x) => x.rule === 'manifest/yaml')!;
    expect(d.line).toBe(lineOf(readFileSync(manifest, 'utf8'), '  region: *nope'));
    expect([d.column, d.endColumn]).toEqual([11, 16]);
    expect(d.message).toContain('`*nope` names no anchor');
  });

  it('a merge key `<<: 5` is an error at the `<<`, not at 1:1', () => {
    const source = parseYamlSource('job.yaml', 'name: x\nvariables:\n  <<: 5\n');
    expect(source.value).toBeUndefined();
    expect(source.diagnostics).toHaveLength(1);
    expect(source.diagnostics[0]).toMatchObject({
      line: 3,
      column: 3,
      endColumn: 5,
      severity: 'error',
      rule: 'manifest/yaml',
    });
    expect(source.diagnostics[0]!.message).toContain('`<<` must merge a mapping');
  });

  it('a merge of an alias to a list, and an alias inside its own anchor, are errors where written', () => {
    const list = parseYamlSource('job.yaml', 'l: &l [1, 2]\nm:\n  <<: *l\n');
    expect(list.diagnostics[0]).toMatchObject({ line: 3, column: 3, rule: 'manifest/yaml' });
    expect(list.diagnostics[0]!.message).toContain('`*l` names a list');
    const loop = parseYamlSource('job.yaml', 'a: &a\n  b: *a\n');
    expect(loop.diagnostics[0]).toMatchObject({ line: 2, column: 6, rule: 'manifest/yaml' });
    expect(loop.value).toBeUndefined();
  });
});

describe('deeply nested YAML is refused at a position, before anything recurses over it', () => {
  it('a job.yaml with lists nested 150 deep is an error at the 101st level', () => {
    const text = `name: x\nvariables: ${'['.repeat(150)}1${']'.repeat(150)}\n`;
    const source = parseYamlSource('job.yaml', text);
    expect(source.value).toBeUndefined();
    // The root mapping is the first level: the 100th bracket is the 101st.
    expect(source.diagnostics).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'variables: '.length + 100,
        rule: 'manifest/yaml',
        message: 'job.yaml: this value is nested more than 100 levels deep',
      }),
    ]);
  });

  it('a job.yaml nested 20,000 deep, which overflows the yaml package itself, is a positioned error that says so', () => {
    const source = parseYamlSource('job.yaml', `name: x\nvariables: ${'['.repeat(20000)}1${']'.repeat(20000)}\n`);
    expect(source.diagnostics[0]).toMatchObject({
      line: 2,
      rule: 'manifest/yaml',
      message: 'job.yaml nests lists or mappings too deeply to be read',
    });
    expect(source.diagnostics[0]!.column).toBeGreaterThan(1);
  });
});

it('the scratch repositories are real files (sanity)', () => {
  expect(statSync(scratch).isDirectory()).toBe(true);
});
