import { describe, expect, it } from 'vitest';
import { renderDeployObjects } from '../../src/render/render-deploy-objects.js';
import { RenderError } from '../../src/render/render-error.js';
import { runtimeValues, valuesProperties } from '../../src/render/runtime-values.js';
import { RUNNER_JAR_URI } from '../../src/runner/runner-paths.js';
import { resolvedJob } from '../support/resolved-job.js';

const ours = { runner: { jarURI: RUNNER_JAR_URI } };
const SCRIPT = "INSERT INTO snk SELECT * FROM src WHERE a = '${topic}' AND b = '${db_password}';\n";
const input = { image: 'registry.example.test/jobs:orders-1@sha256:' + '1'.repeat(64), script: SCRIPT };

/** What `java.util.Properties.load` makes of a file: its escapes undone (Properties javadoc, load(Reader)). */
function loadProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const simple: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const parts = ['', ''];
    let part = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\') {
        const e = line[++i]!;
        if (e === 'u') {
          parts[part] += String.fromCharCode(parseInt(line.slice(i + 1, i + 5), 16));
          i += 4;
        } else parts[part] += simple[e] ?? e;
      } else if (part === 0 && (c === '=' || c === ':')) part = 1;
      // Unescaped white space that starts a value is skipped: a leading space must be escaped to stay.
      else if (part === 1 && parts[1] === '' && ' \t\f'.includes(c)) continue;
      else parts[part] += c;
    }
    out[parts[0]!] = parts[1]!;
  }
  return out;
}

describe('runtime values of a job on StreamPilot’s runner', () => {
  it('hold only the variables and secrets its script uses', () => {
    const job = resolvedJob({
      ...ours,
      variables: { topic: 'orders', unused: 'x' },
      secrets: { db_password: { secret: 'orders-db', key: 'password' }, other: { secret: 'x', key: 'y' } },
    });
    expect(runtimeValues(job, SCRIPT)).toEqual({
      values: [['topic', 'orders']],
      secrets: [['db_password', { secret: 'orders-db', key: 'password', env: 'STREAMPILOT_SECRET_DB_PASSWORD' }]],
    });
  });

  it('leave out a variable the script only names through the `$${name}` escape (the literal text, not a use)', () => {
    const job = resolvedJob({ ...ours, variables: { topic: 'orders', literal: 'x' } });
    const script = "INSERT INTO snk SELECT '$${literal}', '${topic}' FROM src;\n";
    expect(runtimeValues(job, script).values).toEqual([['topic', 'orders']]);
  });

  it('reads back as written, whatever the values hold (line breaks, =, :, #, backslashes, leading spaces, non-ASCII)', () => {
    const tricky = '  a=b:c #d !e \\f\nsecond line\r\ttab ünïcödé 😀';
    const text = valuesProperties({ values: [['we.ird-name', tricky]], secrets: [] });
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toHaveLength(1);
    expect(/^[\x20-\x7e\n]*$/.test(text)).toBe(true);
    expect(loadProperties(text)).toEqual({ 'value.we.ird-name': tricky });
  });

  it('render as an immutable ConfigMap named after its content, applied before the FlinkDeployment that mounts it', () => {
    const job = resolvedJob({ ...ours, variables: { topic: 'orders' } });
    const objects = renderDeployObjects(job, input);
    const [configMap] = objects.companions;
    expect(configMap).toMatchObject({ kind: 'ConfigMap', immutable: true, metadata: { namespace: 'flink-staging' } });
    expect(configMap!.metadata.name).toMatch(/^orders-enrichment-values-[0-9a-f]{10}$/);
    const again = renderDeployObjects(job, input).companions[0]!;
    const changed = renderDeployObjects({ ...job, variables: { topic: 'orders-v2' } }, input).companions[0]!;
    expect(again.metadata.name).toBe(configMap!.metadata.name);
    expect(changed.metadata.name).not.toBe(configMap!.metadata.name);
  });

  it('keep the team’s own pod template, and refuse one that already sets the secret’s variable', () => {
    const podTemplate = {
      spec: { containers: [{ name: 'flink-main-container', env: [{ name: 'TZ', value: 'UTC' }] }] },
    };
    const job = resolvedJob({
      ...ours,
      podTemplate,
      secrets: { db_password: { secret: 'orders-db', key: 'password' } },
    });
    const spec = renderDeployObjects(job, input).resource.spec as { podTemplate: any };
    expect(spec.podTemplate.spec.containers[0].env).toEqual([
      { name: 'TZ', value: 'UTC' },
      { name: 'STREAMPILOT_SECRET_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
    ]);
    const clash = {
      spec: {
        containers: [{ name: 'flink-main-container', env: [{ name: 'STREAMPILOT_SECRET_DB_PASSWORD', value: 'x' }] }],
      },
    };
    expect(() => renderDeployObjects({ ...job, podTemplate: clash }, input)).toThrow(RenderError);
  });

  it('go to a session job as --value arguments, and a secret in a session job is refused', () => {
    // A session job names our runner where the operator can download it (https, the runner's file name).
    const job = resolvedJob({
      runner: { jarURI: 'https://artifacts.example.com/streampilot/streampilot-sql-runner.jar' },
      mode: 'session',
      sessionCluster: 'shared',
      variables: { topic: 'orders' },
    });
    const script = "INSERT INTO snk SELECT * FROM src WHERE a = '${topic}';\n";
    const objects = renderDeployObjects(job, { image: '', script });
    expect(objects.companions).toEqual([]);
    expect((objects.resource.spec as { job: { args: string[] } }).job.args.slice(-2)).toEqual([
      '--value',
      'topic=orders',
    ]);
    const withSecret = { ...job, secrets: { db_password: { secret: 'orders-db', key: 'password' } } };
    expect(() => renderDeployObjects(withSecret, { image: '', script: SCRIPT })).toThrow(/session cluster's pods/);
  });

  it('are not rendered for a job with its own runner, whose variables are in its script', () => {
    const job = resolvedJob({ variables: { topic: 'orders' } });
    expect(renderDeployObjects(job, input).companions).toEqual([]);
  });
});
