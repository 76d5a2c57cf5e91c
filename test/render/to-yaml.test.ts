import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toYaml } from '../../src/render/to-yaml.js';

describe('toYaml', () => {
  it('writes one document per object, separated by ---, that read back as the same objects', () => {
    const objects = [
      { kind: 'FlinkDeployment', metadata: { name: 'a' }, spec: { job: { args: ['/opt/x.sql'], parallelism: 2 } } },
      { kind: 'FlinkSessionJob', metadata: { name: 'b' }, spec: { deploymentName: 'shared' } },
    ];
    const text = toYaml(objects);
    expect(text.split('\n').filter((l) => l === '---')).toHaveLength(1);
    expect(parseAllDocuments(text).map((d) => d.toJS())).toEqual(objects);
  });

  it('quotes strings that Kubernetes, reading YAML 1.1, would take for booleans or numbers', () => {
    const conf = { a: 'on', b: 'yes', c: 'NO', d: 'y', e: '0755', f: '12:30', g: '1_000', h: 'true', i: '4' };
    const text = toYaml([conf]);
    const [doc] = parseAllDocuments(text, { version: '1.1' });
    expect(doc!.toJS()).toEqual(conf);
  });

  it('prints a multi-line script as a literal block, unfolded', () => {
    const sql = `INSERT INTO t SELECT ${'a, '.repeat(60)}b FROM u;\nINSERT INTO v SELECT 1;\n`;
    const text = toYaml([{ args: [sql] }]);
    expect(text).toContain(
      `  - |\n    INSERT INTO t SELECT ${'a, '.repeat(60)}b FROM u;\n    INSERT INTO v SELECT 1;\n`,
    );
  });

  it('writes nothing for no objects', () => {
    expect(toYaml([])).toBe('');
  });
});
